package inbox

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// fakeInbox is an in-memory Inbox with the behaviour the UI relies on:
// the default view, keyset paging, drafts, an outbox, injected failures.
type fakeInbox struct {
	mu       sync.Mutex
	items    map[int64]*core.Item
	threads  map[int64][]core.Item // extra thread members not in the list
	drafts   map[int64]string
	outbox   map[int64][]core.OutboxEntry
	calls    []string
	searches []string
	failNext map[string]error // method name -> error for its next call
	nextOut  int64
	pages    int           // Page calls
	saveGate chan struct{} // when set, SaveDraft waits for it to close
}

func newFakeInbox(items []core.Item) *fakeInbox {
	f := &fakeInbox{items: map[int64]*core.Item{}, threads: map[int64][]core.Item{},
		drafts: map[int64]string{}, outbox: map[int64][]core.OutboxEntry{}, failNext: map[string]error{}}
	for i := range items {
		it := items[i]
		f.items[it.ID] = &it
	}
	return f
}

func (f *fakeInbox) record(format string, args ...any) {
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

// fail makes the next call of method fail with err.
func (f *fakeInbox) fail(method string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failNext[method] = err
}

func (f *fakeInbox) failure(method string) error {
	err := f.failNext[method]
	delete(f.failNext, method)
	return err
}

func (f *fakeInbox) callsWith(prefix string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeInbox) called(call string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Contains(f.calls, call)
}

func (f *fakeInbox) item(id int64) core.Item {
	f.mu.Lock()
	defer f.mu.Unlock()
	return *f.items[id]
}

func (f *fakeInbox) draft(id int64) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.drafts[id]
}

func (f *fakeInbox) searchCalls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.searches)
}

func (f *fakeInbox) Page(_ context.Context, flt core.ItemFilter) ([]core.Item, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pages++
	if err := f.failure("Page"); err != nil {
		return nil, err
	}
	return f.page(flt, func(core.Item) bool { return true }), nil
}

func (f *fakeInbox) Search(_ context.Context, q string, flt core.ItemFilter) ([]core.Item, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.searches = append(f.searches, q)
	q = strings.ToLower(q)
	return f.page(flt, func(it core.Item) bool {
		return strings.Contains(strings.ToLower(it.Subject+" "+it.Snippet+" "+it.Author.Name), q)
	}), nil
}

