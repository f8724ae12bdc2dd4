package kit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A name too long for its place is cut after a whole word and shown whole
// while the pointer rests on it; one that fits is left alone.
func TestWordLabelCutsAfterAWordAndShowsAllOnHover(t *testing.T) {
	test.NewTempApp(t)
	l := NewWordLabel()
	l.Set("Ксения Белоусова-Рождественская", fyne.TextStyle{Bold: true})
	pad := 2 * theme.InnerPadding()
	w := test.NewWindow(container.NewWithoutLayout(l))
	defer w.Close()
	l.Resize(fyne.NewSize(fyne.MeasureText("Ксения Белоусова…", theme.TextSize(), fyne.TextStyle{Bold: true}).Width+pad+2, 36))
	if l.Text != "Ксения…" && l.Text != "Ксения Белоусова…" {
		t.Errorf("shown %q, want the name cut after a whole word", l.Text)
	}
	if l.FullText() != "Ксения Белоусова-Рождественская" {
		t.Errorf("full text %q", l.FullText())
	}
	if l.MinSize().Width > 60 {
		t.Errorf("minimum width %v: a long name must not widen its row", l.MinSize().Width)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(5, 5))
	var tip string
	for _, o := range w.Canvas().Overlays().List() {
		for _, c := range test.LaidOutObjects(o) {
			if x, ok := c.(*widget.Label); ok && x != &l.Label {
				tip = x.Text
			}
		}
	}
	if tip != "Ксения Белоусова-Рождественская" {
		t.Errorf("hover shows %q, want the whole name", tip)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(400, 300))
	if n := len(w.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d tips left after the pointer left", n)
	}
	l.Resize(fyne.NewSize(400, 36))
	if l.Text != l.FullText() {
		t.Errorf("wide enough: shown %q", l.Text)
	}
}
