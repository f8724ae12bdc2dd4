package ui

import (
	"os"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
)

func TestMain(m *testing.M) {
	// Relative times and snooze choices are computed in local time: pin it.
	time.Local = time.UTC
	os.Exit(m.Run())
}

// uiQueue stands in for the Fyne event loop: background results queue up
// and the test goroutine applies them, so widgets change on one goroutine
// as they do in the app.
type uiQueue struct {
	mu sync.Mutex
	fs []func()
}

func (q *uiQueue) do(f func()) {
	q.mu.Lock()
	q.fs = append(q.fs, f)
	q.mu.Unlock()
}

// drain applies what is queued, including what that queues in turn, and
// reports how many functions ran.
func (q *uiQueue) drain() int {
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

// harness is a UI on fakes in a test app.
type harness struct {
	t      *testing.T
	ui     *UI
	inbox  *fakeInbox
	accts  *fakeAccounts
	events *fakeEvents
	q      *uiQueue
	closed bool
}

// close closes the window once (the test driver cannot close it twice).
func (h *harness) close() {
	if !h.closed {
		h.closed = true
		h.ui.Win.Close()
		h.q.drain()
	}
}

type option func(*harness)

func withItems(items []core.Item) option {
	return func(h *harness) { h.inbox = newFakeInbox(items) }
}

func withAccounts(accts []core.Account) option {
	return func(h *harness) { h.accts.accts = accts }
}

func newHarness(t *testing.T, opts ...option) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	items := sampleItems()
	h := &harness{t: t, inbox: newFakeInbox(items), accts: &fakeAccounts{accts: sampleAccounts()},
		events: &fakeEvents{}, q: &uiQueue{}}
	h.inbox.threads[101] = claireThread(items)
	for _, o := range opts {
		o(h)
	}
	h.ui = newUI(a, Backend{Inbox: h.inbox, Accounts: h.accts, Events: h.events,
		Now: func() time.Time { return testNow }}, h.q.do)
	t.Cleanup(h.close)
	h.ui.start()
	h.ui.Win.Show()
	h.waitFor("the first page", func() bool { return h.ui.inbox.loaded })
	return h
}

// waitFor applies queued results until cond holds. It polls: background
// work finishes when it finishes, and no assertion depends on timing.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		h.pump()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// settle applies results until nothing more is in flight for a moment.
func (h *harness) settle() {
	for range 5 {
		time.Sleep(5 * time.Millisecond)
		h.pump()
	}
}

// pump is one turn of the event loop: lay out what changed since the last
// frame, apply queued results, lay out again, as the driver does between
// frames.
func (h *harness) pump() {
	h.relayout()
	if h.q.drain() > 0 {
		h.relayout()
	}
}

func (h *harness) canvas() fyne.Canvas { return h.ui.Win.Canvas() }

// typeKeys types runes as the desktop driver delivers them: to the focused
// widget if any, else to the window's handler.
func (h *harness) typeKeys(s string) {
	for _, r := range s {
		if f := h.canvas().Focused(); f != nil {
			f.TypedRune(r)
		} else {
			h.canvas().OnTypedRune()(r)
		}
		h.pump()
	}
}

// ids lists the ids the inbox list shows, in order.
func (h *harness) ids() []int64 {
	out := make([]int64, len(h.ui.inbox.items))
	for i, it := range h.ui.inbox.items {
		out[i] = it.ID
	}
	return out
}

// rows are the list rows on screen.
func (h *harness) rows() []*itemRow {
	var out []*itemRow
	for _, o := range test.LaidOutObjects(h.ui.inbox.list) {
		if r, ok := o.(*itemRow); ok && r.Visible() && r.subject.Text != "" {
			out = append(out, r)
		}
	}
	return out
}

// selectID opens an item by id as a tap on its row would.
func (h *harness) selectID(id int64) {
	h.t.Helper()
	idx := h.ui.inbox.indexOf(id)
	if idx < 0 {
		h.t.Fatalf("item %d is not in the list %v", id, h.ids())
	}
	h.ui.inbox.list.Select(idx)
	h.waitFor("the thread to open", func() bool { return len(h.ui.inbox.thread.messages.Objects) > 0 })
}

// relayout lays the window out again, top down, as the desktop driver does
// each frame for objects whose minimum size changed (shown, hidden,
// refilled). The test canvas does not, so goldens and captures call it.
func (h *harness) relayout() {
	relayout(h.ui.Win.Content())
	for _, o := range h.canvas().Overlays().List() {
		relayout(o)
	}
}

func relayout(o fyne.CanvasObject) {
	if !o.Visible() {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		for _, c := range r.Objects() {
			relayout(c)
		}
	}
}
