package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
)

// fakeDriver serves scripted passes and records remote actions.
type fakeDriver struct {
	mu       sync.Mutex
	passes   []func(ctx context.Context, s engine.Session) error // one per Sync call; the last repeats
	calls    int
	replies  []string // idempotency keys of replies "sent"
	replyErr error    // returned once by the next Reply
	remote   map[string]bool
	seen     map[string]bool
	modErr   error             // returned once by the next Moderate
	mods     []core.ModAction  // moderation actions done remotely
	texts    map[string]string // idempotency key -> text of replies made
	finder   bool              // connections find replies by text (X)
}

func (d *fakeDriver) Kind() core.AccountKind { return core.KindIMAP }

func (d *fakeDriver) Open(context.Context, core.Account, engine.Secrets) (engine.Conn, error) {
	if d.finder {
		return finderConn{fakeConn{d}}, nil
	}
	return fakeConn{d}, nil
}

// finderConn is a channel without remote idempotency keys: an earlier reply
// is found by its text, and the channel names the post it made.
type finderConn struct{ fakeConn }

func (c finderConn) FindReply(_ context.Context, _ core.Item, r core.Reply, _ string) (string, bool, error) {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	for key, text := range c.d.texts {
		if text == r.Text {
			return "post-" + key, true, nil
		}
	}
	return "", false, nil
}

type fakeConn struct{ d *fakeDriver }

func (c fakeConn) Close() error { return nil }

func (c fakeConn) Sync(ctx context.Context, s engine.Session) error {
	c.d.mu.Lock()
	i := min(c.d.calls, len(c.d.passes)-1)
	c.d.calls++
	pass := c.d.passes[i]
	c.d.mu.Unlock()
	return pass(ctx, s)
}

func (c fakeConn) Reply(_ context.Context, _ core.Item, r core.Reply, key string) (string, error) {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	c.d.texts[key] = r.Text
	if err := c.d.replyErr; err != nil {
		c.d.replyErr = nil
		if errors.Is(err, core.ErrUnknownOutcome) {
			// Sent, but the answer was lost.
			c.d.replies = append(c.d.replies, key)
			c.d.remote[key] = true
		}
		return "", err
	}
	c.d.replies = append(c.d.replies, key)
	c.d.remote[key] = true
	return key, nil
}

func (c fakeConn) Delivered(_ context.Context, _ core.Item, key string) (bool, error) {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	return c.d.remote[key], nil
}

func (c fakeConn) SetSeen(_ context.Context, it core.Item, seen bool) error {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	c.d.seen[it.RemoteID] = seen
	return nil
}

func (c fakeConn) Moderate(_ context.Context, _ core.Item, a core.ModAction) error {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	if err := c.d.modErr; err != nil {
		c.d.modErr = nil
		return err
	}
	c.d.mods = append(c.d.mods, a)
	return nil
}

func newDriver(passes ...func(context.Context, engine.Session) error) *fakeDriver {
	return &fakeDriver{passes: passes, remote: map[string]bool{}, seen: map[string]bool{}, texts: map[string]string{}}
}

// commitItems is a pass that commits n items with a cursor.
func commitItems(from, n int) func(context.Context, engine.Session) error {
	return func(ctx context.Context, s engine.Session) error {
		b := core.Batch{Cursors: map[string][]byte{"INBOX": []byte(fmt.Sprint(from + n))}}
		for i := from; i < from+n; i++ {
			b.Items = append(b.Items, core.Item{Kind: core.ItemEmail, RemoteID: fmt.Sprintf("m%d@x", i),
				Subject: fmt.Sprintf("message %d", i), Author: core.Person{Name: "Ann", Address: "ann@example.org"},
				Text: "hello", CreatedAt: time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC)})
		}
		s.Progress(n, n)
		return s.Commit(ctx, b)
	}
}

func setup(t *testing.T, d *fakeDriver) (*store.Store, *engine.Engine, core.Account) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	id, err := st.CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "work", Settings: json.RawMessage(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := st.Account(ctx, id)
	e := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{d}})
	return st, e, a
}

func TestSyncOnceStoresItemsAndStatus(t *testing.T) {
	d := newDriver(commitItems(0, 3))
	st, e, a := setup(t, d)
	ctx := context.Background()
	if err := e.SyncOnce(ctx, 0); err != nil {
		t.Fatal(err)
	}
	items, err := st.Items(ctx, core.ItemFilter{States: core.States})
	if err != nil || len(items) != 3 {
		t.Fatalf("items = %d, %v; want 3", len(items), err)
	}
	cur, err := st.Cursor(ctx, a.ID, "INBOX")
	if err != nil || string(cur) != "3" {
		t.Errorf("cursor = %q, %v; want 3", cur, err)
	}
	saved, _ := st.Account(ctx, a.ID)
	if saved.Status.State != core.SyncOK || saved.Status.LastSync.IsZero() {
		t.Errorf("status after a good pass = %+v", saved.Status)
	}
}

