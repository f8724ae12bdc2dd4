package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// outboxFixture is a store with one account and one item to act on.
func outboxFixture(t *testing.T) (*Store, int64, int64) {
	t.Helper()
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	res := apply(t, s, acct, mail("m", 0, "Question"))
	return s, acct, res.NewIDs[0]
}

func enqueue(t *testing.T, s *Store, acct, item int64, key string) int64 {
	t.Helper()
	id, err := s.Enqueue(context.Background(), core.OutboxEntry{
		AccountID: acct, ItemID: item, Op: core.OpReply, Payload: []byte(`{"text":"hi"}`), IdemKey: key,
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// runner is an outbox runner's identity; n tells runners apart.
func runner(n int) core.OutboxOwner {
	return core.OutboxOwner{Host: "test", PID: 1000 + n, Token: fmt.Sprint("token-", n)}
}

var runnerA, runnerB = runner(1), runner(2)

func TestClaimIsExclusive(t *testing.T) {
	s, acct, item := outboxFixture(t)
	const entries, workers = 40, 4
	for i := range entries {
		enqueue(t, s, acct, item, fmt.Sprint("key-", i))
	}
	var (
		mu      sync.Mutex
		claimed = map[int64]int{}
		wg      sync.WaitGroup
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				e, err := s.ClaimNext(context.Background(), time.Now(), runner(w))
				if errors.Is(err, core.ErrNotFound) {
					return
				}
				if err != nil {
					t.Error(err)
					return
				}
				if e.State != core.OutboxSending || e.Owner != runner(w) {
					t.Errorf("claimed entry %d is %s held by %+v, want sending held by %+v", e.ID, e.State, e.Owner, runner(w))
				}
				mu.Lock()
				claimed[e.ID]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(claimed) != entries {
		t.Errorf("%d entries claimed, want %d", len(claimed), entries)
	}
	for id, n := range claimed {
		if n != 1 {
			t.Errorf("entry %d claimed %d times", id, n)
		}
	}
}

func TestClaimOldestDueFirst(t *testing.T) {
	s, acct, item := outboxFixture(t)
	ctx := context.Background()
	now := time.Now()
	later, err := s.Enqueue(ctx, core.OutboxEntry{AccountID: acct, ItemID: item, Op: core.OpSetSeen, IdemKey: "later", NotBefore: now.Add(time.Hour)})
	must(t, err)
	first := enqueue(t, s, acct, item, "first")
	second := enqueue(t, s, acct, item, "second")

	for _, want := range []int64{first, second} {
		e, err := s.ClaimNext(ctx, now, runnerA)
		if err != nil || e.ID != want {
			t.Fatalf("ClaimNext = %d, %v; want %d", e.ID, err, want)
		}
		if e.Op != core.OpReply || string(e.Payload) != `{"text":"hi"}` || e.ItemID != item || e.AccountID != acct {
			t.Errorf("claimed entry = %+v", e)
		}
	}
	if _, err := s.ClaimNext(ctx, now, runnerA); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("claim before the entry is due: err = %v, want ErrNotFound", err)
	}
	if e, err := s.ClaimNext(ctx, now.Add(2*time.Hour), runnerA); err != nil || e.ID != later {
		t.Errorf("claim when due = %d, %v; want %d", e.ID, err, later)
	}
}

// A runner takes over only the lease it read: the entry a dead runner was
// sending becomes unconfirmed, to be checked, never claimed by another
// runner while held; a lease renewed meanwhile is left alone.
func TestTakeOver(t *testing.T) {
	s, acct, item := outboxFixture(t)
	ctx := context.Background()
	a, b := enqueue(t, s, acct, item, "a"), enqueue(t, s, acct, item, "b")
	queued := enqueue(t, s, acct, item, "c")
	now := time.Now().Truncate(time.Millisecond)
	heldA, err := s.ClaimNext(ctx, now, runnerA)
	must(t, err)
	heldB, err := s.ClaimNext(ctx, now, runnerB)
	must(t, err)
	if heldA.ID != a || heldB.ID != b || !heldA.AttemptedAt.Equal(now) || !heldA.Heartbeat.Equal(now) {
		t.Fatalf("claimed %+v and %+v", heldA, heldB)
	}
	leases, err := s.Leases(ctx)
	must(t, err)
	if len(leases) != 2 {
		t.Fatalf("leases = %+v, want a and b", leases)
	}

	// B renews its lease after it was read: taking it over changes nothing.
	later := now.Add(time.Minute)
	if n, err := s.Heartbeat(ctx, runnerB, later); err != nil || n != 1 {
		t.Fatalf("heartbeat = %d, %v; want 1 entry renewed", n, err)
	}
	if err := s.TakeOver(ctx, heldB, later); !errors.Is(err, core.ErrOutboxChanged) {
		t.Errorf("taking over a renewed lease: err = %v, want ErrOutboxChanged", err)
	}
	must(t, s.TakeOver(ctx, heldA, later)) // A is gone
	states := outboxStates(t, s)
	if states[a] != core.OutboxUnconfirmed || states[b] != core.OutboxSending || states[queued] != core.OutboxQueued {
		t.Errorf("states after taking a over = %v", states)
	}

	// The unconfirmed entry comes back to be checked, still unconfirmed,
	// held by whoever checks it.
	e, err := s.ClaimNext(ctx, later, runnerB)
	if err != nil || e.ID != a || e.State != core.OutboxUnconfirmed || e.Owner != runnerB || !e.AttemptedAt.Equal(now) {
		t.Fatalf("ClaimNext = %+v, %v; want a unconfirmed, held by B, attempted when A tried it", e, err)
	}
	if e, err := s.ClaimNext(ctx, later, runnerA); err != nil || e.ID != queued {
		t.Errorf("ClaimNext = %d, %v; want the queued %d: a and b are held", e.ID, err, queued)
	}
	must(t, s.UnconfirmOutbox(ctx, e, "could not check", later.Add(time.Minute)))
	if _, err := s.ClaimNext(ctx, later, runnerA); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("claimed before the check is due: %v", err)
	}
	if e, err := s.ClaimNext(ctx, later.Add(time.Minute), runnerA); err != nil || e.ID != a {
		t.Errorf("ClaimNext when the check is due = %d, %v; want %d", e.ID, err, a)
	}
}

// Every runner's state change is a compare-and-set on the state and the
// owner it holds the entry with: one that lost the entry changes nothing
// and is told so.
func TestOutboxChangesAreCompareAndSet(t *testing.T) {
	s, acct, item := outboxFixture(t)
	ctx := context.Background()
	now := time.Now()
	id := enqueue(t, s, acct, item, "k")
	heldA, err := s.ClaimNext(ctx, now, runnerA)
	must(t, err)

	notMine := heldA
	notMine.Owner = runnerB
	if err := s.FinishOutbox(ctx, notMine, "x"); !errors.Is(err, core.ErrOutboxChanged) || !strings.Contains(err.Error(), "held by pid 1001") {
		t.Errorf("finish by a runner that does not hold it: err = %v, want ErrOutboxChanged naming the holder", err)
	}
	if err := s.DiscardOutbox(ctx, id); !errors.Is(err, core.ErrConflict) {
		t.Errorf("discarding an entry being sent: err = %v, want ErrConflict", err)
	}

	// A stalls; B takes over, finds the reply delivered and records it.
	must(t, s.TakeOver(ctx, heldA, now))
	heldB, err := s.ClaimNext(ctx, now, runnerB)
	must(t, err)
	must(t, s.FinishOutbox(ctx, heldB, "<found@example.org>"))

	// A wakes up: none of its changes lands.
	for name, change := range map[string]func() error{
		"fail":      func() error { return s.FailOutbox(ctx, heldA, "password refused", time.Time{}) },
		"unconfirm": func() error { return s.UnconfirmOutbox(ctx, heldA, "lost", time.Time{}) },
		"finish":    func() error { return s.FinishOutbox(ctx, heldA, "<other@example.org>") },
		"take over": func() error { return s.TakeOver(ctx, heldA, now) },
	} {
		err := change()
		if !errors.Is(err, core.ErrOutboxChanged) || !strings.Contains(err.Error(), "it is sent and held by nobody, not sending") {
			t.Errorf("%s from a state the entry left: err = %v, want ErrOutboxChanged saying where it stands", name, err)
		}
	}
	if e := outboxEntry(t, s, id); e.State != core.OutboxSent || e.RemoteID != "<found@example.org>" || e.LastError != "" || !e.Owner.IsZero() {
		t.Errorf("entry after the stale changes = %+v, want sent as B recorded it", e)
	}
	if err := s.FinishOutbox(ctx, core.OutboxEntry{ID: id, State: core.OutboxSent}, ""); !errors.Is(err, core.ErrOutboxChanged) {
		t.Errorf("a change by nobody: err = %v, want ErrOutboxChanged", err)
	}
	must(t, s.DiscardOutbox(ctx, enqueueFailed(t, s, acct, item, "gone")))
	gone := heldA
	gone.ID = 999
	if err := s.FinishOutbox(ctx, gone, ""); !errors.Is(err, core.ErrOutboxChanged) || !strings.Contains(err.Error(), "discarded") {
		t.Errorf("finish a missing entry: err = %v, want ErrOutboxChanged: discarded", err)
	}
}

// enqueueFailed queues an entry and fails it for good.
func enqueueFailed(t *testing.T, s *Store, acct, item int64, key string) int64 {
	t.Helper()
	id := enqueue(t, s, acct, item, key)
	e, err := s.ClaimOutbox(context.Background(), id, time.Now(), runnerA)
	must(t, err)
	must(t, s.FailOutbox(context.Background(), e, "password refused", time.Time{}))
	return id
}

// A reply recorded as sent is in its thread: the state and the outgoing
// item are written together, or neither is.
func TestFinishReplyIsOneTransaction(t *testing.T) {
	s, acct, item := outboxFixture(t)
	ctx := context.Background()
	id := enqueue(t, s, acct, item, "<r1@example.org>")
	held, err := s.ClaimNext(ctx, time.Now(), runnerA)
	must(t, err)
	orig, err := s.Item(ctx, item)
	must(t, err)
	out := core.Item{AccountID: acct, Kind: core.ItemEmail, RemoteID: "r1@example.org", ThreadRefs: []string{orig.RemoteID},
		Subject: "Re: Question", Author: core.Person{Name: "You"}, Text: "Yes", CreatedAt: base.Add(time.Hour),
		State: core.StateDone, Seen: true, Outgoing: true}

	bad := out
	bad.RemoteID = "" // the item cannot be written, as with a full disk
	if _, err := s.FinishReply(ctx, held, "r1@example.org", bad); err == nil {
		t.Fatal("FinishReply with an item that cannot be written succeeded")
	}
	if e := outboxEntry(t, s, id); e.State != core.OutboxSending || e.Owner != runnerA {
		t.Errorf("after a failed FinishReply the entry is %s held by %+v: want it untouched", e.State, e.Owner)
	}

	outID, err := s.FinishReply(ctx, held, "r1@example.org", out)
	must(t, err)
	if e := outboxEntry(t, s, id); e.State != core.OutboxSent || e.RemoteID != "r1@example.org" {
		t.Errorf("entry = %+v, want sent", e)
	}
	th, err := s.Thread(ctx, orig.ThreadID)
	must(t, err)
	if len(th.Items) != 2 || th.Items[1].ID != outID || !th.Items[1].Outgoing {
		t.Errorf("thread = %+v, want the question and our reply", th.Items)
	}
}

func TestEnqueueRefusesDuplicateKey(t *testing.T) {
	s, acct, item := outboxFixture(t)
	enqueue(t, s, acct, item, "<reply-1@hearth>")
	_, err := s.Enqueue(context.Background(), core.OutboxEntry{AccountID: acct, ItemID: item, Op: core.OpReply, IdemKey: "<reply-1@hearth>"})
	if !errors.Is(err, core.ErrConflict) {
		t.Errorf("duplicate idempotency key: err = %v, want ErrConflict", err)
	}
	_, err = s.Enqueue(context.Background(), core.OutboxEntry{AccountID: acct, ItemID: 999, Op: core.OpReply, IdemKey: "other"})
	if !errors.Is(err, core.ErrNotFound) {
		t.Errorf("entry for a missing item: err = %v, want ErrNotFound", err)
	}
}

func TestFailOutbox(t *testing.T) {
	s, acct, item := outboxFixture(t)
	ctx := context.Background()
	id := enqueue(t, s, acct, item, "k")
	now := time.Now().Truncate(time.Millisecond)

	held, err := s.ClaimNext(ctx, now, runnerA)
	must(t, err)
	retryAt := now.Add(10 * time.Minute)
	must(t, s.FailOutbox(ctx, held, "server busy", retryAt))
	e := outboxEntry(t, s, id)
	if e.State != core.OutboxQueued || e.Attempts != 1 || !e.NotBefore.Equal(retryAt) || e.LastError != "server busy" || !e.Owner.IsZero() {
		t.Errorf("after a transient failure: %+v", e)
	}
	if _, err := s.ClaimNext(ctx, now, runnerA); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("claimed before the retry time: %v", err)
	}

	held, err = s.ClaimNext(ctx, retryAt, runnerA)
	must(t, err)
	must(t, s.FailOutbox(ctx, held, "password refused", time.Time{}))
	e = outboxEntry(t, s, id)
	if e.State != core.OutboxFailed || e.Attempts != 2 || e.LastError != "password refused" || !e.NeedsPerson() {
		t.Errorf("after a final failure: %+v", e)
	}
	if _, err := s.ClaimNext(ctx, now.Add(24*time.Hour), runnerA); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("a failed entry was claimed: %v", err)
	}

	must(t, s.RetryOutbox(ctx, id)) // a person asked
	if e := outboxEntry(t, s, id); e.State != core.OutboxQueued || e.Attempts != 0 {
		t.Errorf("after retry: %+v", e)
	}
	if err := s.RetryOutbox(ctx, id); !errors.Is(err, core.ErrConflict) {
		t.Errorf("retrying a queued entry: err = %v, want ErrConflict", err)
	}
	if err := s.RetryOutbox(ctx, 999); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("retrying a missing entry: err = %v, want ErrNotFound", err)
	}
}

