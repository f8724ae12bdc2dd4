package inbox

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

func TestMain(m *testing.M) {
	// Relative times and snooze choices are computed in local time: pin it.
	time.Local = time.UTC
	os.Exit(m.Run())
}

// harness is the inbox on fakes, in a window of the size the screen gets
// in the default window, in front.
type harness struct {
	*uitest.Window
	s       *Screen
	inbox   *fakeInbox
	accts   fakeAccounts
	experts kit.Mentioner
}

type option func(*harness)

func withItems(items []core.Item) option {
	return func(h *harness) { h.inbox = newFakeInbox(items) }
}

// withExperts gives the inbox member files to find experts in.
func withExperts(m kit.Mentioner) option {
	return func(h *harness) { h.experts = m }
}

func newHarness(t *testing.T, opts ...option) *harness {
	t.Helper()
	items := sampleItems()
	h := &harness{Window: uitest.NewScreenWindow(t, uitest.ScreenSize), inbox: newFakeInbox(items), accts: sampleAccounts()}
	h.inbox.threads[101] = claireThread(items)
	for _, o := range opts {
		o(h)
	}
	h.s = New(h.Env, Backend{Inbox: h.inbox, Accounts: h.accts, Experts: h.experts}, func() bool { return true })
	h.Win.SetContent(h.s.Content())
	h.Win.Show()
	h.s.Start()
	h.WaitFor("the first page", func() bool { return h.s.loaded })
	return h
}

// publish hands the screen a change event as the shell's pump does.
func (h *harness) publish(ev core.Event) {
	c := kit.NewChanges()
	c.Add(ev)
	h.s.Changed(c)
}

// ids lists the ids the inbox list shows, in order.
func (h *harness) ids() []int64 {
	out := make([]int64, len(h.s.items))
	for i, it := range h.s.items {
		out[i] = it.ID
	}
	return out
}

// rows are the list rows on screen.
func (h *harness) rows() []*itemRow {
	var out []*itemRow
	for _, o := range test.LaidOutObjects(h.s.list) {
		if r, ok := o.(*itemRow); ok && r.Visible() && r.subject.Text != "" {
			out = append(out, r)
		}
	}
	return out
}

// selectID opens an item by id as a tap on its row would.
func (h *harness) selectID(id int64) {
	h.T.Helper()
	idx := h.s.indexOf(id)
	if idx < 0 {
		h.T.Fatalf("item %d is not in the list %v", id, h.ids())
	}
	h.s.list.Select(idx)
	h.WaitFor("the thread to open", func() bool { return len(h.s.thread.messages.Objects) > 0 })
}

// fakeAccounts lists fixed accounts.
type fakeAccounts []core.Account

func (f fakeAccounts) List(context.Context) ([]core.Account, error) { return slices.Clone(f), nil }

// fakeExperts knows Claire, an expert on modding and the map editor.
type fakeExperts struct{}

func (fakeExperts) MentionsFor(_ context.Context, text string, _ int) ([]members.Expert, error) {
	t := strings.ToLower(text)
	if !strings.Contains(t, "modding") && !strings.Contains(t, "map editor") {
		return nil, nil
	}
	return []members.Expert{{Member: core.Member{ID: 1, Name: "Claire Martin"}, Score: 35,
		Why:     "expertise level 3; lists it as an interest",
		Handles: map[core.IdentityKind]string{core.IdentityX: "claire_builds", core.IdentityVK: "claire.db"}}}, nil
}

// close closes the window as the shell does: background work ends, then
// the screen saves what is being written.
func (h *harness) close() {
	h.Window.Close()
	h.s.Close()
}
