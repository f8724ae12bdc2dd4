package kit

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// lostApp is the app whose driver has lost every widget's window, as
// Fyne 2.7's desktop driver does for a frame after its cache clean
// (fyne#5965). The test driver itself never loses one: its CanvasForObject
// answers the last window made for any object, so it cannot show the bug.
type lostApp struct {
	fyne.App
	d lostDriver
}

func (a lostApp) Driver() fyne.Driver { return a.d }

type lostDriver struct{ fyne.Driver }

func (lostDriver) CanvasForObject(fyne.CanvasObject) fyne.Canvas { return nil }

// loseWindows makes the current app's driver lose every window until the
// test ends.
func loseWindows(t *testing.T) {
	a := fyne.CurrentApp()
	fyne.SetCurrentApp(lostApp{a, lostDriver{a.Driver()}})
	t.Cleanup(func() { fyne.SetCurrentApp(a) })
}

// panics tells whether f panics.
func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}

// menuItem finds the entry labelled label in the pop-up menu on top of c.
func menuItem(t *testing.T, c fyne.Canvas, label string) fyne.Tappable {
	t.Helper()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatalf("no pop-up is open (looking for %q)", label)
	}
	for _, o := range test.LaidOutObjects(top) {
		p, ok := o.(*widget.PopUpMenu)
		if !ok {
			continue
		}
		for _, it := range p.Items {
			var texts []string
			for _, o := range test.LaidOutObjects(it) {
				if tx, ok := o.(*canvas.Text); ok {
					texts = append(texts, tx.Text)
				}
			}
			if slices.Contains(texts, label) {
				return it.(fyne.Tappable)
			}
		}
	}
	t.Fatalf("the pop-up has no %q", label)
	return nil
}

// A tap on a select in the frame where Fyne lost its window is lost, not
// a crash of the whole window; a plain widget.Select panics in
// NewPopUpMenu there (what a walk met on the dashboard's period select).
func TestSelectTappedWithoutItsWindowDoesNotCrash(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	chosen := ""
	s := NewSelect([]string{"7 days", "30 days"}, func(v string) { chosen = v })
	plain := widget.NewSelect([]string{"7 days", "30 days"}, nil)
	w.SetContent(widget.NewForm(widget.NewFormItem("A", s), widget.NewFormItem("B", plain)))
	w.Resize(fyne.NewSize(400, 300))
	loseWindows(t)

	t.Run("plain widget.Select panics", func(t *testing.T) {
		if !panics(func() { plain.Tapped(&fyne.PointEvent{}) }) {
			t.Error("widget.Select opened its list without a window: Fyne's bug is gone, the guard may go (fyne#5965)")
		}
	})
	for _, c := range []struct {
		name string
		act  func()
	}{
		{"tap", func() { s.Tapped(&fyne.PointEvent{}) }},
		{"space", func() { s.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) }},
		{"down", func() { s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) }},
	} {
		t.Run("kit select "+c.name, func(t *testing.T) {
			if panics(c.act) {
				t.Fatal("the kit select panicked without its window")
			}
			if top := w.Canvas().Overlays().Top(); top != nil {
				t.Errorf("a pop-up opened: %T", top)
			}
			if chosen != "" || s.Selected != "" {
				t.Errorf("chose %q (selected %q) with no list open", chosen, s.Selected)
			}
		})
	}
}

// In its window a kit select opens its list on a tap and on Space, and
// choosing an entry sets it and calls OnChanged, as widget.Select does.
func TestSelectInItsWindowOpensAndChooses(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	var chosen []string
	s := NewSelect([]string{"7 days", "30 days", "90 days"}, func(v string) { chosen = append(chosen, v) })
	w.SetContent(widget.NewForm(widget.NewFormItem("Period", s)))
	w.Resize(fyne.NewSize(400, 300))

	test.Tap(s)
	test.Tap(menuItem(t, w.Canvas(), "30 days"))
	if s.Selected != "30 days" || !slices.Equal(chosen, []string{"30 days"}) {
		t.Errorf("selected %q, OnChanged got %q; want 30 days once", s.Selected, chosen)
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("the list stayed open after the choice: %T", top)
	}

	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	test.Tap(menuItem(t, w.Canvas(), "90 days"))
	if s.Selected != "90 days" {
		t.Errorf("Space then 90 days selected %q", s.Selected)
	}
	if got := s.MinSize(); got != widget.NewSelect([]string{"7 days", "30 days", "90 days"}, nil).MinSize() {
		t.Errorf("kit select measures %v, widget.Select more or less", got)
	}
}

