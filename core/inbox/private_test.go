package inbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/store"
)

// askedChannel answers CanMessage from a table and counts the questions.
type askedChannel struct {
	allowed map[string]bool // author address -> accepts private messages
	asked   int
}

func (c *askedChannel) CanMessage(_ context.Context, it core.Item) (bool, string, error) {
	c.asked++
	if c.allowed[it.Author.Address] {
		return true, "", nil
	}
	return false, it.Author.Name + " does not allow messages from the community on VK", nil
}

// privateSetup is a VK account with a comment by Анна, a comment by Борис,
// our own post and a community message, and an inbox whose clock the test
// moves.
func privateSetup(t *testing.T, ch *askedChannel) (*inbox.Service, *store.Store, *time.Time, map[string]core.Item) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	aid, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "club", Settings: json.RawMessage(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	anna, boris := core.Person{Name: "Анна", Address: "101", Handle: "anna"}, core.Person{Name: "Борис", Address: "102"}
	items := []core.Item{
		{Kind: core.ItemVKComment, RemoteID: "c1", Author: anna, Text: "А где регистрация?", CreatedAt: now.Add(-time.Hour), State: core.StateNew},
		{Kind: core.ItemVKComment, RemoteID: "c2", Author: boris, Text: "Скидки будут?", CreatedAt: now.Add(-time.Hour)},
		{Kind: core.ItemVKMessage, RemoteID: "m1", Author: boris, Text: "Привет", CreatedAt: now.Add(-time.Hour)},
		{Kind: core.ItemVKPost, RemoteID: "p1", Author: core.Person{Name: "You"}, Outgoing: true, Text: "Анонс", CreatedAt: now.Add(-2 * time.Hour)},
	}
	if _, err := st.ApplyBatch(ctx, aid, core.Batch{Items: items}); err != nil {
		t.Fatal(err)
	}
	byRID := map[string]core.Item{}
	for _, it := range items {
		got, err := st.ItemByRemoteID(ctx, aid, it.RemoteID)
		if err != nil {
			t.Fatal(err)
		}
		byRID[it.RemoteID] = got
	}
	clock := now
	svc := inbox.New(inbox.Params{Store: st, Notify: &recorder{}, Now: func() time.Time { return clock }, Channels: ch})
	return svc, st, &clock, byRID
}

func TestCanMessagePrivatelyAsksTheChannelBriefly(t *testing.T) {
	ch := &askedChannel{allowed: map[string]bool{"101": true}}
	svc, _, clock, it := privateSetup(t, ch)
	ctx := context.Background()
	tests := []struct {
		rid   string
		ok    bool
		why   string
		asked int // questions to the channel so far
	}{
		{"c1", true, "", 1},
		{"c1", true, "", 1}, // kept
		{"c2", false, "Борис does not allow messages from the community on VK", 2},
		{"m1", true, "", 2}, // a community message is private already
		{"p1", false, "this is your own message", 2},
	}
	for _, tt := range tests {
		ok, why, err := svc.CanMessagePrivately(ctx, it[tt.rid].ID)
		if err != nil || ok != tt.ok || why != tt.why || ch.asked != tt.asked {
			t.Errorf("%s: %v %q %v, asked %d; want %v %q, asked %d", tt.rid, ok, why, err, ch.asked, tt.ok, tt.why, tt.asked)
		}
	}
	ch.allowed["102"] = true // Борис pressed "Allow messages"
	*clock = clock.Add(3 * time.Minute)
	if ok, _, _ := svc.CanMessagePrivately(ctx, it["c2"].ID); !ok || ch.asked != 3 {
		t.Errorf("after the cache expired: ok %v, asked %d; want the channel asked again", ok, ch.asked)
	}
}

func TestSendPrivatelyQueuesAMessageNotAReply(t *testing.T) {
	svc, st, _, it := privateSetup(t, &askedChannel{})
	ctx := context.Background()
	if err := svc.SaveDraft(ctx, it["c1"].ID, "Анна, напишу в личку"); err != nil {
		t.Fatal(err)
	}
	if err := svc.SendPrivately(ctx, it["c1"].ID, "Анна, регистрация по ссылке в закрепе."); err != nil {
		t.Fatal(err)
	}
	entries, err := st.Outbox(ctx, it["c1"].ID)
	if err != nil || len(entries) != 1 {
		t.Fatalf("outbox = %+v, %v", entries, err)
	}
	var p engine.MessagePayload
	_ = json.Unmarshal(entries[0].Payload, &p)
	if e := entries[0]; e.Op != core.OpMessage || p.Text != "Анна, регистрация по ссылке в закрепе." || e.IdemKey == "" {
		t.Errorf("queued %+v (%q), want a private message", e, p.Text)
	}
	if d, _ := svc.Draft(ctx, it["c1"].ID); d != "" {
		t.Errorf("draft left: %q", d)
	}
	if got, _ := st.Item(ctx, it["c1"].ID); got.State != core.StateOpen {
		t.Errorf("state %s, want open", got.State)
	}
	// A community message is answered in its conversation, as a reply.
	if err := svc.SendPrivately(ctx, it["m1"].ID, "Привет!"); err != nil {
		t.Fatal(err)
	}
	if got := ops(t, st, it["m1"].ID); got[core.OpReply] != 1 || got[core.OpMessage] != 0 {
		t.Errorf("answer to a community message: %v, want one reply", got)
	}
	if err := svc.SendPrivately(ctx, it["p1"].ID, "Себе?"); !errors.Is(err, core.ErrUnsupported) {
		t.Errorf("to our own post: %v, want unsupported", err)
	}
	if err := svc.SendPrivately(ctx, it["c2"].ID, "  "); err == nil {
		t.Error("an empty message was queued")
	}
}
