package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Select is widget.Select whose tap (or Space, Up, Down) opens its list
// only while Fyne knows the window the select is in.
//
// Fyne 2.7 can lose a visible widget's window for a frame (fyne#5965,
// fixed upstream by #6305 and #6452, in no 2.7 release): a window that
// repaints all the time never refreshes its widgets' cache entries, the
// cache clean drops them after FYNE_CACHE (11 s, internal/fynecache), and
// until the next paint sets them again CanvasForObject returns nil. A tap
// in that frame makes widget.Select hand the nil canvas to NewPopUpMenu,
// which panics and kills the whole window. Asking first costs a lost tap,
// once in a while, instead of the crash; the asking itself refreshes the
// entry (cache.GetCanvasForObject marks it alive), and the pop-up is made
// right after on the same goroutine, so the answer still holds then.
type Select struct {
	widget.Select
	outer fyne.CanvasObject // what the window knows: a type embedding Select, or s
}

// ExtendBaseWidget is widget.Select's, remembering the outer widget for
// the guard: the window keys its objects by it.
func (s *Select) ExtendBaseWidget(w fyne.Widget) {
	s.outer = w
	s.Select.ExtendBaseWidget(w)
}

// NewSelect is widget.NewSelect with the guard above.
func NewSelect(options []string, changed func(string)) *Select {
	s := &Select{}
	s.Options = options
	s.OnChanged = changed
	s.ExtendBaseWidget(s) // the placeholder, left empty, is Fyne's "(Select one)" when drawn
	return s
}

// Tapped opens the list, or does nothing when Fyne lost the select's
// window this frame.
func (s *Select) Tapped(e *fyne.PointEvent) {
	if !hasCanvas(s.outer, s) {
		return
	}
	s.Select.Tapped(e)
}

// TypedKey opens the list on Space, Up and Down as widget.Select does,
// unless Fyne lost the select's window this frame.
func (s *Select) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown:
		if !hasCanvas(s.outer, s) {
			return
		}
	}
	s.Select.TypedKey(e)
}

// hasCanvas tells whether Fyne knows the window of outer (of self when
// outer is nil: ExtendBaseWidget was not called) now (see Select).
func hasCanvas(outer, self fyne.CanvasObject) bool {
	if outer == nil {
		outer = self
	}
	return fyne.CurrentApp().Driver().CanvasForObject(outer) != nil
}