func TestFinishAndListOutbox(t *testing.T) {
	s, acct, item := outboxFixture(t)
	ctx := context.Background()
	other := apply(t, s, acct, mail("other", 1, "")).NewIDs[0]
	a := enqueue(t, s, acct, item, "a")
	b := enqueue(t, s, acct, item, "b")
	c := enqueue(t, s, acct, other, "c")
	held, err := s.ClaimOutbox(ctx, a, time.Now(), runnerA)
	must(t, err)
	must(t, s.FinishOutbox(ctx, held, "<sent@example.org>"))

	mine, err := s.Outbox(ctx, item)
	must(t, err)
	if len(mine) != 2 || mine[0].ID != b || mine[1].ID != a {
		t.Fatalf("Outbox(item) = %+v, want b then a", mine)
	}
	if mine[1].State != core.OutboxSent || mine[1].RemoteID != "<sent@example.org>" || mine[1].CreatedAt.IsZero() {
		t.Errorf("finished entry = %+v", mine[1])
	}
	all, err := s.Outbox(ctx, 0)
	must(t, err)
	if len(all) != 3 || all[0].ID != c {
		t.Errorf("Outbox(0) = %d entries starting with %d, want 3 starting with %d", len(all), all[0].ID, c)
	}
}

func outboxEntry(t *testing.T, s *Store, id int64) core.OutboxEntry {
	t.Helper()
	all, err := s.Outbox(context.Background(), 0)
	must(t, err)
	for _, e := range all {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no outbox entry %d", id)
	return core.OutboxEntry{}
}

func outboxStates(t *testing.T, s *Store) map[int64]core.OutboxState {
	all, err := s.Outbox(context.Background(), 0)
	must(t, err)
	m := map[int64]core.OutboxState{}
	for _, e := range all {
		m[e.ID] = e.State
	}
	return m
}

// A person may drop what failed or what could not be confirmed, never what
// is still on its way.
func TestDiscardOutbox(t *testing.T) {
	s, acct, item := outboxFixture(t)
	ctx := context.Background()
	failed := enqueueFailed(t, s, acct, item, "failed")
	queued := enqueue(t, s, acct, item, "queued")

	must(t, s.DiscardOutbox(ctx, failed))
	if err := s.DiscardOutbox(ctx, queued); !errors.Is(err, core.ErrConflict) {
		t.Errorf("discarding a queued entry: err = %v, want ErrConflict", err)
	}
	if err := s.DiscardOutbox(ctx, failed); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("discarding twice: err = %v, want ErrNotFound", err)
	}
	all, err := s.Outbox(ctx, item)
	must(t, err)
	if len(all) != 1 || all[0].ID != queued {
		t.Errorf("outbox after discard = %+v, want only the queued entry", all)
	}
}

