// Package uitest drives a screen in a test window the way the desktop
// driver would: background results queue up and the test goroutine applies
// them, so widgets change on one goroutine; layout runs between "frames".
// Only tests import it.
package uitest

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/kit"
)

// Now is the fixed clock of every UI test: a Wednesday afternoon.
var Now = time.Date(2025, 3, 12, 15, 0, 0, 0, time.UTC)

// The area a screen gets inside the window's chrome (navigation column,
// status bar, the canvas padding): in the default 1280x800 window, and in
// the smallest supported one, 1024x700. The shell's tests check that these
// are what the real window gives.
var (
	ScreenSize     = fyne.NewSize(1087, 747.9219)
	SmallestScreen = fyne.NewSize(831, 647.9219)
)

// canvasPad is what the test canvas adds around its content.
const canvasPad = 8

// NewScreenWindow opens a window whose content area is size, as a screen
// gets it inside the real window.
func NewScreenWindow(t *testing.T, size fyne.Size) *Window {
	t.Helper()
	return NewWindow(t, size.AddWidthHeight(canvasPad, canvasPad))
}

// ResizeContent resizes the window so its content area is size.
func (w *Window) ResizeContent(size fyne.Size) {
	w.Win.Resize(size.AddWidthHeight(canvasPad, canvasPad))
}

// Queue stands in for the Fyne event loop: background results queue up
// and the test goroutine applies them, so widgets change on one goroutine
// as they do in the app.
type Queue struct {
	mu sync.Mutex
	fs []func()
}

// Do queues f; it is the Env's Do in tests.
func (q *Queue) Do(f func()) {
	q.mu.Lock()
	q.fs = append(q.fs, f)
	q.mu.Unlock()
}

// Len is how many functions wait in the queue.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.fs)
}

// Drain applies what is queued, including what that queues in turn, and
// reports how many functions ran.
func (q *Queue) Drain() int {
	n := 0
	for {
		q.mu.Lock()
		fs := q.fs
		q.fs = nil
		q.mu.Unlock()
		if len(fs) == 0 {
			return n
		}
		for _, f := range fs {
			f()
		}
		n += len(fs)
	}
}

// Window is a test window with the environment a screen takes.
type Window struct {
	T      *testing.T
	Q      *Queue
	Win    fyne.Window
	Env    *kit.Env
	cancel context.CancelFunc
	closed bool
}

// NewWindow opens a test window of the given size in a fresh test app; it
// closes when the test ends.
func NewWindow(t *testing.T, size fyne.Size) *Window {
	t.Helper()
	a := test.NewTempApp(t)
	q := &Queue{}
	ctx, cancel := context.WithCancel(context.Background())
	w := &Window{T: t, Q: q, Win: a.NewWindow("Hearth"), cancel: cancel}
	w.Env = &kit.Env{Ctx: ctx, Do: q.Do, Log: slog.Default(), Clock: func() time.Time { return Now }, Win: w.Win}
	w.Win.Resize(size)
	t.Cleanup(w.Close)
	return w
}

// Attach drives a window that something else built (the shell's, with its
// environment), through the queue q that is its Do; it closes when the
// test ends.
func Attach(t *testing.T, q *Queue, env *kit.Env) *Window {
	w := &Window{T: t, Q: q, Win: env.Win, Env: env}
	t.Cleanup(w.Close)
	return w
}

// Close ends background work and closes the window once (the test driver
// cannot close it twice).
func (w *Window) Close() {
	if !w.closed {
		w.closed = true
		if w.cancel != nil {
			w.cancel()
		}
		w.Win.Close()
		w.Q.Drain()
	}
}

// Canvas is the window's canvas.
func (w *Window) Canvas() fyne.Canvas { return w.Win.Canvas() }

// patience is how long WaitFor and Settle wait before calling the work
// hung. It catches hangs, it is no speed budget: under -race on a loaded
// 2-core machine a screen's first load has taken more than 10 s.
const patience = 60 * time.Second

