package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
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

// NewWrapRow lays objects out in rows that wrap to the width it is given:
// a toolbar that fits one line in a wide window takes two in a 1024x700
// one, and never widens the window or cuts its labels.
func NewWrapRow(objects ...fyne.CanvasObject) *fyne.Container {
	w := &wrapRow{}
	w.box = container.New(w, container.New(layout.NewRowWrapLayout(), objects...))
	return w.box
}

// wrapRow reports only the height of its rows as its minimum, so the
// row-wrapping container inside (whose minimum is the width it was last
// laid out at) lets the window shrink and wraps instead. When a layout
// changes the number of rows, the window is laid out again so the row gets
// its new height (otherwise a second row would overlap what is below until
// something else laid the window out).
type wrapRow struct {
	box   *fyne.Container
	lastH float32
}

// wrapMinWidth is the narrowest a wrapping row claims to be.
const wrapMinWidth = 120

func (w *wrapRow) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(wrapMinWidth, h)
}

func (w *wrapRow) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	h := float32(0)
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
		h = max(h, o.MinSize().Height)
	}
	if h != w.lastH {
		w.lastH = h
		if h != size.Height && w.box != nil {
			box := w.box
			fyne.Do(func() { // lay the window out again, top down, with the new height
				if c := fyne.CurrentApp().Driver().CanvasForObject(box); c != nil && c.Content() != nil {
					c.Content().Refresh()
				}
			})
		}
	}
}

// WideSelect holds a select no narrower than its chosen text: Fyne's
// select measures only its placeholder, so a longer choice is cut ("Tous
// les ca…") where a wrapping row would rather move it to the next line.
func WideSelect(s *Select) *fyne.Container {
	return container.New(wideSelect{s}, s)
}

type wideSelect struct{ s *Select }

func (l wideSelect) MinSize([]fyne.CanvasObject) fyne.Size {
	m := l.s.MinSize()
	pad := theme.InnerPadding()
	text := fyne.MeasureText(l.s.Selected, theme.TextSize(), fyne.TextStyle{}).Width
	return fyne.NewSize(max(m.Width, text+4*pad+theme.IconInlineSize()), m.Height)
}

func (l wideSelect) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
