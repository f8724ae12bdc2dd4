package inbox

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// canAnswer reports whether Hearth can answer it where it was written:
// a feed entry is read on its site, a deleted message is gone, our own
// messages are not answered, except our VK post, whose answer is a
// comment under it.
func canAnswer(it core.Item) bool {
	switch {
	case it.Kind == core.ItemFeed || it.Deleted:
		return false
	case it.Outgoing:
		return it.Kind == core.ItemVKPost
	}
	return true
}

// replyPlace says, before anything is sent, who reads an answer to it and
// where it will show: "public VK comment, threaded under their comment".
func replyPlace(it core.Item) (to, where string) {
	to = personOn(it.Kind, it.Author)
	switch it.Kind {
	case core.ItemEmail:
		return to, lang.L("private e-mail")
	case core.ItemVKMessage:
		return to, lang.L("private VK community message")
	case core.ItemVKComment:
		return to, lang.L("public VK comment, threaded under their comment")
	case core.ItemVKPost:
		if it.Outgoing {
			return "", lang.L("public VK comment under the post")
		}
		return to, lang.L("public VK comment under their post")
	case core.ItemXMention, core.ItemXReply:
		return to, lang.L("public X reply, everyone can read it")
	}
	return to, kit.KindLabel(it.Kind)
}

// recipientBar shows where the reply goes: a line for VK and X, the
// editable To, Cc and Subject for e-mail. It belongs to the composer.
type recipientBar struct {
	line    *widget.Label
	private *widget.Check // answer privately (composer_private.go)
	pv      privateOffer
	// onPrivate runs when the toggle changes (the count's limit follows).
	onPrivate func()
	back      *widget.Button // back to answering the conversation
	mail      *fyne.Container
	to, cc    *kit.Entry
	subject   *kit.Entry
	ccRow     []fyne.CanvasObject
	addCc     *widget.Button
	// edit opens the e-mail's headers: until then one line says them, so
	// the conversation above keeps its room in a 1024x700 window.
	edit    *widget.Button
	content *fyne.Container
}

func newRecipientBar(onBack func()) *recipientBar {
	r := &recipientBar{line: widget.NewLabel(""), to: kit.NewEntry(), cc: kit.NewEntry(), subject: kit.NewEntry()}
	r.line.Truncation = fyne.TextTruncateEllipsis
	r.back = kit.FlatButton(lang.L("Answer the conversation"), theme.CancelIcon(), onBack)
	r.back.Hide()
	r.private = widget.NewCheck(lang.L("Private"), func(bool) { r.privateChanged() })
	r.private.Hide()
	r.cc.SetPlaceHolder(lang.L("name@example.org, …"))
	r.addCc = kit.FlatButton(lang.L("Cc"), theme.ContentAddIcon(), r.showCc)
	ccLabel := widget.NewLabel(lang.L("Cc"))
	r.ccRow = []fyne.CanvasObject{ccLabel, r.cc}
	r.mail = container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("To")), container.NewBorder(nil, nil, nil, r.addCc, r.to),
		ccLabel, r.cc,
		widget.NewLabel(lang.L("Subject")), r.subject)
	r.edit = kit.FlatButton(lang.L("Edit"), theme.DocumentCreateIcon(), r.openHeaders)
	r.edit.Hide()
	r.content = container.NewVBox(container.NewBorder(nil, nil, r.private, container.NewHBox(r.edit, r.back), r.line), r.mail)
	return r
}

// set shows where an answer to it goes; answering marks a message other
// than the conversation's newest, which Back returns to.
func (r *recipientBar) set(it core.Item, answering bool) {
	r.back.Hidden = !answering
	r.resetPrivate(it, answering)
	r.line.Show()
	if it.Kind != core.ItemEmail {
		r.showLine()
		r.edit.Hide()
		r.mail.Hide()
		r.content.Refresh()
		return
	}
	r.to.SetText(core.FormatPeople([]core.Person{it.Author}))
	r.cc.SetText("")
	r.subject.SetText(core.ReplySubject(it.Subject))
	r.hideCc()
	line := lang.L("To {{.Who}} · private e-mail · {{.Subject}}", map[string]any{"Who": r.to.Text, "Subject": r.subject.Text})
	if answering {
		line = lang.L("Answering this message: {{.Line}}", map[string]any{"Line": line})
	}
	r.line.SetText(line)
	r.edit.Show()
	r.mail.Hide()
	r.content.Refresh()
}

// openHeaders shows the e-mail's To, Cc and Subject for editing in place
// of the line that said them.
func (r *recipientBar) openHeaders() {
	r.edit.Hide()
	if r.back.Hidden {
		r.line.Hide() // the fields say it all
	} else {
		r.line.SetText(lang.L("Answering this message"))
	}
	r.mail.Show()
	r.content.Refresh()
}

func (r *recipientBar) showCc() {
	for _, o := range r.ccRow {
		o.Show()
	}
	r.addCc.Hide()
	r.mail.Refresh()
}

func (r *recipientBar) hideCc() {
	for _, o := range r.ccRow {
		o.Hide()
	}
	r.addCc.Show()
}

// reply reads the edited headers into r; a To or Cc that is not a list
// of addresses is an error for the person to fix.
func (r *recipientBar) reply(kind core.ItemKind, text string) (core.Reply, error) {
	rp := core.Reply{Text: text}
	if kind != core.ItemEmail {
		return rp, nil
	}
	var err error
	if rp.To, err = core.ParsePeople(r.to.Text); err != nil {
		return rp, fieldError{lang.L("To"), err}
	}
	if len(rp.To) == 0 {
		return rp, fieldError{lang.L("To"), errNobody}
	}
	if rp.Cc, err = core.ParsePeople(r.cc.Text); err != nil {
		return rp, fieldError{lang.L("Cc"), err}
	}
	rp.Subject = strings.TrimSpace(r.subject.Text)
	return rp, nil
}

type fieldError struct {
	field string
	err   error
}

// Error names the field and the problem, translated (what was typed
// stays as typed).
func (e fieldError) Error() string {
	msg := e.err.Error()
	if w := core.AsWords(e.err); w != nil { // core.ParsePeople's
		msg = kit.Say(w)
	}
	return lang.L("{{.Field}}: {{.Problem}}", map[string]any{"Field": e.field, "Problem": msg})
}

// errNobody is a To without an address.
var errNobody error = nobody{}

type nobody struct{}

func (nobody) Error() string { return lang.L("type at least one address") }
