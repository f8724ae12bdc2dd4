package kit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Escape in a form's entry closes the form, as it closes a dialog whose
// buttons have the focus: the window gives the key to the focused entry
// alone. A plain widget.Entry keeps the dialog open (what people met).
func TestEscapeInEntryClosesItsDialog(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		name   string
		entry  fyne.Focusable
		closes bool
	}{
		{"kit entry", NewEntry(), true},
		{"kit multi-line entry", NewMultiLineEntry(), true},
		{"kit password entry", NewPasswordEntry(), true},
		{"plain widget entry", widget.NewEntry(), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := test.NewWindow(nil)
			defer w.Close()
			w.Resize(fyne.NewSize(600, 400))
			d := dialog.NewForm("Name the view", "Save", "Cancel",
				[]*widget.FormItem{widget.NewFormItem("Name", c.entry.(fyne.CanvasObject))}, func(bool) {}, w)
			d.Show()
			w.Canvas().Focus(c.entry)
			test.Type(c.entry, "Urgent")
			w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if open := w.Canvas().Overlays().Top() != nil; open == c.closes {
				t.Errorf("after Escape the dialog is open: %v, want %v", open, !c.closes)
			}
		})
	}
}

// Out of a dialog, Escape in an entry is the entry's own (nothing closes,
// the text stays).
func TestEscapeInEntryOutsideADialog(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	e := NewEntry()
	w.SetContent(e)
	w.Canvas().Focus(e)
	test.Type(e, "kept")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.Text != "kept" || w.Canvas().Focused() != e {
		t.Errorf("text %q, focused %v", e.Text, w.Canvas().Focused())
	}
}
