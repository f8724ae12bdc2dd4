package inbox

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/ui/kit"
)

// messageCard is one message of a conversation: who, when, to whom, what
// could not be decoded, attachments, and the text (selectable, wrapped).
// menu, when not nil, sits at the right of the header (moderation).
func messageCard(it core.Item, menu fyne.CanvasObject, openMember func(int64)) fyne.CanvasObject {
	return messageCardLit(it, menu, openMember, nil, nil)
}

// messageCardLit is messageCard with the words a search found lit in the
// text (lit nil: none) and its pictures on pics (nil: a row for each
// attachment).
func messageCardLit(it core.Item, menu fyne.CanvasObject, openMember func(int64), lit func(string) []query.Span, pics *pictureShelf) fyne.CanvasObject {
	rows := []fyne.CanvasObject{messageHeader(it, menu, openMember)}
	if note := moderationNote(it); note != nil {
		rows = append(rows, note)
	}
	if to := recipients(it.Kind, it.To); to != "" {
		rows = append(rows, kit.NewMutedTrunc(lang.L("To: {{.Who}}", map[string]any{"Who": to})))
	}
	for _, p := range it.Problems {
		rows = append(rows, problemLine(p))
	}
	// Files above the text, as a mail client lists them; pictures under
	// it, as VK and X show a photo.
	files, pictures := pics.attachments(it)
	if files != nil {
		rows = append(rows, files)
	}
	rows = append(rows, litText(it.Text, lit))
	if pictures != nil {
		rows = append(rows, pictures)
		if hasRemote(it) && !it.Outgoing {
			if c := pics.alwaysCheck(it); c != nil {
				rows = append(rows, c)
			}
		}
	}
	if link := pageLink(it); link != nil {
		rows = append(rows, link)
	}
	if line := statsLine(it.Stats); line != "" {
		rows = append(rows, kit.NewMutedTrunc(line))
	}
	return container.NewVBox(rows...)
}

