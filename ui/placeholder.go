package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/kit"
)

// What the screens not built yet say: plainly what will live there (the
// keys of their translations).
const (
	calendarNotBuilt  = "The calendar is not built yet: planned posts, drafts and the publishing outbox will live here."
	membersNotBuilt   = "Member files are not built yet: one file per person, with every identity, message and reply, will live here."
	dashboardNotBuilt = "The dashboard is not built yet: growth, activity, response time and sentiment reports will live here."
)

// placeholder is the screen of something not built yet: a calm, centred
// note with an icon, a title and one honest sentence.
type placeholder struct{ content fyne.CanvasObject }

func newPlaceholder(icon fyne.Resource, title, text string) *placeholder {
	img := widget.NewIcon(icon)
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	body := widget.NewLabel(text)
	body.Alignment = fyne.TextAlignCenter
	body.Wrapping = fyne.TextWrapWord
	column := container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), img)),
		heading,
		body,
	)
	return &placeholder{content: container.New(kit.CenteredColumn{Width: 460}, column)}
}

func (p *placeholder) Content() fyne.CanvasObject { return p.content }
func (p *placeholder) Start()                     {}
func (p *placeholder) Shown()                     {}
func (p *placeholder) Changed(kit.Changes)        {}
func (p *placeholder) Close()                     {}
