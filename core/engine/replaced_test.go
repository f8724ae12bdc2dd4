package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
)

// settingsDriver notes the settings of every connection it opens.
type settingsDriver struct {
	mu      sync.Mutex
	opened  []string
	replies []string // the settings of the connection of each reply
}

func (d *settingsDriver) Kind() core.AccountKind { return core.KindVK }

func (d *settingsDriver) Open(_ context.Context, a core.Account, _ engine.Secrets) (engine.Conn, error) {
	d.mu.Lock()
	d.opened = append(d.opened, string(a.Settings))
	d.mu.Unlock()
	return &quietConn{d: d, settings: string(a.Settings)}, nil
}

func (d *settingsDriver) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.opened)
}

func (d *settingsDriver) last() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.opened) == 0 {
		return ""
	}
	return d.opened[len(d.opened)-1]
}

// quietConn syncs nothing and notes which settings each reply went
// through, and whether it was used after Close.
type quietConn struct {
	d        *settingsDriver
	settings string
	closed   bool
}

func (*quietConn) Sync(context.Context, engine.Session) error { return nil }

func (c *quietConn) Close() error {
	c.d.mu.Lock()
	c.closed = true
	c.d.mu.Unlock()
	return nil
}

func (c *quietConn) Reply(_ context.Context, _ core.Item, _ core.Reply, key string) (string, error) {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	if c.closed {
		return "", errors.New("reply on a closed connection")
	}
	c.d.replies = append(c.d.replies, c.settings)
	return "reply-" + key, nil
}

func (*quietConn) Delivered(context.Context, core.Item, string) (bool, error) { return false, nil }

// Another process edits or removes an account while this engine syncs it
// (the window while `hearth sync` runs): at its next pass the worker
// reconnects with the new settings, and a removed account stops syncing.
func TestWorkerFollowsAnEditMadeElsewhere(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "club", Settings: json.RawMessage(`{"group_id":7,"backfill_days":5}`)})
	if err != nil {
		t.Fatal(err)
	}
	d := &settingsDriver{}
	e := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{d}})
	events, unsub := e.Subscribe()
	defer unsub()
	runCtx, cancel := context.WithCancel(ctx)
	defer func() { cancel(); e.Wait() }()
	if err := e.Start(runCtx); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, core.EventStatus, id)

	// What `hearth account edit` writes from its own process.
	if err := st.EditAccount(ctx, id, "club", json.RawMessage(`{"group_id":8,"backfill_days":5}`), true); err != nil {
		t.Fatal(err)
	}
	e.Trigger(id)
	waitEvent(t, events, core.EventAccount, id)
	waitSyncOK(t, e, events, id)
	if got := d.last(); got != `{"group_id":8,"backfill_days":5}` {
		t.Errorf("the worker reconnected with %s, want the new community", got)
	}

	if err := st.DeleteAccount(ctx, id); err != nil {
		t.Fatal(err)
	}
	e.Trigger(id)
	waitEvent(t, events, core.EventAccount, id)
	opened := d.count()
	e.Trigger(0)
	cancel()
	e.Wait()
	if d.count() != opened {
		t.Errorf("a removed account was opened again")
	}
}

// waitSyncOK waits for a pass of the account to end well.
func waitSyncOK(t *testing.T, e *engine.Engine, events <-chan core.Event, id int64) {
	t.Helper()
	for {
		waitEvent(t, events, core.EventStatus, id)
		if st, _ := e.LiveStatus(id); st.State == core.SyncOK {
			return
		}
	}
}

// After an edit the outbox sends through a connection with the new
// settings; the old one is closed, never used again.
func TestOutboxUsesTheEditedSettings(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "club", Settings: json.RawMessage(`{"group_id":7,"backfill_days":5}`)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.ApplyBatch(ctx, id, core.Batch{Items: []core.Item{{Kind: core.ItemVKComment, RemoteID: "comment:-7_1",
		Author: core.Person{Name: "Ann", Address: "1"}, Text: "hello", CreatedAt: time.Now()}}})
	if err != nil || len(res.NewIDs) != 1 {
		t.Fatalf("seed: %+v, %v", res, err)
	}
	d := &settingsDriver{}
	e := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{d}})
	events, unsub := e.Subscribe()
	defer unsub()
	runCtx, cancel := context.WithCancel(ctx)
	defer func() { cancel(); e.Wait() }()
	if err := e.Start(runCtx); err != nil {
		t.Fatal(err)
	}
	reply := func(key string) {
		t.Helper()
		payload, _ := json.Marshal(engine.ReplyPayload{Text: "Thanks!"})
		if _, err := st.Enqueue(ctx, core.OutboxEntry{AccountID: id, ItemID: res.NewIDs[0], Op: core.OpReply,
			Payload: payload, IdemKey: key, State: core.OutboxQueued, CreatedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
		e.KickOutbox()
		waitEvent(t, events, core.EventOutbox, id)
	}
	reply("k1")
	// What accounts.Service.update does.
	e.RemoveAccount(id)
	if err := st.EditAccount(ctx, id, "club", json.RawMessage(`{"group_id":8,"backfill_days":5}`), true); err != nil {
		t.Fatal(err)
	}
	a, _ := st.Account(ctx, id)
	e.AddAccount(a)
	reply("k2")
	d.mu.Lock()
	defer d.mu.Unlock()
	if want := []string{`{"group_id":7,"backfill_days":5}`, `{"group_id":8,"backfill_days":5}`}; !slices.Equal(d.replies, want) {
		t.Errorf("replies went through %q, want %q", d.replies, want)
	}
}