// The right-click menu of an entry (and of a type embedding kit.Entry, as
// the inbox's composer does) is lost, not a crash, in the frame where Fyne
// lost the entry's window; a plain widget.Entry panics there.
func TestEntryMenuWithoutItsWindowDoesNotCrash(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	type outer struct{ Entry }
	o := &outer{}
	o.ExtendBaseWidget(o)
	plain := widget.NewEntry()
	entries := []fyne.SecondaryTappable{NewEntry(), NewMultiLineEntry(), NewPasswordEntry(), o}
	objs := []fyne.CanvasObject{plain}
	for _, e := range entries {
		objs = append(objs, e.(fyne.CanvasObject))
	}
	w.SetContent(widget.NewForm(func() (items []*widget.FormItem) {
		for _, o := range objs {
			items = append(items, widget.NewFormItem("F", o))
		}
		return items
	}()...))
	w.Resize(fyne.NewSize(400, 400))
	loseWindows(t)

	t.Run("plain widget.Entry panics", func(t *testing.T) {
		if !panics(func() { plain.TappedSecondary(&fyne.PointEvent{}) }) {
			t.Error("widget.Entry opened its menu without a window: Fyne's bug is gone, the guard may go (fyne#5965)")
		}
	})
	for i, e := range entries {
		if panics(func() { e.TappedSecondary(&fyne.PointEvent{}) }) {
			t.Errorf("entry %d (%T) panicked without its window", i, e)
		}
		if top := w.Canvas().Overlays().Top(); top != nil {
			t.Errorf("entry %d (%T) opened a pop-up: %T", i, e, top)
		}
	}
}

// In its window the entry's right-click menu opens and Select all works,
// for a kit entry and for a type embedding one (the guard asks about the
// outer widget, the one the window knows).
func TestEntryMenuInItsWindowOpens(t *testing.T) {
	test.NewTempApp(t)
	type outer struct{ Entry }
	o := &outer{}
	o.ExtendBaseWidget(o)
	for _, e := range []interface {
		fyne.SecondaryTappable
		fyne.CanvasObject
		SelectedText() string
		SetText(string)
	}{NewEntry(), o} {
		w := test.NewWindow(e)
		w.Resize(fyne.NewSize(300, 100))
		e.SetText("hello")
		test.TapSecondary(e)
		test.Tap(menuItem(t, w.Canvas(), "Select all"))
		if got := e.SelectedText(); got != "hello" {
			t.Errorf("%T: Select all selected %q", e, got)
		}
		w.Close()
	}
}

// The password's eye shows and hides the password in its window, and
// without it the tap is lost, not the window; Fyne's own eye panics there
// (it calls Focus on the nil canvas).
func TestPasswordEyeGuarded(t *testing.T) {
	test.NewTempApp(t)
	e := NewPasswordEntry()
	plain := widget.NewPasswordEntry()
	w := test.NewWindow(widget.NewForm(widget.NewFormItem("A", e), widget.NewFormItem("B", plain)))
	defer w.Close()
	w.Resize(fyne.NewSize(400, 200))
	eye := e.ActionItem.(fyne.Tappable)

	test.Tap(eye)
	if e.Password || w.Canvas().Focused() != e {
		t.Errorf("after the eye: concealed %v, focused %v; want shown and the entry focused", e.Password, w.Canvas().Focused())
	}
	test.Tap(eye)
	if !e.Password {
		t.Error("the second tap on the eye left the password shown")
	}
	e.Disable()
	test.Tap(eye)
	if !e.Password {
		t.Error("the eye of a disabled entry showed the password")
	}
	e.Enable()

	loseWindows(t)
	if !panics(func() { plain.ActionItem.(fyne.Tappable).Tapped(&fyne.PointEvent{}) }) {
		t.Error("Fyne's eye worked without a window: Fyne's bug is gone, the guard may go (fyne#5965)")
	}
	if panics(func() { eye.Tapped(&fyne.PointEvent{}) }) {
		t.Fatal("the kit eye panicked without its window")
	}
	if !e.Password {
		t.Error("the eye showed the password in a frame with no window")
	}
}

// The kit eye is drawn as Fyne's: same size, same icon, shown or hidden.
func TestPasswordEyeLooksAsFynes(t *testing.T) {
	test.NewTempApp(t)
	e, plain := NewPasswordEntry(), widget.NewPasswordEntry()
	w := test.NewWindow(widget.NewForm(widget.NewFormItem("A", e), widget.NewFormItem("B", plain)))
	defer w.Close()
	w.Resize(fyne.NewSize(400, 200))
	for _, shown := range []bool{false, true} {
		if shown {
			test.Tap(e.ActionItem.(fyne.Tappable))
			test.Tap(plain.ActionItem.(fyne.Tappable))
		}
		a, b := e.ActionItem, plain.ActionItem
		if a.Size() != b.Size() || a.MinSize() != b.MinSize() || a.Position() != b.Position() || e.MinSize() != plain.MinSize() {
			t.Errorf("shown %v: eye %v at %v (min %v), Fyne's %v at %v (min %v)", shown, a.Size(), a.Position(), a.MinSize(), b.Size(), b.Position(), b.MinSize())
		}
		ia, ib := icon(t, a), icon(t, b)
		if ia.Resource.Name() != ib.Resource.Name() || ia.Size() != ib.Size() || ia.Position() != ib.Position() {
			t.Errorf("shown %v: icon %s %v at %v, Fyne's %s %v at %v", shown, ia.Resource.Name(), ia.Size(), ia.Position(), ib.Resource.Name(), ib.Size(), ib.Position())
		}
	}
}

func icon(t *testing.T, o fyne.CanvasObject) *canvas.Image {
	t.Helper()
	for _, c := range test.LaidOutObjects(o) {
		if i, ok := c.(*canvas.Image); ok {
			return i
		}
	}
	t.Fatalf("%T draws no image", o)
	return nil
}