func (f *fakeInbox) page(flt core.ItemFilter, match func(core.Item) bool) []core.Item {
	var out []core.Item
	for _, it := range f.items {
		if f.matches(*it, flt) && match(*it) {
			c := *it
			c.Text = ""
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b core.Item) int {
		if flt.VIPFirst && a.VIP != b.VIP {
			if a.VIP {
				return -1
			}
			return 1
		}
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
	if flt.Limit == 0 {
		flt.Limit = 100
	}
	return out[:min(len(out), flt.Limit)]
}

func (f *fakeInbox) matches(it core.Item, flt core.ItemFilter) bool {
	switch {
	case flt.AccountID != 0 && it.AccountID != flt.AccountID,
		flt.Kind != "" && it.Kind != flt.Kind,
		flt.Tag != "" && !slices.Contains(it.Tags, flt.Tag),
		flt.Unread && it.Seen,
		!flt.Before.IsZero() && !(it.CreatedAt.Before(flt.Before) || it.CreatedAt.Equal(flt.Before) && it.ID < flt.BeforeID):
		return false
	}
	if len(flt.States) > 0 {
		return slices.Contains(flt.States, it.State)
	}
	return it.State == core.StateNew || it.State == core.StateOpen ||
		it.State == core.StateSnoozed && !it.SnoozeUntil.After(flt.Now)
}

func (f *fakeInbox) Thread(_ context.Context, threadID int64) (core.Thread, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	th := core.Thread{ID: threadID, Items: slices.Clone(f.threads[threadID])}
	for _, it := range f.items {
		if it.ThreadID == threadID {
			th.Items = append(th.Items, *it)
		}
	}
	if len(th.Items) == 0 {
		return th, fmt.Errorf("thread %d: %w", threadID, core.ErrNotFound)
	}
	slices.SortFunc(th.Items, func(a, b core.Item) int { return a.CreatedAt.Compare(b.CreatedAt) })
	th.Subject = th.Items[0].Subject
	return th, nil
}

func (f *fakeInbox) Open(_ context.Context, id int64) (core.Item, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	it, ok := f.items[id]
	if !ok {
		return core.Item{}, fmt.Errorf("item %d: %w", id, core.ErrNotFound)
	}
	it.Seen = true
	if it.State == core.StateNew {
		it.State = core.StateOpen
	}
	f.record("Open %d", id)
	return *it, nil
}

func (f *fakeInbox) SetState(_ context.Context, id int64, st core.State, until time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SetState %d %s", id, st)
	if err := f.failure("SetState"); err != nil {
		return err
	}
	f.items[id].State, f.items[id].SnoozeUntil = st, until
	return nil
}

func (f *fakeInbox) SetSeen(_ context.Context, id int64, seen bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SetSeen %d %v", id, seen)
	if err := f.failure("SetSeen"); err != nil {
		return err
	}
	f.items[id].Seen = seen
	return nil
}

func (f *fakeInbox) AddTag(_ context.Context, id int64, tag string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("AddTag %d %s", id, tag)
	f.items[id].Tags = append(f.items[id].Tags, tag)
	return nil
}

func (f *fakeInbox) RemoveTag(_ context.Context, id int64, tag string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("RemoveTag %d %s", id, tag)
	f.items[id].Tags = slices.DeleteFunc(f.items[id].Tags, func(t string) bool { return t == tag })
	return nil
}

func (f *fakeInbox) Reply(_ context.Context, id int64, text string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Reply %d %s", id, text)
	if err := f.failure("Reply"); err != nil {
		return err
	}
	f.nextOut++
	payload, _ := json.Marshal(map[string]any{"text": text, "quote": true})
	f.outbox[id] = append(f.outbox[id], core.OutboxEntry{ID: f.nextOut, ItemID: id, Op: core.OpReply,
		Payload: payload, State: core.OutboxQueued, CreatedAt: uitest.Now, UpdatedAt: uitest.Now})
	delete(f.drafts, id)
	return nil
}

func (f *fakeInbox) SaveDraft(_ context.Context, id int64, text string) error {
	f.mu.Lock()
	gate := f.saveGate
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SaveDraft %d %s", id, text)
	f.drafts[id] = text
	return nil
}

func (f *fakeInbox) Draft(_ context.Context, id int64) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.drafts[id], nil
}

func (f *fakeInbox) Outbox(_ context.Context, id int64) ([]core.OutboxEntry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.outbox[id]), nil
}

// setOutbox replaces an item's outbox entries (as the engine would).
func (f *fakeInbox) setOutbox(id int64, entries ...core.OutboxEntry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.outbox[id] = entries
}

func (f *fakeInbox) RetryOutbox(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("RetryOutbox %d", id)
	for item, entries := range f.outbox {
		for i := range entries {
			if entries[i].ID == id {
				f.outbox[item][i].State = core.OutboxQueued
			}
		}
	}
	return nil
}

func (f *fakeInbox) StateCounts(_ context.Context, _ int64) (map[core.State]int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := map[core.State]int{}
	for _, it := range f.items {
		m[it.State]++
	}
	return m, nil
}

// Moderate records the action and, like the core service, hides a deleted
// comment at once; the fake channel confirms the deletion immediately.
func (f *fakeInbox) Moderate(_ context.Context, id int64, a core.ModAction) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Moderate %d %s %v %d %q", id, a.Kind, a.Duration, a.Reason, a.Comment)
	if err := f.failure("Moderate"); err != nil {
		return err
	}
	switch a.Kind {
	case core.ModDelete:
		f.items[id].State, f.items[id].Deleted = core.StateHidden, true
	case core.ModRestore:
		f.items[id].State, f.items[id].Deleted = core.StateOpen, false
	}
	return nil
}

func (f *fakeInbox) DiscardOutbox(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("DiscardOutbox %d", id)
	for item, entries := range f.outbox {
		f.outbox[item] = slices.DeleteFunc(entries, func(e core.OutboxEntry) bool { return e.ID == id })
	}
	return nil
}
