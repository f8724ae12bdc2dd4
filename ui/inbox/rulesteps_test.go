package inbox

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/rules"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// A message a rule moved to spam says so under it, and its Undo brings it
// back to where it was.
func TestRuleLineUndo(t *testing.T) {
	w := uitest.NewScreenWindow(t, uitest.ScreenSize)
	clock := func() time.Time { return uitest.Now }
	ws := coretest.Open(t, clock)
	vk := ws.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Клуб"})
	svc := rules.New(rules.Params{Store: ws.Store, Now: clock})
	ctx := context.Background()
	if _, err := svc.Add(ctx, core.Rule{Name: "Links from new VK accounts", Query: "channel:vk has:link",
		Actions: []core.RuleAction{{Kind: core.RuleState, Arg: "spam"}}, Enabled: true}); err != nil {
		t.Fatal(err)
	}
	ruled := &rules.Applying{Store: ws.Store, Rules: svc}
	_, err := ruled.ApplyBatch(ctx, vk.ID, core.Batch{Items: []core.Item{{Kind: core.ItemVKComment, RemoteID: "c1", State: core.StateNew,
		Text: "Накрутка подписчиков 👉 https://cheap-subs.example", CreatedAt: uitest.Now.Add(-time.Hour),
		Author: core.Person{Name: "Подписчики Недорого", Address: "7"}}}})
	if err != nil {
		t.Fatal(err)
	}
	spam, err := ws.Store.ItemByRemoteID(ctx, vk.ID, "c1")
	if err != nil || spam.State != core.StateSpam {
		t.Fatalf("the rule did not act: %+v, %v", spam, err)
	}
	s := New(w.Env, Backend{Inbox: ws.Inbox, Accounts: ws.Accounts, Rules: svc}, func() bool { return true })
	w.Win.SetContent(s.Content())
	w.Win.Show()
	s.Start()
	w.WaitFor("the first page", func() bool { return s.loaded })
	s.OpenItem(spam.ID)
	want := "Rule 'Links from new VK accounts' moved this to spam"
	var undo *widget.Button
	w.WaitFor("the rule's line", func() bool {
		undo = nil
		found := false
		walkTree(s.thread.messages, func(o fyne.CanvasObject) {
			if rt, ok := o.(*widget.RichText); ok && strings.Contains(rt.String(), want) {
				found = true
			}
			if b, ok := o.(*widget.Button); ok && b.Text == "Undo" {
				undo = b
			}
		})
		return found && undo != nil
	})
	test.Tap(undo)
	w.Settle()
	if got, _ := ws.Store.Item(ctx, spam.ID); got.State == core.StateSpam {
		t.Errorf("after Undo the message is still in %s", got.State)
	}
	if !strings.Contains(s.thread.status.Text, "Undone: "+want) {
		t.Errorf("status = %q", s.thread.status.Text)
	}
	w.WaitFor("the line marked undone", func() bool {
		found := false
		walkTree(s.thread.messages, func(o fyne.CanvasObject) {
			if rt, ok := o.(*widget.RichText); ok && strings.Contains(rt.String(), want+" (undone)") {
				found = true
			}
		})
		return found
	})
}

// walkTree visits a widget tree.
func walkTree(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walkTree(child, visit)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		for _, child := range r.Objects() {
			walkTree(child, visit)
		}
	}
}
