package calendar

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/posttext"
)

// previewThumb is the side of a picture in a channel's preview.
const previewThumb = 36

// previewChars is the most of a text a preview shows before "…": enough
// to read where the X cut falls, not a VK post's sixteen thousand.
const previewChars = 400

// preview shows, per chosen channel, what it will show of the post: the
// text as the channel's limit cuts it (the part past it in red: Schedule
// refuses it as it is) and the pictures it keeps, in order. It is
// rebuilt from the fields on every change; thumbnails come from the
// picture list, already decoded off the UI goroutine.
type preview struct {
	e   *postEditor
	box *fyne.Container
	acc *widget.Accordion
}

func newPreview(e *postEditor) *preview {
	p := &preview{e: e, box: container.NewVBox()}
	p.acc = widget.NewAccordion(widget.NewAccordionItem(lang.L("Preview per channel"), p.box))
	p.acc.Hide()
	return p
}

func (p *preview) content() fyne.CanvasObject { return p.acc }

// update rebuilds the preview from the post as the fields hold it.
func (p *preview) update() {
	post := p.e.collect()
	var cards []fyne.CanvasObject
	for _, t := range post.Targets {
		if calendar.Publishes(t.AccountKind) {
			cards = append(cards, p.card(post, t))
		}
	}
	p.box.Objects = cards
	p.box.Refresh()
	p.acc.Hidden = len(cards) == 0 || post.Text == "" && len(post.Media) == 0
	p.acc.Refresh()
}

// card is one channel's preview.
func (p *preview) card(post core.Post, t core.PostTarget) fyne.CanvasObject {
	ch := posttext.ForAccount(t.AccountKind)
	kept, over := posttext.Cut(ch, post.TextFor(t))
	title := widget.NewLabelWithStyle(fmt.Sprintf("%s · %s", kindLabel(t.AccountKind), name(t)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rows := []fyne.CanvasObject{title}
	if kept != "" {
		rows = append(rows, wrapped(shorten(kept), widget.MediumImportance))
	}
	if over != "" {
		rows = append(rows, wrapped(lang.L("Past the limit, not taken: {{.Text}}", map[string]any{"Text": shorten(over)}), widget.DangerImportance))
	}
	if pics := p.pictures(post.Media, posttext.LimitsOf(ch).Media); pics != nil {
		rows = append(rows, pics)
	}
	if why := p.e.media.videoRefusal(post.Media, ch, name(t)); why != "" {
		rows = append(rows, wrapped(sentence(why), widget.DangerImportance))
	}
	return container.NewVBox(append(rows, widget.NewSeparator())...)
}

// pictures are the thumbnails of the pictures a channel keeps (the first
// most of them), and how many it leaves out.
func (p *preview) pictures(media []core.PostImage, most int) fyne.CanvasObject {
	if len(media) == 0 {
		return nil
	}
	kept := media
	if most > 0 && len(kept) > most {
		kept = kept[:most]
	}
	row := container.NewHBox()
	for _, m := range kept {
		row.Add(container.NewGridWrap(fyne.NewSize(previewThumb, previewThumb), p.e.media.tile(m.Path, false)))
	}
	if left := len(media) - len(kept); left > 0 {
		l := widget.NewLabel(lang.L("Pictures left out: {{.Count}}", map[string]any{"Count": left}))
		l.Importance = widget.DangerImportance
		row.Add(l)
	}
	return row
}

func wrapped(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return l
}

// shorten keeps the start of a long text for the preview.
func shorten(s string) string {
	rs := []rune(s)
	if len(rs) <= previewChars {
		return s
	}
	return string(rs[:previewChars]) + "…"
}

// name is the target's account name (the core package's own is private).
func name(t core.PostTarget) string {
	if t.Account != "" {
		return t.Account
	}
	return fmt.Sprintf("#%d", t.AccountID)
}
