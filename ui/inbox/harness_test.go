package inbox

import (
	"cmp"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

func TestMain(m *testing.M) {
	// Relative times and snooze choices are computed in local time: pin it.
	time.Local = time.UTC
	dir, err := os.MkdirTemp("", "hearth-inbox-test")
	if err != nil {
		panic(err)
	}
	samplesDB.path = filepath.Join(dir, "samples.db")
	// English, with its plural forms: "1 message", not "1 messages".
	if _, err := kit.UseLanguage("en"); err != nil {
		panic(err)
	}
	code := m.Run()

	os.RemoveAll(dir)
	os.Exit(code)
}

// samplesDB is the sample workspace, seeded once and copied for each test
// that uses it.
var samplesDB struct {
	once  sync.Once
	path  string
	items []core.Item // as stored, with their ids
}

// harness is the inbox on the real core services over a temporary store
// holding the sample workspace, in a window of the size the screen gets in
// the default window, in front.
type harness struct {
	*uitest.Window
	s       *Screen
	ws      *coretest.Workspace
	clock   *clock
	inbox   *faultyInbox
	experts kit.Mentioner
	views   Views // saved views beside the search box; nil for none
	// pictures makes the screen's Pictures over the workspace; nil: none.
	pictures func(ws *coretest.Workspace) Pictures
	samples  bool        // the sample workspace: seed, then Claire's earlier exchange
	seed     []core.Item // else what the workspace holds before the screen starts
	items    []core.Item // as stored, with their ids
}

type option func(*harness)

// withItems fills the workspace with items instead of the samples; an
// item without an account name goes to the first account.
func withItems(items []core.Item) option {
	return func(h *harness) { h.seed, h.samples = items, false }
}

// withExperts gives the inbox member files to find experts in.
func withExperts(m kit.Mentioner) option {
	return func(h *harness) { h.experts = m }
}

func newHarness(t *testing.T, opts ...option) *harness {
	t.Helper()
	h := &harness{Window: uitest.NewScreenWindow(t, uitest.ScreenSize), clock: &clock{t: uitest.Now},
		samples: true}
	for _, o := range opts {
		o(h)
	}
	if h.samples {
		h.openSamples(t)
	} else {
		h.ws = coretest.Open(t, h.clock.now)
		h.fill(t)
	}
	h.inbox = &faultyInbox{Service: h.ws.Inbox}
	h.s = New(h.Env, Backend{Inbox: h.inbox, Accounts: h.ws.Accounts, Experts: h.experts, Members: h.ws.Members, Saved: h.ws.Inbox,
		Views: h.views, Pictures: h.picturesOf()}, func() bool { return true })
	h.Win.SetContent(h.s.Content())
	h.Win.Show()
	h.s.Start()
	h.WaitFor("the first page", func() bool { return h.s.loaded })
	return h
}

func (h *harness) picturesOf() Pictures {
	if h.pictures == nil {
		return nil
	}
	return h.pictures(h.ws)
}

// openSamples opens a copy of the sample workspace, seeding it first if no
// test did yet.
func (h *harness) openSamples(t *testing.T) {
	t.Helper()
	samplesDB.once.Do(func() {
		h.ws = coretest.Open(t, h.clock.now)
		h.seed = sampleItems()
		h.seed = append(h.seed, claireThread(h.seed)...)
		h.fill(t)
		h.ws.Snapshot(t, samplesDB.path)
		samplesDB.items = h.items
	})
	if samplesDB.items == nil {
		t.Fatal("the sample workspace could not be seeded")
	}
	h.ws = coretest.OpenCopy(t, samplesDB.path, h.clock.now)
	h.items = slices.Clone(samplesDB.items)
}

// fill stores the accounts and the seed items, each run of items of one
// account in one batch as its sync would, so ids follow the seed's order.
func (h *harness) fill(t *testing.T) {
	t.Helper()
	accounts := map[string]int64{}
	var first int64
	for _, a := range sampleAccounts() {
		a = h.ws.AddAccount(t, a)
		accounts[a.Name] = a.ID
		if first == 0 {
			first = a.ID
		}
	}
	items := h.seed
	accountOf := func(it core.Item) int64 {
		if id, ok := accounts[it.Account]; ok {
			return id
		}
		return first
	}
	for start := 0; start < len(items); {
		end := start + 1
		for end < len(items) && accountOf(items[end]) == accountOf(items[start]) {
			end++
		}
		h.items = append(h.items, h.ws.AddItems(t, accountOf(items[start]), items[start:end]...)...)
		start = end
	}
}

// id is the store's id of the nth item of the seed (from 1): the nth
// sample, newest first.
func (h *harness) id(n int) int64 {
	h.T.Helper()
	if n < 1 || n > len(h.items) {
		h.T.Fatalf("no seed item %d", n)
	}
	return h.items[n-1].ID
}

// idsOf are the store's ids of seed items by their numbers.
func (h *harness) idsOf(ns ...int) []int64 {
	out := make([]int64, len(ns))
	for i, n := range ns {
		out[i] = h.id(n)
	}
	return out
}

// byRemote is the stored item with a remote id (of Claire's thread, say).
func (h *harness) byRemote(remoteID string) core.Item {
	h.T.Helper()
	for _, it := range h.items {
		if it.RemoteID == remoteID {
			return h.item(it.ID)
		}
	}
	h.T.Fatalf("no item %q in the workspace", remoteID)
	return core.Item{}
}

// item is an item as the store now holds it.
func (h *harness) item(id int64) core.Item {
	h.T.Helper()
	it, err := h.ws.Store.Item(context.Background(), id)
	if err != nil {
		h.T.Fatalf("item %d: %v", id, err)
	}
	return it
}

// draft is the saved draft of a reply to an item.
func (h *harness) draft(id int64) string {
	h.T.Helper()
	d, err := h.ws.Inbox.Draft(context.Background(), id)
	if err != nil {
		h.T.Fatalf("draft of %d: %v", id, err)
	}
	return d
}

// outbox is what the outbox holds for an item, by operation (every one
// when op is empty), in the order queued.
func (h *harness) outbox(id int64, op core.OutboxOp) []core.OutboxEntry {
	h.T.Helper()
	all, err := h.ws.Inbox.Outbox(context.Background(), id)
	if err != nil {
		h.T.Fatalf("outbox of %d: %v", id, err)
	}
	slices.SortFunc(all, func(a, b core.OutboxEntry) int { return cmp.Compare(a.ID, b.ID) })
	var out []core.OutboxEntry
	for _, e := range all {
		if op == "" || e.Op == op {
			out = append(out, e)
		}
	}
	return out
}

// entry is an outbox entry of an item by its id; ok is false once it is gone.
func (h *harness) entry(itemID, id int64) (core.OutboxEntry, bool) {
	for _, e := range h.outbox(itemID, "") {
		if e.ID == id {
			return e, true
		}
	}
	return core.OutboxEntry{}, false
}

// replies are the texts of the replies queued for an item, oldest first.
func (h *harness) replies(id int64) []string {
	h.T.Helper()
	var out []string
	for _, e := range h.outbox(id, core.OpReply) {
		var p struct{ Text string }
		if err := json.Unmarshal(e.Payload, &p); err != nil {
			h.T.Fatalf("reply payload %s: %v", e.Payload, err)
		}
		out = append(out, p.Text)
	}
	return out
}

// moderations are the moderation actions queued for an item.
func (h *harness) moderations(id int64) []core.ModAction {
	h.T.Helper()
	var out []core.ModAction
	for _, e := range h.outbox(id, core.OpModerate) {
		var a core.ModAction
		if err := json.Unmarshal(e.Payload, &a); err != nil {
			h.T.Fatalf("moderation payload %s: %v", e.Payload, err)
		}
		out = append(out, a)
	}
	return out
}

// addOutbox puts an entry in the outbox as the engine would have taken it
// to its state at its UpdatedAt (now when zero); it returns its id.
func (h *harness) addOutbox(e core.OutboxEntry) int64 {
	h.T.Helper()
	if !e.UpdatedAt.IsZero() {
		h.clock.set(e.UpdatedAt)
		defer h.clock.set(uitest.Now)
	}
	return h.ws.AddOutbox(h.T, e)
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
		if r, ok := o.(*itemRow); ok && r.Visible() && r.subject.FullText() != "" {
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

// clock is the workspace's clock: uitest.Now, unless a test dates what it
// stores earlier.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// fakeExperts knows Claire, an expert on modding and the map editor.
type fakeExperts struct{}

func (fakeExperts) MentionsFor(_ context.Context, text string, _ int) ([]members.Expert, error) {
	t := strings.ToLower(text)
	if !strings.Contains(t, "modding") && !strings.Contains(t, "map editor") {
		return nil, nil
	}
	return []members.Expert{{Member: core.Member{ID: 1, Name: "Claire Martin"}, Score: 35,
		Why:      "expertise level 3; lists it as an interest",
		Evidence: core.ExpertEvidence{Level: 3, Interest: true},
		Handles:  map[core.IdentityKind]string{core.IdentityX: "claire_builds", core.IdentityVK: "claire.db"}}}, nil
}

// close closes the window as the shell does: background work ends, then
// the screen saves what is being written.
func (h *harness) close() {
	h.Window.Close()
	h.s.Close()
}
