package kit

import (
	"fyne.io/fyne/v2/lang"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
)

// Badge is a small rounded label: an item's state or a tag.
type Badge struct {
	widget.BaseWidget
	text  string
	color fyne.ThemeColorName
}

// NewBadge is an empty, hidden badge.
func NewBadge() *Badge {
	b := &Badge{color: theme.ColorNamePrimary}
	b.ExtendBaseWidget(b)
	return b
}

// Text is what the badge says.
func (b *Badge) Text() string { return b.text }

// Set changes the text and colour; an empty text hides the badge.
func (b *Badge) Set(text string, c fyne.ThemeColorName) {
	if b.text == text && b.color == c {
		return
	}
	b.text, b.color = text, c
	b.Hidden = text == ""
	b.Refresh()
}

func (b *Badge) CreateRenderer() fyne.WidgetRenderer {
	r := &badgeRenderer{b: b, bg: canvas.NewRectangle(color.Transparent), label: canvas.NewText("", color.Black)}
	r.label.TextStyle = fyne.TextStyle{Bold: true}
	r.Refresh()
	return r
}

type badgeRenderer struct {
	b     *Badge
	bg    *canvas.Rectangle
	label *canvas.Text
}

func (r *badgeRenderer) padding() fyne.Size {
	p := r.b.Theme().Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(p, p/4)
}

func (r *badgeRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	ts := r.label.MinSize()
	r.label.Move(fyne.NewPos((size.Width-ts.Width)/2, (size.Height-ts.Height)/2))
	r.label.Resize(ts)
}

func (r *badgeRenderer) MinSize() fyne.Size {
	p := r.padding()
	return r.label.MinSize().Add(fyne.NewSize(2*p.Width, 2*p.Height))
}

func (r *badgeRenderer) Refresh() {
	th := r.b.Theme()
	v := Variant()
	fg := th.Color(r.b.color, v)
	r.label.Text = r.b.text
	r.label.Color = fg
	r.label.TextSize = th.Size(theme.SizeNameCaptionText)
	rr, gg, bb, _ := fg.RGBA()
	r.bg.FillColor = color.NRGBA{R: uint8(rr >> 8), G: uint8(gg >> 8), B: uint8(bb >> 8), A: 0x26}
	r.bg.CornerRadius = r.MinSize().Height / 2
	r.label.Refresh()
	r.bg.Refresh()
}

func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.label} }
func (r *badgeRenderer) Destroy()                     {}

// StateBadge is the badge text and colour of a state; open items, the
// normal case, carry none.
func StateBadge(it core.Item, now time.Time) (string, fyne.ThemeColorName) {
	switch it.State {
	case core.StateNew:
		return lang.L("New"), theme.ColorNamePrimary
	case core.StateDone:
		return lang.L("Done"), theme.ColorNameSuccess
	case core.StateSnoozed:
		if it.SnoozeUntil.IsZero() {
			return lang.L("Snoozed"), theme.ColorNameWarning
		}
		return lang.L("Snoozed") + " · " + ShortWhen(now, it.SnoozeUntil), theme.ColorNameWarning
	case core.StateSpam:
		return lang.L("Spam"), theme.ColorNameError
	case core.StateHidden:
		return lang.L("Hidden"), theme.ColorNameDisabled
	default:
		return "", theme.ColorNameForeground
	}
}