func TestFailedPassExplainsAndKeepsLastSync(t *testing.T) {
	auth := &core.RemoteError{Problem: core.ProblemAuth, Message: "the server refused the password"}
	d := newDriver(commitItems(0, 1), func(context.Context, engine.Session) error { return auth })
	st, e, a := setup(t, d)
	ctx := context.Background()
	if err := e.SyncOnce(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if err := e.SyncOnce(ctx, 0); !errors.Is(err, auth) {
		t.Fatalf("second pass err = %v, want the auth error", err)
	}
	saved, _ := st.Account(ctx, a.ID)
	s := saved.Status
	if s.State != core.SyncError || s.Message != auth.Message || s.Action == "" || s.LastSync.IsZero() {
		t.Errorf("status = %+v; want an error with its message, an action and the last good sync", s)
	}
}

func TestWorkerPublishesEventsAndStops(t *testing.T) {
	d := newDriver(commitItems(0, 2), commitItems(2, 1))
	_, e, a := setup(t, d)
	events, cancelSub := e.Subscribe()
	defer cancelSub()
	ctx, cancel := context.WithCancel(context.Background())
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, core.EventItems, a.ID)
	e.Trigger(a.ID) // a second pass on demand
	waitEvent(t, events, core.EventItems, a.ID)
	cancel()
	e.Wait()
	if st, ok := e.LiveStatus(a.ID); !ok || st.State != core.SyncOK {
		t.Errorf("live status after stop = %+v, %v", st, ok)
	}
}

func waitEvent(t *testing.T, events <-chan core.Event, kind core.EventKind, account int64) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Kind == kind && ev.AccountID == account {
				return
			}
		case <-timeout:
			t.Fatalf("no %s event for account %d", kind, account)
		}
	}
}