// Entries an older Hearth left keep their meaning under leases: what it
// was sending is checked, what it left unconfirmed is checked once more,
// and a reply it failed because it could not find it (it may have been
// delivered) is unconfirmed, not failed.
func TestMigrationToOutboxLeases(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hearth.db")
	old := openAtVersion(t, path, 6)
	_, err := old.w.Exec(`
		INSERT INTO accounts (id, kind, name, settings, created_at) VALUES (1, 'imap', 'mail', '{}', 0);
		INSERT INTO outbox (id, account_id, op, idem_key, state, last_error, not_before, created_at, updated_at) VALUES
			(1, 1, 'reply', 'sending', 'sending', '', 0, 1000, 2000),
			(2, 1, 'reply', 'unconfirmed', 'unconfirmed', 'the connection dropped', 0, 1000, 3000),
			(3, 1, 'reply', 'not-found', 'failed', 'Hearth could not confirm that this reply was sent and did not send it again: check the channel, then Retry or discard', 0, 1000, 4000),
			(4, 1, 'reply', 'refused', 'failed', 'the server refused the recipient', 0, 1000, 5000),
			(5, 1, 'reply', 'queued', 'queued', '', 0, 1000, 1000);`)
	must(t, err)
	must(t, old.Close())

	s, err := Open(ctx, path)
	must(t, err)
	defer s.Close()
	want := map[int64]struct {
		state     core.OutboxState
		checkAt   int64 // not_before in ms: 0 for no check
		attempted int64
	}{
		1: {core.OutboxUnconfirmed, 2000, 2000},
		2: {core.OutboxUnconfirmed, 3000, 3000},
		3: {core.OutboxUnconfirmed, 0, 4000},
		4: {core.OutboxFailed, 0, 5000},
		5: {core.OutboxQueued, 0, 0},
	}
	for id, w := range want {
		e, err := s.OutboxEntry(ctx, id)
		must(t, err)
		if e.State != w.state || msOrZero(e.NotBefore) != w.checkAt || msOrZero(e.AttemptedAt) != w.attempted || !e.Owner.IsZero() {
			t.Errorf("entry %d after migration = %s, check at %d, attempted %d, owner %+v; want %+v",
				id, e.State, msOrZero(e.NotBefore), msOrZero(e.AttemptedAt), e.Owner, w)
		}
	}
	if e, _ := s.OutboxEntry(ctx, 3); !e.NeedsPerson() {
		t.Errorf("the reply not found waits for nobody: %+v", e)
	}
}
