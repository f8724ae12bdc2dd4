package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
)

// dmDriver is a channel that can write privately to an item's author, as
// VK community messages and X direct messages do.
type dmDriver struct {
	*fakeDriver
	mu      sync.Mutex
	sent    map[string]string // idempotency key -> text delivered
	sendErr error             // returned once by the next Message
	lost    bool              // the next Message is delivered, its answer lost
	allowed bool
}

func (d *dmDriver) Open(context.Context, core.Account, engine.Secrets) (engine.Conn, error) {
	return dmConn{fakeConn{d.fakeDriver}, d}, nil
}

type dmConn struct {
	fakeConn
	d *dmDriver
}

var _ engine.Messenger = dmConn{}

func (c dmConn) CanMessage(context.Context, core.Item) (bool, string, error) {
	if c.d.allowed {
		return true, "", nil
	}
	return false, "Ann does not accept messages from the community", nil
}

func (c dmConn) Message(_ context.Context, it core.Item, text, key string) (core.Item, error) {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	if err := c.d.sendErr; err != nil {
		c.d.sendErr = nil
		return core.Item{}, err
	}
	c.d.sent[key] = text
	if c.d.lost {
		c.d.lost = false
		return core.Item{}, core.MarkUnknown(errors.New("connection reset"))
	}
	return c.item(key), nil
}

func (c dmConn) FindMessage(_ context.Context, _ core.Item, _, key string) (core.Item, bool, error) {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	if _, ok := c.d.sent[key]; !ok {
		return core.Item{}, false, nil
	}
	return c.item(key), true, nil
}

func (c dmConn) item(key string) core.Item {
	return core.Item{Kind: core.ItemVKMessage, RemoteID: "dm-" + key, ThreadRefs: []string{"conv:ann"}}
}

// dmSetup is an account with one item from Ann, an engine whose clock the
// test moves, and a private message to her queued.
func dmSetup(t *testing.T, d *dmDriver) (*store.Store, *engine.Engine, *time.Time, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	id, err := st.CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "club", Settings: json.RawMessage(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	e := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{d}, Now: func() time.Time { return now }})
	if err := e.SyncOnce(ctx, 0); err != nil {
		t.Fatal(err)
	}
	it, err := st.ItemByRemoteID(ctx, id, "m0@x")
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(engine.MessagePayload{Text: "Welcome, Ann!"})
	ent, err := st.Enqueue(ctx, core.OutboxEntry{AccountID: id, ItemID: it.ID, Op: core.OpMessage,
		Payload: payload, IdemKey: "key-1", State: core.OutboxQueued, CreatedAt: now})
	if err != nil {
		t.Fatal(err)
	}
	return st, e, &now, ent
}

func newDM() *dmDriver {
	return &dmDriver{fakeDriver: newDriver(commitItems(0, 1)), sent: map[string]string{}, allowed: true}
}

// sentMessage is our own private message the outbox recorded for entry.
func sentMessage(t *testing.T, st *store.Store, entry int64, key string) core.Item {
	t.Helper()
	it, err := st.ItemByRemoteID(context.Background(), outboxState(t, st, entry).AccountID, "dm-"+key)
	if err != nil {
		t.Fatalf("no outgoing message dm-%s: %v", key, err)
	}
	return it
}

func TestPrivateMessageIsSentOnceAndShownInTheConversation(t *testing.T) {
	d := newDM()
	st, e, _, ent := dmSetup(t, d)
	ctx := context.Background()
	for range 2 {
		if _, err := e.FlushOutbox(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(d.sent) != 1 || d.sent["key-1"] != "Welcome, Ann!" {
		t.Fatalf("the channel got %v, want one message", d.sent)
	}
	if got := outboxState(t, st, ent); got.State != core.OutboxSent || got.RemoteID != "dm-key-1" {
		t.Errorf("entry: %s %q, want sent dm-key-1", got.State, got.RemoteID)
	}
	out := sentMessage(t, st, ent, "key-1")
	if out.Kind != core.ItemVKMessage || out.Text != "Welcome, Ann!" || !out.Outgoing || len(out.To) != 1 || out.To[0].Name != "Ann" {
		t.Errorf("recorded message: %+v", out)
	}
}

func TestPrivateMessageWithUnknownOutcomeIsCheckedNotResent(t *testing.T) {
	d := newDM()
	d.lost = true
	st, e, now, ent := dmSetup(t, d)
	ctx := context.Background()
	if _, err := e.FlushOutbox(ctx); err != nil {
		t.Fatal(err)
	}
	if got := outboxState(t, st, ent); got.State != core.OutboxUnconfirmed {
		t.Fatalf("after a lost answer the entry is %s, want unconfirmed", got.State)
	}
	*now = now.Add(2 * time.Minute)
	if _, err := e.FlushOutbox(ctx); err != nil {
		t.Fatal(err)
	}
	if got := outboxState(t, st, ent); got.State != core.OutboxSent {
		t.Errorf("after the check the entry is %s (%s), want sent", got.State, got.LastError)
	}
	if len(d.sent) != 1 {
		t.Errorf("the channel got %d messages, want 1", len(d.sent))
	}
	sentMessage(t, st, ent, "key-1")
}

func TestPrivateMessageRefusedOrRateLimited(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		state     core.OutboxState
		retryIn   time.Duration // 0: no retry planned
		needsUser bool
	}{
		{"refused by the person's settings", &core.RemoteError{Problem: core.ProblemDenied,
			Message: "this person does not accept messages from the community"}, core.OutboxFailed, 0, true},
		{"rate limited", &core.RemoteError{Problem: core.ProblemRateLimit, Message: "too many requests",
			RetryAt: time.Date(2026, 12, 5, 10, 15, 0, 0, time.UTC)}, core.OutboxQueued, 15 * time.Minute, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDM()
			d.sendErr = tt.err
			st, e, now, ent := dmSetup(t, d)
			run, err := e.FlushOutbox(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got := outboxState(t, st, ent)
			if got.State != tt.state || got.NeedsPerson() != tt.needsUser || len(run.NeedPerson) != map[bool]int{true: 1}[tt.needsUser] {
				t.Errorf("entry %s (needs a person %v, error %q); want %s", got.State, got.NeedsPerson(), got.LastError, tt.state)
			}
			if tt.retryIn > 0 && !got.NotBefore.Equal(now.Add(tt.retryIn)) {
				t.Errorf("retry at %v, want %v", got.NotBefore, now.Add(tt.retryIn))
			}
			if len(d.sent) != 0 {
				t.Errorf("delivered %v", d.sent)
			}
		})
	}
}

func TestCanMessageAsksTheChannel(t *testing.T) {
	d := newDM()
	st, e, _, _ := dmSetup(t, d)
	ctx := context.Background()
	items, _ := st.Items(ctx, core.ItemFilter{States: core.States})
	ok, why, err := e.CanMessage(ctx, items[0])
	if err != nil || !ok || why != "" {
		t.Errorf("allowed: %v %q %v", ok, why, err)
	}
	d.allowed = false
	ok, why, err = e.CanMessage(ctx, items[0])
	if err != nil || ok || why == "" {
		t.Errorf("not allowed: %v %q %v", ok, why, err)
	}
}
