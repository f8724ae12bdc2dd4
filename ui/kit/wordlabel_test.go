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
	// The tip is drawn in the window's tip layer, never as an overlay: an
	// overlay would take the keyboard from the field being typed in.
	entry := widget.NewEntry()
	w.SetContent(WithTips(container.NewBorder(entry, nil, nil, nil, container.NewWithoutLayout(l)), w.Canvas()))
	w.Resize(fyne.NewSize(400, 300))
	w.Canvas().Focus(entry)
	if w.Canvas().Focused() != entry {
		t.Fatalf("focused %v", w.Canvas().Focused())
	}
	test.MoveMouse(w.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(l).AddXY(5, 5))
	if tip := shownTip(w); tip != "Ксения Белоусова-Рождественская" {
		t.Errorf("hover shows %q, want the whole name", tip)
	}
	if n := len(w.Canvas().Overlays().List()); n != 0 {
		t.Errorf("the tip is %d overlays: it would take the keyboard", n)
	}
	// Read, the subject turns regular and fits: the tip, now saying
	// nothing more, goes though the pointer stays.
	l.Set("Ксения Белоусова-Рождественская", fyne.TextStyle{})
	l.Resize(fyne.NewSize(l.Size().Width+400, l.Size().Height))
	if tip := shownTip(w); tip != "" {
		t.Errorf("tip %q left once the whole text shows", tip)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(399, 299))
	l.Set("Ксения Белоусова-Рождественская", fyne.TextStyle{Bold: true})
	l.Resize(fyne.NewSize(fyne.MeasureText("Ксения Белоусова…", theme.TextSize(), fyne.TextStyle{Bold: true}).Width+pad+2, 36))
	test.MoveMouse(w.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(l).AddXY(5, 5))
	if tip := shownTip(w); tip == "" {
		t.Fatal("no tip on the cut name again")
	}
	typeAsTheDriver(w.Canvas(), "ok")
	if entry.Text != "ok" {
		t.Errorf("typing while a tip shows reached the field as %q, want \"ok\"", entry.Text)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(399, 299))
	if tip := shownTip(w); tip != "" {
		t.Errorf("tip %q left after the pointer left", tip)
	}
	l.Resize(fyne.NewSize(400, 36))
	if l.Text != l.FullText() {
		t.Errorf("wide enough: shown %q", l.Text)
	}
}

// shownTip is the text of the tip drawn in w's tip layer, "" for none.
func shownTip(w fyne.Window) string {
	for _, o := range tipLayers[w.Canvas()].Objects {
		for _, x := range test.LaidOutObjects(o) {
			if l, ok := x.(*widget.Label); ok {
				return l.Text
			}
		}
	}
	return ""
}

// typeAsTheDriver types as the desktop driver does: to the focused widget
// of the top layer (an overlay has its own), else to the canvas.
func typeAsTheDriver(c fyne.Canvas, text string) {
	for _, r := range text {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else if on := c.OnTypedRune(); on != nil {
			on(r)
		}
	}
}

// A two-word name is cut after its first word, never inside the second
// ("Александра…", not "Александра Конст…"); a first word too long for
// the room shows as much of it as fits, and the whole name on hover. A
// subject's label keeps the start of a long last word instead.
func TestWordLabelCutsNamesBetweenWords(t *testing.T) {
	test.NewTempApp(t)
	pad := 2 * theme.InnerPadding()
	width := func(s string) float32 { return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width + pad + 1 }
	w := test.NewWindow(nil)
	defer w.Close()
	for _, c := range []struct {
		subject    bool
		text, room string
		want       string
	}{
		{false, "Александра Константинова", "Александра Константи…", "Александра…"},
		{false, "Marie-Christine Delacroix-Lefebvre", "Marie-Christine Delacroix-Le…", "Marie-Christine…"},
		{false, "Константинопольская Анна", "Константинопо…", "Константинопо…"},
		{true, "Александра Константинова", "Александра Константи…", "Александра Константи…"},
	} {
		l := NewWordLabel()
		if c.subject {
			l = NewSubjectLabel()
		}
		w.SetContent(WithTips(container.NewWithoutLayout(l), w.Canvas()))
		w.Resize(fyne.NewSize(500, 200))
		l.Set(c.text, fyne.TextStyle{})
		l.Resize(fyne.NewSize(width(c.room), 36))
		if l.Text != c.want {
			t.Errorf("%q in the room of %q: shown %q, want %q", c.text, c.room, l.Text, c.want)
		}
		test.MoveMouse(w.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(l).AddXY(5, 5))
		if tip := shownTip(w); tip != c.text {
			t.Errorf("%q: hover shows %q", c.text, tip)
		}
		test.MoveMouse(w.Canvas(), fyne.NewPos(499, 199))
	}
}
