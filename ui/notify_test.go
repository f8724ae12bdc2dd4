package ui

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/notify"
	"github.com/hearthhq/hearth/core/rules"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

// notifyingShell is the window with the notifications service on its
// workspace; sent records what reached the desktop.
type notifyingShell struct {
	*shell
	svc  *countingNotify
	sent *recordingApp
}

func newNotifyingShell(t *testing.T, opts ...shellOption) *notifyingShell {
	svc := &countingNotify{}
	opts = append(opts, func(b *Backend, ws *coretest.Workspace) {
		svc.Service = notify.New(notify.Params{Store: ws.Store, Accounts: ws.Accounts, Now: func() time.Time { return uitest.Now }})
		b.Notify = svc
	})
	s := newShell(t, opts...)
	s.WaitFor("notifications started", func() bool { return svc.started.Load() })
	rec := &recordingApp{App: s.u.app}
	s.u.app = rec
	return &notifyingShell{shell: s, svc: svc, sent: rec}
}

// publish tells the window that items arrived and waits until it has
// looked at them and sent what it would. It waits for a check of these
// items, not any check: one still running for an earlier event (the
// conversation opened, an account's status) would otherwise pass for it,
// and the window's own check would land in the next publish.
func (s *notifyingShell) publish(ids ...int64) []string {
	s.T.Helper()
	before := s.svc.timesChecked(ids)
	s.sent.take()
	s.ws.Engine.Publish(core.Event{Kind: core.EventItems, AccountID: s.accts[0].ID, ItemIDs: ids})
	s.WaitFor("the notifications checked", func() bool {
		return s.svc.timesChecked(ids) > before && s.Env.Idle()
	})
	s.Settle()
	return s.sent.take()
}

// A message a rule asked to notify of is shown on the desktop once, when
// it arrives.
func TestRuleNotificationShownOnce(t *testing.T) {
	var svc *rules.Service
	s := newNotifyingShell(t, func(b *Backend, ws *coretest.Workspace) {
		svc = rules.New(rules.Params{Store: ws.Store, Notify: ws.Engine, Now: func() time.Time { return uitest.Now }})
		b.Rules = svc
	})
	ctx := context.Background()
	if _, err := svc.Add(ctx, core.Rule{Name: "Urgent", Query: "срочно", Enabled: true,
		Actions: []core.RuleAction{{Kind: core.RuleNotify}}}); err != nil {
		t.Fatal(err)
	}
	ruled := &rules.Applying{Store: s.ws.Store, Rules: svc}
	item := core.Item{Kind: core.ItemEmail, RemoteID: "urgent-1", Subject: "Сервер упал", Text: "Срочно: сайт не открывается",
		Author: core.Person{Address: "ivan@example.ru"}, State: core.StateNew, CreatedAt: uitest.Now.Add(-time.Minute)}
	res, err := ruled.ApplyBatch(ctx, s.accts[0].ID, core.Batch{Items: []core.Item{item}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Rule Urgent: Сервер упал | Срочно: сайт не открывается"}
	if got := s.publish(res.NewIDs...); !slices.Equal(got, want) {
		t.Errorf("notifications %q, want %q", got, want)
	}
	if got := s.publish(res.NewIDs...); len(got) != 0 {
		t.Errorf("the same message again: notifications %q, want none", got)
	}
}

// Five mentions of a watch are one notification; a VIP's answer in the
// conversation the person is reading makes none: it appears in front of
// them.
func TestNotificationsGroupedAndNotForTheOpenConversation(t *testing.T) {
	s := newNotifyingShell(t)
	streamer := core.Person{Name: "Big Streamer", Address: "big@example.com"}
	first := s.ws.AddItems(t, s.accts[0].ID, core.Item{Kind: core.ItemEmail, RemoteID: "<p1@example.com>", Subject: "Partnership",
		Text: "Shall we talk?", Author: streamer, State: core.StateNew, CreatedAt: uitest.Now.Add(-time.Hour)})[0]
	s.u.inbox.OpenItem(first.ID)
	s.WaitFor("the conversation open", func() bool { id, _ := s.u.inbox.Reading(); return id == first.ID })
	var items []core.Item
	for i := range 5 {
		items = append(items, core.Item{Kind: core.ItemEmail, Subject: fmt.Sprintf("Hearth %d", i), Text: "I love Hearth",
			Author: core.Person{Name: "Claire", Address: "claire@example.fr"}, Tags: []string{core.WatchTag("Hearth")},
			State: core.StateNew, CreatedAt: uitest.Now.Add(-time.Minute)})
	}
	items = append(items, core.Item{Kind: core.ItemEmail, Subject: "Re: Partnership", Text: "Any news?", VIP: true,
		ThreadRefs: []string{first.RemoteID}, Author: streamer, State: core.StateNew, CreatedAt: uitest.Now})
	items = s.ws.AddItems(t, s.accts[0].ID, items...)
	if items[5].ThreadID != first.ThreadID {
		t.Fatalf("the answer is in thread %d, not the open conversation %d", items[5].ThreadID, first.ThreadID)
	}
	var ids []int64
	for _, it := range items {
		ids = append(ids, it.ID)
	}
	want := []string{"5 new mentions of Hearth | Latest: Claire: Hearth 4 — I love Hearth"}
	if got := s.publish(ids...); !slices.Equal(got, want) {
		t.Errorf("notifications %q, want %q", got, want)
	}
	s.show(t, "Calendar")
	answer := s.ws.AddItems(t, s.accts[0].ID, core.Item{Kind: core.ItemEmail, Subject: "Re: Partnership", Text: "Hello?", VIP: true,
		ThreadRefs: []string{first.RemoteID}, Author: streamer, State: core.StateNew, CreatedAt: uitest.Now})[0]
	want = []string{"VIP: Big Streamer: Re: Partnership | Hello?"}
	if got := s.publish(answer.ID); !slices.Equal(got, want) {
		t.Errorf("with the calendar in front: notifications %q, want %q", got, want)
	}
}

// countingNotify counts the window's starts and, per item, its checks.
type countingNotify struct {
	*notify.Service
	started atomic.Bool
	mu      sync.Mutex
	checked map[int64]int // item: checks done that included it
}

// timesChecked is how many finished checks included all of ids.
func (c *countingNotify) timesChecked(ids []int64) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := -1
	for _, id := range ids {
		if n < 0 || c.checked[id] < n {
			n = c.checked[id]
		}
	}
	return n
}

func (c *countingNotify) Start(ctx context.Context) error {
	defer c.started.Store(true)
	return c.Service.Start(ctx)
}

func (c *countingNotify) Check(ctx context.Context, ch notify.Changes, onScreen notify.Screen) ([]notify.Alert, error) {
	defer func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.checked == nil {
			c.checked = map[int64]int{}
		}
		for _, id := range ch.Items {
			c.checked[id]++
		}
	}()
	return c.Service.Check(ctx, ch, onScreen)
}