// messageHeader names the author; with openMember, the name of someone
// who has a member file opens it (a button styled as the name).
func messageHeader(it core.Item, menu fyne.CanvasObject, openMember func(int64)) fyne.CanvasObject {
	who := personLine(it)
	if it.Outgoing {
		if who == "" || who == "You" {
			who = lang.L("You")
		} else {
			who = lang.L("You ({{.Who}})", map[string]any{"Who": who})
		}
	}
	if it.VIP {
		who += "  ★ " + lang.L("VIP")
	}
	var author fyne.CanvasObject
	if openMember != nil && it.MemberID != 0 && !it.Outgoing {
		id := it.MemberID
		// A link, not a button: a long name is cut, never widening the
		// pane (a button keeps its whole text).
		link := widget.NewHyperlink(who, nil)
		link.OnTapped = func() { openMember(id) }
		link.TextStyle = fyne.TextStyle{Bold: true}
		link.Truncation = fyne.TextTruncateEllipsis
		author = container.NewBorder(nil, nil, widget.NewIcon(theme.AccountIcon()), nil, link)
	} else {
		l := widget.NewLabelWithStyle(who, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		author = l
	}
	var right fyne.CanvasObject = kit.NewMuted(kit.MessageDate(it.CreatedAt))
	if tone := toneBadge(it); tone != nil {
		right = container.NewHBox(tone, right)
	}
	if menu != nil {
		right = container.NewHBox(right, menu)
	}
	icon := widget.NewIcon(kit.ChannelIcon(it.Kind))
	return container.NewBorder(nil, nil, icon, right, author)
}

// personLine names a message's author: "Name <address>" for e-mail, "Name
// @handle" on VK and X, where the numeric address means nothing to a person.
func personLine(it core.Item) string {
	if s := personOn(it.Kind, it.Author); s != "" || it.Outgoing {
		return s
	}
	return lang.L("Someone on {{.Channel}}", map[string]any{"Channel": kit.ChannelName(it.Kind)})
}

// personOn names a person as their channel knows them: an e-mail address,
// an @handle on VK and X (never X's numeric user id).
func personOn(kind core.ItemKind, p core.Person) string {
	if kind == core.ItemEmail || kind == core.ItemFeed {
		return p.String()
	}
	switch {
	case p.Name != "" && p.Handle != "":
		return p.Name + " @" + p.Handle
	case p.Name != "":
		return p.Name
	case p.Handle != "":
		return "@" + p.Handle
	case p.Address != "" && onVK(kind):
		return "id" + p.Address
	case onX(kind):
		return "" // a bare numeric id means nothing to a person
	}
	return p.Address
}

func recipients(kind core.ItemKind, ps []core.Person) string {
	names := make([]string, 0, len(ps))
	for _, p := range ps {
		if s := personOn(kind, p); s != "" {
			names = append(names, s)
		}
	}
	return strings.Join(names, ", ")
}

// onVK and onX say which channel a kind is on, by kind: the channel's
// name as shown may be translated.
func onVK(k core.ItemKind) bool {
	return k == core.ItemVKPost || k == core.ItemVKComment || k == core.ItemVKMessage
}

func onX(k core.ItemKind) bool {
	return k == core.ItemXMention || k == core.ItemXReply || k == core.ItemXDM
}

// problemLine makes a decoding problem visible: the text below may be
// incomplete and the person must know.
func problemLine(p string) fyne.CanvasObject {
	l := widget.NewLabel(kit.Sentence(kit.Capitalize(problemText(p))))
	l.Importance = widget.WarningImportance
	l.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	return container.NewBorder(nil, nil, container.NewVBox(icon), nil, l)
}

func attachmentList(atts []core.Attachment) fyne.CanvasObject {
	rows := make([]fyne.CanvasObject, 0, len(atts))
	for _, a := range atts {
		name := a.Name
		if name == "" {
			name = lang.L("unnamed ({{.Type}})", map[string]any{"Type": a.MIMEType})
		}
		l := widget.NewLabel(name + "  ·  " + kit.HumanSize(a.Size))
		l.Truncation = fyne.TextTruncateEllipsis
		rows = append(rows, container.NewBorder(nil, nil, widget.NewIcon(theme.MailAttachmentIcon()), nil, l))
	}
	return container.New(kit.TightRows{}, rows...)
}

// messageText is the readable body: selectable so it can be copied,
// wrapped so long lines never widen the pane.
// pageLink opens a feed entry's page in the browser (a web alert's target,
// never its redirect); nil for items without one.
func pageLink(it core.Item) fyne.CanvasObject {
	u, err := url.Parse(it.Link())
	if it.Link() == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	l := widget.NewHyperlink(lang.L("Open the page: {{.Page}}", map[string]any{"Page": strings.TrimPrefix(u.Host+u.RequestURI(), "www.")}), u)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// litText is the message text with the words a search found in bold and
// the accent colour; without a search, or when it found nothing here, the
// selectable text.
func litText(text string, lit func(string) []query.Span) fyne.CanvasObject {
	text = strings.TrimRight(text, "\n")
	var spans []query.Span
	if lit != nil && strings.TrimSpace(text) != "" {
		spans = lit(text)
	}
	if len(spans) == 0 {
		return messageText(text)
	}
	plain := widget.RichTextStyleInline
	mark := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}
	var segs []widget.RichTextSegment
	at := 0
	for _, sp := range spans {
		if sp.Start > at {
			segs = append(segs, &widget.TextSegment{Text: text[at:sp.Start], Style: plain})
		}
		segs = append(segs, &widget.TextSegment{Text: text[sp.Start:sp.End], Style: mark})
		at = sp.End
	}
	if at < len(text) {
		segs = append(segs, &widget.TextSegment{Text: text[at:], Style: plain})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

func messageText(text string) fyne.CanvasObject {
	if strings.TrimSpace(text) == "" {
		return kit.NewMuted(lang.L("(no text)"))

	}
	l := widget.NewLabel(strings.TrimRight(text, "\n"))
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return l
}

// fixedProblems are the mail parser's problems that quote nothing of the
// message (integrations/imap/mailparse): stored in English with the item,
// translated where shown. The others quote a part or a header and stay.
var fixedProblems = []string{
	"from: the message names no sender",
	"date: the message has no date",
	"the message has no text and no attachments",
	"the message structure is too complex; some parts are not shown",
}

// problemText is a stored decoding problem in the language in use, when
// Hearth knows its words.
func problemText(p string) string {
	if slices.Contains(fixedProblems, p) {
		return lang.L(p)
	}
	var n int
	if _, err := fmt.Sscanf(p, "and %d more problems", &n); err == nil && p == fmt.Sprintf("and %d more problems", n) {
		return lang.N("and {{.Count}} more problems", n, map[string]any{"Count": n})
	}
	return p
}
