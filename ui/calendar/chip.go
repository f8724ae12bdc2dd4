package calendar

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// chipHeight is the height of a chip in the month grid.
const chipHeight = 18

// calChip is one post or meetup on the calendar: a tinted block with a
// stripe in the post's colour, its channel (or a pin) and "09:00 First
// words". The text colour tells the state: failed in red, unconfirmed and
// held in the warning colour, drafts in italics, published ones quieter.
type calChip struct {
	widget.BaseWidget
	text  string
	icon  fyne.Resource
	tint  color.NRGBA
	state core.TargetState // "" for a meetup
	post  core.Post        // zero for a meetup

	onTap func()
	// onDrop is set where a chip may be dragged (the week view); it gets
	// the chip where the person let it go.
	onDrop   func(*calChip)
	dragging bool
	// shown is the text as the chip fits it; tip shows the whole text
	// while the pointer rests on a chip that cut it.
	shown string
	tip   kit.Tip
}

// MouseIn shows the whole text of a cut chip.
func (c *calChip) MouseIn(*desktop.MouseEvent) {
	if c.shown != c.text {
		c.tip.Show(c, c.text)
	}
}

// MouseMoved does nothing: the tip stays while the pointer is on the chip.
func (c *calChip) MouseMoved(*desktop.MouseEvent) {}

// MouseOut takes the tip away.
func (c *calChip) MouseOut() { c.tip.Hide() }

func newCalChip(text string, icon fyne.Resource, tint color.NRGBA, state core.TargetState, onTap func()) *calChip {
	c := &calChip{text: text, icon: icon, tint: tint, state: state, onTap: onTap}
	c.ExtendBaseWidget(c)
	return c
}

// Tapped opens what the chip shows.
func (c *calChip) Tapped(*fyne.PointEvent) {
	if c.onTap != nil {
		c.onTap()
	}
}

// Dragged follows the pointer.
func (c *calChip) Dragged(ev *fyne.DragEvent) {
	if c.onDrop == nil {
		return
	}
	c.dragging = true
	c.Move(c.Position().Add(ev.Dragged))
}

// DragEnd hands the chip to its view, which works out the slot it fell on.
func (c *calChip) DragEnd() {
	if !c.dragging {
		return
	}
	c.dragging = false
	c.onDrop(c)
}

func (c *calChip) CreateRenderer() fyne.WidgetRenderer {
	r := &chipRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), stripe: canvas.NewRectangle(color.Transparent),
		icon: widget.NewIcon(c.icon), label: canvas.NewText("", color.Black)}
	r.Refresh()
	return r
}

type chipRenderer struct {
	c      *calChip
	bg     *canvas.Rectangle
	stripe *canvas.Rectangle
	icon   *widget.Icon
	label  *canvas.Text
}

func (r *chipRenderer) textSize() float32 { return r.c.Theme().Size(theme.SizeNameCaptionText) }

func (r *chipRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.stripe.Move(fyne.NewPos(0, 0))
	r.stripe.Resize(fyne.NewSize(3, size.Height))
	is := min(size.Height-4, 14)
	r.icon.Move(fyne.NewPos(6, (size.Height-is)/2))
	r.icon.Resize(fyne.NewSize(is, is))
	x := 6 + is + 3
	r.label.Text = kit.FitWords(r.c.text, r.textSize(), r.label.TextStyle, size.Width-x-3)
	r.c.shown = r.label.Text
	ts := r.label.MinSize()
	r.label.Move(fyne.NewPos(x, (size.Height-ts.Height)/2))
	r.label.Resize(ts)
}

func (r *chipRenderer) MinSize() fyne.Size {
	return fyne.NewSize(40, chipHeight)
}

func (r *chipRenderer) Refresh() {
	th := r.c.Theme()
	v := kit.Variant()
	r.bg.FillColor = withAlpha(r.c.tint, 0x38)
	r.bg.CornerRadius = 3
	r.bg.StrokeWidth = 0
	if r.c.state == core.TargetFailed {
		r.bg.StrokeColor, r.bg.StrokeWidth = th.Color(theme.ColorNameError, v), 1
	}
	r.stripe.FillColor = r.c.tint
	r.label.TextSize = r.textSize()
	r.label.TextStyle = fyne.TextStyle{Italic: r.c.state == core.TargetDraft}
	r.label.Color = th.Color(chipTextColour(r.c.state), v)
	r.icon.SetResource(r.c.icon)
	r.Layout(r.c.Size())
	r.bg.Refresh()
	r.stripe.Refresh()
	r.label.Refresh()
}

// chipTextColour is the text colour of a chip in a state.
func chipTextColour(s core.TargetState) fyne.ThemeColorName {
	switch s {
	case core.TargetFailed:
		return theme.ColorNameError
	case core.TargetUnconfirmed, core.TargetHeld:
		return theme.ColorNameWarning
	case core.TargetPublished:
		return theme.ColorNamePlaceHolder
	}
	return theme.ColorNameForeground
}

func (r *chipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.stripe, r.icon, r.label}
}

func (r *chipRenderer) Destroy() {}