// recordingApp keeps every notification sent, as "title | content".
type recordingApp struct {
	fyne.App
	mu   sync.Mutex
	sent []string
}

func (a *recordingApp) SendNotification(n *fyne.Notification) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.sent = append(a.sent, n.Title+" | "+n.Content)
}

// take returns what was sent since the last take.
func (a *recordingApp) take() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := a.sent
	a.sent = nil
	return out
}

// A held post's notification says how late it is in words, in the
// window's language, not as a Go duration ("15h34m0s").
func TestHeldPostNotificationSaysLatenessInWords(t *testing.T) {
	a := notify.Alert{Kind: notify.Post, Group: string(core.TargetHeld), Count: 1, Latest: notify.Candidate{
		Kind: notify.Post, Title: "Meetup on Friday", Account: "Hearth VK", Late: 15*time.Hour + 34*time.Minute,
		Text: "Hearth VK: 15h34m0s late (Hearth was not running at its time): publish it now, move it or skip it"}}
	for _, tc := range []struct{ lang, title, body string }{
		{"en", "Post held: Meetup on Friday", "Hearth VK: held, 15 hours late. Hearth was not running at the post's time: publish it now, move it or skip it."},
		{"fr", "Publication en attente : Meetup on Friday", "Hearth VK : retenue, 15 heures de retard. Hearth n’était pas lancé à l’heure de la publication : publiez-la maintenant, déplacez-la ou passez-la."},
		{"ru", "", "Hearth VK: задержана, опоздание 15 часов. Hearth не был запущен в момент публикации: опубликуйте её сейчас, перенесите или пропустите."},
	} {
		if _, err := kit.UseLanguage(tc.lang); err != nil {
			t.Fatal(err)
		}
		title, body := alertText(a)
		if (tc.title != "" && title != tc.title) || body != tc.body {
			t.Errorf("%s: %q / %q, want %q / %q", tc.lang, title, body, tc.title, tc.body)
		}
	}
	if _, err := kit.UseLanguage("en"); err != nil {
		t.Fatal(err)
	}
}
