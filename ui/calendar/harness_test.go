package calendar

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hearth-calendar-test")
	if err != nil {
		panic(err)
	}
	samplesDB.path = filepath.Join(dir, "samples.db")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// samplesDB is the sample workspace (channels, the campaign, the meetup,
// the posts), seeded once and copied for each test.
var samplesDB struct {
	once   sync.Once
	path   string
	seeded bool
}

// calHarness is the calendar screen on the real core services over a
// temporary store holding the sample workspace, in a window of the size
// the screen gets in the default window.
type calHarness struct {
	*uitest.Window
	ws  *coretest.Workspace
	cal *faultyCalendar
	s   *Screen
}

func newCalHarness(t *testing.T) *calHarness {
	t.Helper()
	return newCalHarnessWith(t, nil)
}

// newCalHarnessWith also gives the screen member files to find experts in
// (nil: none).
func newCalHarnessWith(t *testing.T, experts kit.Mentioner) *calHarness {
	t.Helper()
	loadLanguage(t)
	w := uitest.NewScreenWindow(t, uitest.ScreenSize)
	h := &calHarness{Window: w, ws: openSamples(t)}
	h.cal = &faultyCalendar{Service: h.ws.Calendar}
	h.s = New(w.Env, Backend{Calendar: h.cal, Accounts: h.ws.Accounts, Experts: experts})
	w.Win.SetContent(h.s.Content())
	w.Win.Show()
	h.s.Start()
	h.waitLoaded()
	h.WaitFor("the channels", func() bool { return len(h.s.accounts) > 0 })
	return h
}

func now() time.Time { return uitest.Now }

// openSamples opens a copy of the sample workspace, seeding it first if
// no test did yet.
func openSamples(t *testing.T) *coretest.Workspace {
	t.Helper()
	samplesDB.once.Do(func() {
		ws := coretest.Open(t, now, coretest.InZone(calZone))
		seed(t, ws)
		ws.Snapshot(t, samplesDB.path)
		samplesDB.seeded = true
	})
	if !samplesDB.seeded {
		t.Fatal("the sample workspace could not be seeded")
	}
	return coretest.OpenCopy(t, samplesDB.path, now, coretest.InZone(calZone))
}

// seed stores the channels, the campaign, the meetup and the posts.
func seed(t *testing.T, ws *coretest.Workspace) {
	t.Helper()
	ctx := context.Background()
	ids := map[string]int64{}
	for _, a := range sampleAccounts() {
		ids[a.Name] = ws.AddAccount(t, a).ID
	}
	campaign, err := ws.Calendar.CreateCampaign(ctx, sampleCampaign())
	if err != nil {
		t.Fatalf("create the campaign: %v", err)
	}
	if _, err := ws.Calendar.CreateMeetup(ctx, sampleMeetup()); err != nil {
		t.Fatalf("create the meetup: %v", err)
	}
	for _, p := range samplePosts(campaign) {
		for i := range p.Targets {
			p.Targets[i].AccountID = ids[p.Targets[i].Account]
		}
		ws.AddPost(t, p)
	}
}

func (h *calHarness) screen() *Screen { return h.s }

// waitLoaded waits until the screen shows what the store holds now.
func (h *calHarness) waitLoaded() {
	h.T.Helper()
	h.WaitFor("the calendar", func() bool { return h.screen().loaded && !h.screen().reload.Busy() })
	h.Settle()
}

// accountID is the id of a channel by name.
func (h *calHarness) accountID(name string) int64 {
	h.T.Helper()
	accts, err := h.ws.Accounts.List(context.Background())
	if err != nil {
		h.T.Fatalf("list the channels: %v", err)
	}
	for _, a := range accts {
		if a.Name == name {
			return a.ID
		}
	}
	h.T.Fatalf("no channel %q", name)
	return 0
}

// stored is every post placed in 2025, as the store holds it now.
func (h *calHarness) stored() []core.Post {
	h.T.Helper()
	ps, err := h.ws.Store.Posts(context.Background(), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		h.T.Fatalf("posts: %v", err)
	}
	return ps
}

// postsLike are the stored posts whose text starts with prefix.
func (h *calHarness) postsLike(prefix string) []core.Post {
	h.T.Helper()
	var out []core.Post
	for _, p := range h.stored() {
		if strings.HasPrefix(p.Text, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// post is the one stored post whose text starts with prefix.
func (h *calHarness) post(prefix string) core.Post {
	h.T.Helper()
	ps := h.postsLike(prefix)
	if len(ps) != 1 {
		h.T.Fatalf("%d posts start with %q, want one", len(ps), prefix)
	}
	return ps[0]
}

// byID is a post as the store now holds it.
func (h *calHarness) byID(id int64) core.Post {
	h.T.Helper()
	p, err := h.ws.Calendar.Post(context.Background(), id)
	if err != nil {
		h.T.Fatalf("post %d: %v", id, err)
	}
	return p
}

// target is a post's channel by the channel's name.
func target(t testing.TB, p core.Post, account string) core.PostTarget {
	t.Helper()
	for _, tg := range p.Targets {
		if tg.Account == account {
			return tg
		}
	}
	t.Fatalf("post %q is not on %s", p.Text, account)
	return core.PostTarget{}
}
