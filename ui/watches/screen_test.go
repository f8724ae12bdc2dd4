package watches

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/views"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

type harness struct {
	*uitest.Window
	s     *Screen
	views *views.Service
	shown []string
}

// newHarness is the screen over a workspace with a forum feed that
// synced, a web alert that fails, and a keyword watch with two unread
// matches (the UI tests' clock is 12 March 2025).
func newHarness(t *testing.T) *harness {
	t.Helper()
	w := uitest.NewScreenWindow(t, uitest.ScreenSize)
	clock := func() time.Time { return uitest.Now }
	ws := coretest.Open(t, clock)
	feed := func(name, url string, kw []string, st core.AccountStatus) core.Account {
		raw, _ := json.Marshal(core.FeedSettings{URL: url, Keywords: kw})
		return ws.AddAccount(t, core.Account{Kind: core.KindFeed, Name: name, Settings: raw, Status: st})
	}
	feed("Форум настольщиков", "https://forum.example/rss.php", nil,
		core.AccountStatus{State: core.SyncOK, LastSync: uitest.Now.Add(-12 * time.Minute)})
	feed("Google Alerts: Hearth", "https://alerts.example/feeds/1/2", []string{"hearth", "хартх"},
		core.AccountStatus{State: core.SyncError, Message: "the feed answered 404 Not Found", Action: "check the address"})
	vk := ws.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Клуб"})
	vs := views.New(views.Params{Store: ws.Store, Now: clock})
	if _, err := vs.Add(context.Background(), "Brand", `hearth OR "hearth makers"`, true); err != nil {
		t.Fatal(err)
	}
	if _, err := vs.Add(context.Background(), "Questions", "is:unread", false); err != nil {
		t.Fatal(err)
	}
	ws.AddItems(t, vk.ID,
		core.Item{Kind: core.ItemVKComment, RemoteID: "1", Text: "Hearth Makers are great", CreatedAt: uitest.Now.Add(-time.Hour)},
		core.Item{Kind: core.ItemVKComment, RemoteID: "2", Text: "Is hearth free?", CreatedAt: uitest.Now.Add(-2 * time.Hour)},
	)
	h := &harness{Window: w, views: vs}
	h.s = New(w.Env, Backend{Feeds: ws.Accounts, Keywords: vs})
	h.s.ShowQuery = func(q string) { h.shown = append(h.shown, q) }
	w.Win.SetContent(h.s.Content())
	w.Win.Show()
	h.s.Start()
	h.WaitFor("the watches", func() bool { return h.s.loaded })
	h.Settle()
	return h
}

func TestWatchesGolden(t *testing.T) {
	h := newHarness(t)
	h.Relayout()
	test.AssertRendersToImage(t, "watches.png", h.Canvas())
}

func TestAddKeywordWatch(t *testing.T) {
	h := newHarness(t)
	h.s.words.SetText("встреча OR)")
	h.s.addKeyword()
	h.Settle()
	if !h.s.addErr.Visible() || h.s.addErr.Text != "Column 9: OR needs a term on each side" {
		t.Errorf("a bad query says %q", h.s.addErr.Text)
	}
	h.s.words.SetText("встреча OR митап")
	h.s.addKeyword()
	h.Settle()
	list, _ := h.views.List(context.Background())
	var names []string
	for _, v := range list {
		if v.Watch {
			names = append(names, v.Name)
		}
	}
	if len(names) != 2 || names[1] != "встреча OR митап" || h.s.addErr.Visible() {
		t.Errorf("watches = %v (error shown %v)", names, h.s.addErr.Visible())
	}
	if n := len(h.s.keywords); n != 2 {
		t.Errorf("%d keyword rows, want 2 (saved views that are no watches are not listed)", n)
	}
	test.Tap(uitest.Button(t, h.s.keywords[0], "Show"))
	if len(h.shown) != 1 || h.shown[0] != "tag:watch:Brand" {
		t.Errorf("Show opened %q", h.shown)
	}
}

// A keyword watch says how many of its matches are unread in words: its
// name used to read "Brand (2)", which a person took for the number of
// conversations Show lists (more: the read ones too).
func TestKeywordWatchSaysItsUnreadInWords(t *testing.T) {
	h := newHarness(t)
	labels := uitest.LabelsIn(h.s.keywords[0])
	texts := strings.Join(uitest.TextsIn(h.s.keywords[0]), " | ")
	if len(labels) == 0 || labels[0] != "Brand" {
		t.Errorf("the watch is named %q, want Brand alone", labels)
	}
	if !strings.Contains(texts, "2 unread") {
		t.Errorf("the row says %q, want its 2 unread matches", texts)
	}
}
