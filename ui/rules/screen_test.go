package rules

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/rules"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

type harness struct {
	*uitest.Window
	s   *Screen
	svc *rules.Service
}

// newHarness is the screen on the real rules service over a VK community
// with a spammer, a question and an old message (the UI tests' clock is
// 12 March 2025).
func newHarness(t *testing.T) *harness {
	t.Helper()
	w := uitest.NewScreenWindow(t, uitest.ScreenSize)
	clock := func() time.Time { return uitest.Now }
	ws := coretest.Open(t, clock)
	vk := ws.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Клуб"})
	ago := func(d time.Duration) time.Time { return uitest.Now.Add(-d) }
	ws.AddItems(t, vk.ID,
		core.Item{Kind: core.ItemVKComment, RemoteID: "1", Text: "Накрутка подписчиков недорого 👉 https://cheap-subs.example", CreatedAt: ago(3 * time.Hour),
			Author: core.Person{Name: "Подписчики Недорого", Address: "7"}},
		core.Item{Kind: core.ItemVKComment, RemoteID: "2", Text: "Лучшие подписчики тут: http://subs.example", CreatedAt: ago(50 * time.Hour),
			Author: core.Person{Name: "Бот Ботов", Address: "8"}},
		core.Item{Kind: core.ItemVKComment, RemoteID: "3", Text: "Когда следующая встреча?", CreatedAt: ago(5 * time.Hour),
			Author: core.Person{Name: "Анна Петрова", Address: "1"}},
		core.Item{Kind: core.ItemVKComment, RemoteID: "4", Text: "Старые подписчики https://old.example", CreatedAt: ago(40 * 24 * time.Hour),
			Author: core.Person{Name: "Бот", Address: "9"}},
	)
	svc := rules.New(rules.Params{Store: ws.Store, Now: clock})
	ctx := context.Background()
	for _, r := range []struct{ name, q, do string }{
		{"Links from new VK accounts", "channel:vk has:link", "state:spam"},
		{"Abusive comments hidden", "is:abusive kind:vk_comment", "hide"},
		{"VIP mentions tagged", "is:vip", "tag:vip, notify"},
	} {
		acts, _ := core.ParseRuleActions(r.do)
		if _, err := svc.Add(ctx, core.Rule{Name: r.name, Query: r.q, Actions: acts, Enabled: true}); err != nil {
			t.Fatal(err)
		}
	}
	h := &harness{Window: w, svc: svc}
	h.s = New(w.Env, Backend{Rules: svc})
	w.Win.SetContent(h.s.Content())
	w.Win.Show()
	h.s.Start()
	h.WaitFor("the rules", func() bool { return h.s.loaded })
	h.Settle()
	return h
}

// typeQuery replaces the editor's query and waits for its dry run.
func (h *harness) typeQuery(q string) {
	h.s.ed.query.SetText(q)
	h.s.ed.debounce.Cancel()
	h.s.ed.dryRun()
	h.Settle()
}

func TestRuleEditorGolden(t *testing.T) {
	h := newHarness(t)
	h.s.edit(h.s.list[0])
	h.Settle()
	if got := h.s.ed.dry.Text; got != "Would have matched 2 messages in the last 30 days." {
		t.Errorf("dry run = %q", got)
	}
	h.Relayout()
	test.AssertRendersToImage(t, "rule_editor.png", h.Canvas())
}

func TestQueryErrorAtItsColumn(t *testing.T) {
	h := newHarness(t)
	h.typeQuery("подписчики OR)")
	if !h.s.ed.queryErr.Visible() || h.s.ed.queryErr.Text != "Column 12: OR needs a term on each side\nподписчики ▸OR)" {
		t.Errorf("query error = %q", h.s.ed.queryErr.Text)
	}
	h.typeQuery("подписчики")
	if h.s.ed.queryErr.Visible() || h.s.ed.dry.Text != "Would have matched 2 messages in the last 30 days." {
		t.Errorf("after fixing: error shown %v, dry run %q", h.s.ed.queryErr.Visible(), h.s.ed.dry.Text)
	}
	if n := len(h.s.ed.dryItems.Objects); n != 2 {
		t.Errorf("%d first items shown, want 2", n)
	}
}

func TestSaveMoveSwitch(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.s.ed.name.SetText("Meetups")
	h.typeQuery("встреча")
	h.s.ed.actions.SetText("tag:meetup, explode")
	if !h.s.ed.actionsErr.Visible() {
		t.Error("a bad action is not shown")
	}
	h.s.ed.actions.SetText("tag:meetup, state:snoozed:2d")
	test.Tap(h.s.ed.save)
	h.Settle()
	list, _ := h.svc.List(ctx)
	if len(list) != 4 || list[3].Name != "Meetups" || core.RuleActionsString(list[3].Actions) != "tag:meetup, state:snoozed:2d" {
		t.Fatalf("rules = %+v", list)
	}
	if h.s.ed.msg.Text != "Saved." || len(h.s.rows.Objects) != 4 {
		t.Errorf("after save: %q, %d rows", h.s.ed.msg.Text, len(h.s.rows.Objects))
	}
	h.s.move(list[3], -1)
	h.Settle()
	h.s.setEnabled(list[0], false)
	h.Settle()
	list, _ = h.svc.List(ctx)
	if list[2].Name != "Meetups" || list[0].Enabled {
		t.Errorf("after move and switch: %s third, first on %v", list[2].Name, list[0].Enabled)
	}
}