// WaitFor applies queued results until cond holds. It polls: background
// work finishes when it finishes, and no assertion depends on timing.
func (w *Window) WaitFor(what string, cond func() bool) {
	w.T.Helper()
	deadline := time.Now().Add(patience)
	w.Relayout() // what the test changed since the last frame
	for {
		w.step()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			w.T.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// Settle applies results until no background work is in flight and
// nothing is queued: what the screen started has landed. Timers (a draft
// saved when typing pauses) are not waited for.
func (w *Window) Settle() {
	w.T.Helper()
	deadline := time.Now().Add(patience)
	w.Relayout()
	for {
		w.step()
		if w.Env.Idle() && w.Q.Len() == 0 {
			return
		}
		if time.Now().After(deadline) {
			w.T.Fatalf("background work still in flight after %v", patience)
		}
		time.Sleep(time.Millisecond)
	}
}

// Pump is one turn of the event loop: lay out what changed since the last
// frame, apply queued results, lay out again, as the driver does between
// frames.
func (w *Window) Pump() {
	w.Relayout()
	if w.Q.Drain() > 0 {
		w.Relayout()
	}
}

// step applies what is queued and lays out again only if anything ran:
// laying out a big screen every poll would cost more than the wait.
func (w *Window) step() {
	if w.Q.Drain() > 0 {
		w.Relayout()
	}
}

// TypeKeys types runes as the desktop driver delivers them: to the focused
// widget if any, else to the window's handler.
func (w *Window) TypeKeys(s string) {
	for _, r := range s {
		if f := w.Canvas().Focused(); f != nil {
			f.TypedRune(r)
		} else if on := w.Canvas().OnTypedRune(); on != nil {
			on(r)
		}
		w.Pump()
	}
}

// PressKey presses a named key as the desktop driver delivers it: to the
// focused widget if any, else to the window's handler.
func (w *Window) PressKey(name fyne.KeyName) {
	e := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(e)
	} else if on := w.Canvas().OnTypedKey(); on != nil {
		on(e)
	}
	w.Pump()
}

// Relayout lays the window out again, top down, as the desktop driver does
// each frame for objects whose minimum size changed (shown, hidden,
// refilled). The test canvas does not, so goldens and captures call it.
func (w *Window) Relayout() {
	Relayout(w.Win.Content())
	for _, o := range w.Canvas().Overlays().List() {
		Relayout(o)
	}
}

// Relayout lays o and everything below it out again.
func Relayout(o fyne.CanvasObject) {
	if o == nil || !o.Visible() {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			Relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		for _, c := range r.Objects() {
			Relayout(c)
		}
	}
}

// Button finds a button under o by its text, or fails.
func Button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, b := range ButtonsIn(o) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button", text)
	return nil
}

// ButtonsIn lists the buttons laid out under o.
func ButtonsIn(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*widget.Button); ok {
			out = append(out, b)
		}
		if b, ok := c.(*kit.TipButton); ok { // an icon button with a tip
			out = append(out, &b.Button)
		}
	}
	return out
}

// EntriesIn lists the text entries laid out under o, in layout order.
func EntriesIn(o fyne.CanvasObject) []*kit.Entry {
	var out []*kit.Entry
	for _, c := range test.LaidOutObjects(o) {
		if e, ok := c.(*kit.Entry); ok {
			out = append(out, e)
		}
	}
	return out
}

// LabelsIn lists the texts of the labels and rich texts under o.
func LabelsIn(o fyne.CanvasObject) []string {
	var out []string
	for _, c := range test.LaidOutObjects(o) {
		switch x := c.(type) {
		case interface{ FullText() string }: // kit.WordLabel: the whole text, shown cut or not
			out = append(out, x.FullText())
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.RichText:
			out = append(out, x.String())
		}
	}
	return out
}

// TextsIn collects the raw texts drawn under o.
func TextsIn(o fyne.CanvasObject) []string {
	var out []string
	for _, c := range test.LaidOutObjects(o) {
		if x, ok := c.(*canvas.Text); ok {
			out = append(out, x.Text)
		}
	}
	return out
}

// MenuItem finds the entry of a shown menu by its label, or fails.
func MenuItem(t *testing.T, overlay fyne.CanvasObject, label string) fyne.Tappable {
	t.Helper()
	for _, o := range test.LaidOutObjects(overlay) {
		m, ok := o.(*widget.Menu)
		if p, isPopUp := o.(*widget.PopUpMenu); isPopUp {
			m, ok = p.Menu, true
		}
		if !ok {
			continue
		}
		for _, it := range m.Items {
			if slices.Contains(TextsIn(it), label) {
				return it.(fyne.Tappable)
			}
		}
	}
	t.Fatalf("no menu entry %q", label)
	return nil
}

// OverlayButton finds a button of the dialog on top of c, or fails.
func OverlayButton(t *testing.T, c fyne.Canvas, text string) *widget.Button {
	t.Helper()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is open (looking for %q)", text)
	}
	for _, b := range ButtonsIn(top) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("the dialog has no %q button", text)
	return nil
}

// CtrlEnter is the send shortcut as the desktop driver delivers it.
var CtrlEnter = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl}
