package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// TightRows stacks objects like a VBox but lets neighbours share their
// inner padding, so three labels make a compact list row instead of a
// tall one.
type TightRows struct{}

func (TightRows) overlap() float32 { return theme.Size(theme.SizeNameInnerPadding) }

func (l TightRows) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	n := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height
		n++
	}
	if n > 1 {
		h -= l.overlap() * float32(n-1)
	}
	return fyne.NewSize(w, h)
}

func (l TightRows) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - l.overlap()
	}
}

// MaxWidth centres its single object horizontally and keeps it no wider
// than width: forms and notes stay readable on a wide window.
type MaxWidth struct{ Width float32 }

func (l MaxWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

func (l MaxWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.Width)
	for _, o := range objects {
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

// FixedWidth gives its objects a set width and the full height: the
// navigation column.
type FixedWidth struct{ Width float32 }

func (l FixedWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.Width, h)
}

func (l FixedWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// CenteredColumn centres its objects in the space, no wider than width:
// empty-state notes that wrap nicely yet never widen the window.
type CenteredColumn struct{ Width float32 }

func (l CenteredColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(min(s.Width, l.Width), s.Height)
}

func (l CenteredColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.Width)
	for _, o := range objects {
		o.Resize(fyne.NewSize(w, size.Height)) // wrapped text knows its height once it knows its width
		h := min(o.MinSize().Height, size.Height)
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, (size.Height-h)/2))
	}
}

// ReplyRule is the thin vertical line left of a nested reply: it shows
// which message a reply belongs under.
func ReplyRule() fyne.CanvasObject {
	r := canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
	r.SetMinSize(fyne.NewSize(2, 0))
	return container.NewPadded(r)
}
