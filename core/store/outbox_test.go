package store

import (
	"context"
	"errors"
	"fmt"
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
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				e, err := s.ClaimNext(context.Background(), time.Now())
				if errors.Is(err, core.ErrNotFound) {
					return
				}
				if err != nil {
					t.Error(err)
					return
				}
				if e.State != core.OutboxSending {
					t.Errorf("claimed entry %d is %s, want sending", e.ID, e.State)
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
		e, err := s.ClaimNext(ctx, now)
		if err != nil || e.ID != want {
			t.Fatalf("ClaimNext = %d, %v; want %d", e.ID, err, want)
		}
		if e.Op != core.OpReply || string(e.Payload) != `{"text":"hi"}` || e.ItemID != item || e.AccountID != acct {
			t.Errorf("claimed entry = %+v", e)
		}
	}
	if _, err := s.ClaimNext(ctx, now); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("claim before the entry is due: err = %v, want ErrNotFound", err)
	}
	if e, err := s.ClaimNext(ctx, now.Add(2*time.Hour)); err != nil || e.ID != later {
		t.Errorf("claim when due = %d, %v; want %d", e.ID, err, later)
	}
}

func TestRecoverOutbox(t *testing.T) {
	s, acct, item := outboxFixture(t)
	ctx := context.Background()
	a, b := enqueue(t, s, acct, item, "a"), enqueue(t, s, acct, item, "b")
	queued := enqueue(t, s, acct, item, "c")
	now := time.Now()
	for range 2 {
		_, err := s.ClaimNext(ctx, now)
		must(t, err)
	}
	n, err := s.RecoverOutbox(ctx) // the process died while sending a and b
	if err != nil || n != 2 {
		t.Fatalf("RecoverOutbox = %d, %v; want 2", n, err)
	}
	states := outboxStates(t, s)
	if states[a] != core.OutboxUnconfirmed || states[b] != core.OutboxUnconfirmed || states[queued] != core.OutboxQueued {
		t.Errorf("states after recovery = %v", states)
	}

	// Unconfirmed entries come back to be checked, still unconfirmed, once.
	e, err := s.ClaimNext(ctx, now)
	if err != nil || e.ID != a || e.State != core.OutboxUnconfirmed {
		t.Errorf("ClaimNext = %d %s, %v; want %d unconfirmed", e.ID, e.State, err, a)
	}
	e, err = s.ClaimNext(ctx, now)
	if err != nil || e.ID != b {
		t.Errorf("ClaimNext = %d, %v; want %d (a is leased)", e.ID, err, b)
	}
	must(t, s.UnconfirmOutbox(ctx, a, "could not check", now.Add(time.Minute)))
	if e, err := s.ClaimNext(ctx, now); err != nil || e.ID != queued {
		t.Errorf("ClaimNext = %d, %v; want the queued %d before a is due again", e.ID, err, queued)
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

	_, err := s.ClaimNext(ctx, now)
	must(t, err)
	retryAt := now.Add(10 * time.Minute)
	must(t, s.FailOutbox(ctx, id, "server busy", retryAt))
	e := outboxEntry(t, s, id)
	if e.State != core.OutboxQueued || e.Attempts != 1 || !e.NotBefore.Equal(retryAt) || e.LastError != "server busy" {
		t.Errorf("after a transient failure: %+v", e)
	}
	if _, err := s.ClaimNext(ctx, now); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("claimed before the retry time: %v", err)
	}

	_, err = s.ClaimNext(ctx, retryAt)
	must(t, err)
	must(t, s.FailOutbox(ctx, id, "password refused", time.Time{}))
	e = outboxEntry(t, s, id)
	if e.State != core.OutboxFailed || e.Attempts != 2 || e.LastError != "password refused" {
		t.Errorf("after a final failure: %+v", e)
	}
	if _, err := s.ClaimNext(ctx, now.Add(24*time.Hour)); !errors.Is(err, core.ErrNotFound) {
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
	must(t, s.FinishOutbox(ctx, a, "<sent@example.org>"))
	if err := s.FinishOutbox(ctx, 999, ""); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("finish missing entry: err = %v", err)
	}

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
	now := time.Now()
	failed := enqueue(t, s, acct, item, "failed")
	_, err := s.ClaimNext(ctx, now)
	must(t, err)
	must(t, s.FailOutbox(ctx, failed, "password refused", time.Time{}))
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
