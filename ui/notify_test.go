package ui

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/rules"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// A message a rule asked to notify of is shown on the desktop once, when
// it arrives.
func TestRuleNotificationShownOnce(t *testing.T) {
	var svc *rules.Service
	looked := &lookingRules{}
	s := newShell(t, func(b *Backend, ws *coretest.Workspace) {
		svc = rules.New(rules.Params{Store: ws.Store, Notify: ws.Engine, Now: func() time.Time { return uitest.Now }})
		looked.Service = svc
		b.Rules = looked
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
	test.AssertNotificationSent(t, fyne.NewNotification("Сервер упал", "Срочно: сайт не открывается"), func() {
		s.ws.Engine.Publish(core.Event{Kind: core.EventItems, AccountID: s.accts[0].ID, ItemIDs: res.NewIDs})
		s.WaitFor("the notifications read", func() bool { return looked.n.Load() > 0 && s.Env.Idle() })
		s.Settle()
	})
	test.AssertNotificationSent(t, nil, func() {
		n := looked.n.Load()
		s.ws.Engine.Publish(core.Event{Kind: core.EventItems, AccountID: s.accts[0].ID})
		s.WaitFor("the notifications read again", func() bool { return looked.n.Load() > n && s.Env.Idle() })
		s.Settle()
	})
}

// lookingRules counts the window's looks for notifications.
type lookingRules struct {
	*rules.Service
	n atomic.Int32
}

func (l *lookingRules) Notifications(ctx context.Context) ([]core.Notification, error) {
	defer l.n.Add(1)
	return l.Service.Notifications(ctx)
}
