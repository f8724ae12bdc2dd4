package inbox_test

import (
	"context"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/inbox"
)

// Fine takes a message out of the moderation queue, and an undo puts it
// back; listeners hear of both.
func TestMarkFine(t *testing.T) {
	w := coretest.Open(t, time.Now)
	ctx := context.Background()
	acct := w.AddAccount(t, core.Account{Kind: core.KindIMAP, Name: "mail"})
	added := w.AddItems(t, acct.ID, core.Item{Kind: core.ItemEmail, RemoteID: "a@x", Text: "Ты идиот",
		Author: core.Person{Address: "a@x"}, CreatedAt: time.Now(), Tone: &core.Tone{Lang: "ru", Sentiment: -0.6, Abusive: true}})
	svc := inbox.New(inbox.Params{Store: w.Store})
	queue := func() int {
		items, err := svc.Page(ctx, core.ItemFilter{NeedsModeration: true})
		if err != nil {
			t.Fatal(err)
		}
		return len(items)
	}
	if n := queue(); n != 1 {
		t.Fatalf("queue holds %d, want 1", n)
	}
	id := added[0].ID
	if err := svc.MarkFine(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if n := queue(); n != 0 {
		t.Errorf("queue after fine holds %d, want 0", n)
	}
	if err := svc.MarkFine(ctx, id, false); err != nil || queue() != 1 {
		t.Errorf("undo: %v, queue %d; want it back", err, queue())
	}
}