func queueReply(t *testing.T, st *store.Store, a core.Account, key string) int64 {
	t.Helper()
	ctx := context.Background()
	it, err := st.ItemByRemoteID(ctx, a.ID, "m0@x")
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(engine.ReplyPayload{Text: "Thanks!"})
	id, err := st.Enqueue(ctx, core.OutboxEntry{AccountID: a.ID, ItemID: it.ID, Op: core.OpReply,
		Payload: payload, IdemKey: key, State: core.OutboxQueued, CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func outboxState(t *testing.T, st *store.Store, id int64) core.OutboxEntry {
	t.Helper()
	all, err := st.Outbox(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("outbox entry %d missing", id)
	return core.OutboxEntry{}
}

func TestOutboxSendsOnceAndShowsTheReply(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	st, e, a := setup(t, d)
	ctx := context.Background()
	e.SyncOnce(ctx, 0)
	id := queueReply(t, st, a, "<k1@x>")
	for i := 0; i < 3; i++ {
		if _, err := e.FlushOutbox(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(d.replies) != 1 {
		t.Fatalf("reply sent %d times, want once", len(d.replies))
	}
	if got := outboxState(t, st, id); got.State != core.OutboxSent {
		t.Errorf("entry state = %s, want sent", got.State)
	}
	it, _ := st.ItemByRemoteID(ctx, a.ID, "m0@x")
	th, err := st.Thread(ctx, it.ThreadID)
	if err != nil || len(th.Items) != 2 || !th.Items[1].Outgoing {
		t.Errorf("thread after reply = %+v, %v; want the original and our reply", th.Items, err)
	}
}

// A crash after the send and before the state write: on restart the entry
// is unconfirmed, found on the remote, and not sent again.
func TestOutboxUnknownOutcomeIsCheckedNotResent(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	st, e, a := setup(t, d)
	ctx := context.Background()
	e.SyncOnce(ctx, 0)
	d.replyErr = fmt.Errorf("connection reset after DATA: %w", core.ErrUnknownOutcome)
	id := queueReply(t, st, a, "<k2@x>")
	e.FlushOutbox(ctx)
	if got := outboxState(t, st, id); got.State != core.OutboxUnconfirmed {
		t.Fatalf("after an unknown outcome the entry is %s, want unconfirmed", got.State)
	}
	// Later (the check is scheduled a minute on), the runner asks the remote.
	e2 := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{d}, Now: func() time.Time { return time.Now().Add(2 * time.Minute) }})
	e2.FlushOutbox(ctx)
	if got := outboxState(t, st, id); got.State != core.OutboxSent {
		t.Errorf("entry = %s (%s), want sent after the remote confirmed it", got.State, got.LastError)
	}
	if len(d.replies) != 1 {
		t.Errorf("reply sent %d times, want once", len(d.replies))
	}
}

// On a channel without remote keys (X) the check finds the reply by its
// text and records the id of the post it made, not the local key.
func TestOutboxUnknownOutcomeFoundByText(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	d.finder = true
	st, e, a := setup(t, d)
	ctx := context.Background()
	e.SyncOnce(ctx, 0)
	d.replyErr = fmt.Errorf("timeout after the request left: %w", core.ErrUnknownOutcome)
	id := queueReply(t, st, a, "key-7")
	e.FlushOutbox(ctx)
	e2 := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{d}, Now: func() time.Time { return time.Now().Add(2 * time.Minute) }})
	e2.FlushOutbox(ctx)
	got := outboxState(t, st, id)
	if got.State != core.OutboxSent || got.RemoteID != "post-key-7" || len(d.replies) != 1 {
		t.Errorf("entry = %s, remote id %q, %d sends; want sent once as post-key-7", got.State, got.RemoteID, len(d.replies))
	}
	if _, err := st.ItemByRemoteID(ctx, a.ID, "post-key-7"); err != nil {
		t.Errorf("our reply is not in the thread under the channel's id: %v", err)
	}
}

// An entry left "sending" by a killed process that the remote never got
// is not sent blindly: it waits for a person, unconfirmed (it may have
// been delivered: never "failed"), and a person retries.
func TestOutboxCrashWithoutDeliveryWaitsForAPerson(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	st, e, a := setup(t, d)
	ctx := context.Background()
	e.SyncOnce(ctx, 0)
	id := queueReply(t, st, a, "<k3@x>")
	if _, err := st.ClaimNext(ctx, time.Now(), deadRunner()); err != nil { // the process claims it, then dies
		t.Fatal(err)
	}
	run, err := e.FlushOutbox(ctx) // restart: sending -> unconfirmed -> checked
	if err != nil {
		t.Fatal(err)
	}
	got := outboxState(t, st, id)
	if got.State != core.OutboxUnconfirmed || !got.NeedsPerson() || got.LastError == "" || len(d.replies) != 0 {
		t.Fatalf("entry = %s %q, sends = %d; want unconfirmed, waiting for a person with a reason, and nothing sent", got.State, got.LastError, len(d.replies))
	}
	if len(run.NeedPerson) != 1 || run.NeedPerson[0].ID != id {
		t.Errorf("the run reports %+v as needing a person, want entry %d", run.NeedPerson, id)
	}
	if err := st.RetryOutbox(ctx, id); err != nil {
		t.Fatal(err)
	}
	e.FlushOutbox(ctx)
	if got := outboxState(t, st, id); got.State != core.OutboxSent || len(d.replies) != 1 {
		t.Errorf("after a retry: %s, %d sends; want sent once", got.State, len(d.replies))
	}
}

func TestOutboxTransientFailureRetriesLater(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	st, e, a := setup(t, d)
	ctx := context.Background()
	e.SyncOnce(ctx, 0)
	d.replyErr = &core.RemoteError{Problem: core.ProblemNetwork, Message: "the mail server did not answer"}
	id := queueReply(t, st, a, "<k4@x>")
	e.FlushOutbox(ctx)
	got := outboxState(t, st, id)
	if got.State != core.OutboxQueued || !got.NotBefore.After(time.Now()) || got.LastError == "" {
		t.Fatalf("after a network failure: %+v; want queued for later with the reason", got)
	}
	e.FlushOutbox(ctx) // not due yet
	if len(d.replies) != 0 {
		t.Fatalf("retried before its time")
	}
}

// A paused engine syncs nothing, not even on demand, until it resumes.
func TestPauseStopsSyncUntilResume(t *testing.T) {
	d := newDriver(commitItems(0, 1), commitItems(1, 1), commitItems(2, 1))
	_, e, a := setup(t, d)
	events, cancelSub := e.Subscribe()
	defer cancelSub()
	ctx, cancel := context.WithCancel(context.Background())
	defer e.Wait()
	defer cancel()
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, core.EventItems, a.ID)
	e.Pause()
	if !e.Paused() {
		t.Error("Paused() = false after Pause")
	}
	d.mu.Lock()
	calls := d.calls
	d.mu.Unlock()
	e.Trigger(0)
	e.AddAccount(a) // an edit made while paused must not restart it
	quiet := time.After(200 * time.Millisecond)
	for waiting := true; waiting; {
		select {
		case ev := <-events:
			if ev.Kind == core.EventItems {
				t.Fatalf("paused, yet items were written: %+v", ev)
			}
		case <-quiet:
			waiting = false
		}
	}
	d.mu.Lock()
	if d.calls != calls {
		t.Errorf("paused, yet %d more passes ran", d.calls-calls)
	}
	d.mu.Unlock()
	if err := e.Resume(ctx); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, core.EventItems, a.ID)
}
