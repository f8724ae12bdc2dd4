package notify_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/notify"
)

var start = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

func render(as []notify.Alert) []string {
	out := []string{}
	for _, a := range as {
		if a.Summary() {
			out = append(out, fmt.Sprintf("more×%d", a.Count))
			continue
		}
		out = append(out, fmt.Sprintf("%s/%s×%d %s", a.Kind, a.Group, a.Count, a.Latest.Title))
	}
	return out
}

// statusAccounts lists the store's accounts with statuses the test sets,
// as the engine's live statuses would be.
type statusAccounts struct {
	w      *coretest.Workspace
	status map[int64]core.AccountStatus
}

func (s statusAccounts) List(ctx context.Context) ([]core.Account, error) {
	accts, err := s.w.Store.Accounts(ctx)
	for i := range accts {
		if st, ok := s.status[accts[i].ID]; ok {
			accts[i].Status = st
		}
	}
	return accts, err
}

// What was in the workspace before the window opened does not notify;
// new items notify by kind (abusive, VIP, watch), ours, read and old ones
// never.
func TestServiceItems(t *testing.T) {
	now := start
	w := coretest.Open(t, func() time.Time { return now })
	ctx := context.Background()
	vk := w.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Hearth VK"})
	w.AddItems(t, vk.ID, core.Item{Kind: core.ItemVKComment, Text: "old VIP", VIP: true, State: core.StateNew, CreatedAt: now.Add(-time.Hour)})
	s := notify.New(notify.Params{Store: w.Store, Accounts: statusAccounts{w: w}, Now: func() time.Time { return now }})
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	author := core.Person{Name: "Анна", Address: "id1"}
	items := w.AddItems(t, vk.ID,
		core.Item{Kind: core.ItemVKComment, Author: author, Text: "ты идиот", Tone: &core.Tone{Lang: "ru", Sentiment: -0.8, Abusive: true}, VIP: true, State: core.StateNew, CreatedAt: now},
		core.Item{Kind: core.ItemVKComment, Author: author, Text: "VIP says hi", VIP: true, State: core.StateNew, CreatedAt: now},
		core.Item{Kind: core.ItemVKComment, Author: author, Text: "Hearth is nice", Tags: []string{core.WatchTag("Hearth")}, State: core.StateNew, CreatedAt: now},
		core.Item{Kind: core.ItemVKComment, Author: author, Text: "Hearth again", Tags: []string{core.WatchTag("Hearth")}, State: core.StateNew, CreatedAt: now},
		core.Item{Kind: core.ItemVKComment, Author: author, Text: "our VIP reply", VIP: true, Outgoing: true, State: core.StateNew, CreatedAt: now},
		core.Item{Kind: core.ItemVKComment, Author: author, Text: "read VIP", VIP: true, Seen: true, State: core.StateNew, CreatedAt: now},
		core.Item{Kind: core.ItemVKComment, Author: author, Text: "two days old VIP", VIP: true, State: core.StateNew, CreatedAt: now.Add(-48 * time.Hour)},
		core.Item{Kind: core.ItemVKComment, Author: author, Text: "spam VIP", VIP: true, State: core.StateSpam, CreatedAt: now},
	)
	ids := []int64{1} // the old item, changed by a re-sync
	for _, it := range items {
		ids = append(ids, it.ID)
	}
	as, err := s.Check(ctx, notify.Changes{Items: ids}, notify.Screen{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"abusive/×1 Анна", "vip/×1 Анна", "watch/Hearth×2 Анна"}
	if fmt.Sprint(render(as)) != fmt.Sprint(want) {
		t.Errorf("alerts %q, want %q", render(as), want)
	}
	if as[2].Latest.ItemID != items[3].ID || as[2].Latest.Text != "Hearth again" {
		t.Errorf("the watch group's latest item = %+v, want item %d with its snippet", as[2].Latest, items[3].ID)
	}
}

// A held post notifies (even one held before the start: it waits for a
// person); a failed post only when it fails after the start.
func TestServicePosts(t *testing.T) {
	now := start
	w := coretest.Open(t, func() time.Time { return now })
	ctx := context.Background()
	vk := w.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Hearth VK"})
	post := func(text string, st core.TargetState, why string) {
		w.AddPost(t, core.Post{Text: text, At: now.Add(-time.Hour), Zone: "UTC",
			Targets: []core.PostTarget{{AccountID: vk.ID, State: st, Error: why}}})
	}
	post("Old failure", core.TargetFailed, "token expired")
	post("Meetup on Friday", core.TargetHeld, "Hearth was not running at 11:00")
	s := notify.New(notify.Params{Store: w.Store, Accounts: statusAccounts{w: w}, Now: func() time.Time { return now }})
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	post("Quiz night", core.TargetFailed, "the text is too long")
	as, err := s.Check(ctx, notify.Changes{Posts: true}, notify.Screen{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"post/failed×1 Quiz night", "post/held×1 Meetup on Friday"}
	if fmt.Sprint(render(as)) != fmt.Sprint(want) {
		t.Errorf("alerts %q, want %q", render(as), want)
	}
	if as[0].Latest.Text != "Hearth VK: the text is too long" {
		t.Errorf("failed post's text = %q, want the account and why", as[0].Latest.Text)
	}
	if h := as[1].Latest; h.Late != time.Hour || h.Account != "Hearth VK" {
		t.Errorf("held post: late %v for %q, want an hour late for Hearth VK (the window words it)", h.Late, h.Account)
	}
	if as, _ := s.Check(ctx, notify.Changes{Posts: true}, notify.Screen{}); len(as) != 0 {
		t.Errorf("the same posts again: %q, want nothing", render(as))
	}
}

// An account whose credentials were refused notifies once, and again
// only after it synced in between; other errors never.
func TestServiceToken(t *testing.T) {
	now := start
	w := coretest.Open(t, func() time.Time { return now })
	ctx := context.Background()
	vk := w.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Hearth VK"})
	mail := w.AddAccount(t, core.Account{Kind: core.KindIMAP, Name: "Mail"})
	accts := statusAccounts{w: w, status: map[int64]core.AccountStatus{}}
	s := notify.New(notify.Params{Store: w.Store, Accounts: accts, Now: func() time.Time { return now }})
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	refused := core.AccountStatus{State: core.SyncError, Problem: core.ProblemAuth, Message: "VK refused the token"}
	steps := []struct {
		vk, mail core.AccountStatus
		want     []string
	}{
		{refused, core.AccountStatus{State: core.SyncError, Problem: core.ProblemNetwork}, []string{"token/Hearth VK×1 Hearth VK"}},
		{refused, core.AccountStatus{State: core.SyncOK}, []string{}},
		{core.AccountStatus{State: core.SyncOK}, core.AccountStatus{State: core.SyncOK}, []string{}},
		{refused, core.AccountStatus{State: core.SyncOK}, []string{"token/Hearth VK×1 Hearth VK"}},
	}
	for i, st := range steps {
		now = now.Add(time.Minute)
		accts.status[vk.ID], accts.status[mail.ID] = st.vk, st.mail
		as, err := s.Check(ctx, notify.Changes{Accounts: true}, notify.Screen{})
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(render(as)) != fmt.Sprint(st.want) {
			t.Errorf("step %d: alerts %q, want %q", i, render(as), st.want)
		}
	}
}

// Each kind's switch is stored in the workspace: a new service (the next
// start) reads it, and an off kind never notifies.
func TestServiceSwitchesPersist(t *testing.T) {
	now := start
	w := coretest.Open(t, func() time.Time { return now })
	ctx := context.Background()
	vk := w.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Hearth VK"})
	s := notify.New(notify.Params{Store: w.Store, Accounts: statusAccounts{w: w}})
	if err := s.SetEnabled(ctx, notify.VIP, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetEnabled(ctx, "nonsense", false); err == nil {
		t.Error("SetEnabled of an unknown kind: no error")
	}
	again := notify.New(notify.Params{Store: w.Store, Accounts: statusAccounts{w: w}, Now: func() time.Time { return now }})
	if err := again.Start(ctx); err != nil {
		t.Fatal(err)
	}
	on, err := again.Enabled(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range notify.Kinds {
		if on[k] != (k != notify.VIP) {
			t.Errorf("after a restart, %s on = %v", k, on[k])
		}
	}
	items := w.AddItems(t, vk.ID, core.Item{Kind: core.ItemVKComment, Text: "VIP says hi", VIP: true, State: core.StateNew, CreatedAt: now})
	if as, _ := again.Check(ctx, notify.Changes{Items: []int64{items[0].ID}}, notify.Screen{}); len(as) != 0 {
		t.Errorf("VIP turned off: alerts %q, want none", render(as))
	}
}

// Closing to the tray is unset until chosen, then stored.
func TestServiceCloseToTray(t *testing.T) {
	w := coretest.Open(t, func() time.Time { return start })
	ctx := context.Background()
	s := notify.New(notify.Params{Store: w.Store, Accounts: statusAccounts{w: w}})
	if on, set, err := s.CloseToTray(ctx); err != nil || on || set {
		t.Errorf("fresh workspace: on %v, set %v, %v; want unset", on, set, err)
	}
	for _, want := range []bool{false, true} {
		if err := s.SetCloseToTray(ctx, want); err != nil {
			t.Fatal(err)
		}
		if on, set, err := s.CloseToTray(ctx); err != nil || on != want || !set {
			t.Errorf("after SetCloseToTray(%v): on %v, set %v, %v", want, on, set, err)
		}
	}
}
