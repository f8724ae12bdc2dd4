package engine_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// audienceConn is a channel that counts followers: each reading takes the
// next answer of the script.
type audienceConn struct {
	fakeConn
	k *keeper
}

func (c audienceConn) Audience(context.Context) (int64, error) {
	c.k.mu.Lock()
	defer c.k.mu.Unlock()
	c.k.calls++
	a := c.k.answers[0]
	if len(c.k.answers) > 1 {
		c.k.answers = c.k.answers[1:]
	}
	return a.n, a.err
}

type audienceDriver struct {
	*fakeDriver
	k *keeper
}

func (d audienceDriver) Open(context.Context, core.Account, engine.Secrets) (engine.Conn, error) {
	return audienceConn{fakeConn{d.fakeDriver}, d.k}, nil
}

type answer struct {
	n   int64
	err error
}

// keeper is core/stats's side: the readings kept.
type keeper struct {
	mu      sync.Mutex
	answers []answer
	calls   int
	kept    []int64
	last    time.Time
}

func (k *keeper) LastAudience(context.Context, int64) (time.Time, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.last, nil
}

func (k *keeper) RecordAudience(_ context.Context, _ int64, n int64, at time.Time) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.kept, k.last = append(k.kept, n), at
	return nil
}

// The sync reads the audience at most every six hours; a refused reading
// keeps the last count, leaves the pass a success and says why on the
// status until a reading succeeds, and is tried again an hour later, not
// on every pass.
func TestAudienceReadEverySixHours(t *testing.T) {
	ctx := context.Background()
	k := &keeper{answers: []answer{{n: 100}, {err: &core.RemoteError{Problem: core.ProblemRateLimit,
		Message: "X asks to wait before the next request"}}, {n: 97}}}
	d := newDriver(commitItems(0, 1))
	st, _, a := setup(t, d)
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	e := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{audienceDriver{d, k}},
		Now: func() time.Time { return now }, Audience: k})
	steps := []struct {
		after     time.Duration
		calls     int
		kept      []int64
		note      string
		statusNow string
	}{
		{0, 1, []int64{100}, "", "first pass: read"},
		{time.Hour, 1, []int64{100}, "", "an hour later: not due"},
		{5 * time.Hour, 2, []int64{100}, "X asks to wait before the next request", "six hours: refused"},
		{30 * time.Minute, 2, []int64{100}, "X asks to wait before the next request", "half an hour after the refusal: waits"},
		{30 * time.Minute, 3, []int64{100, 97}, "", "an hour after: read again"},
	}
	for _, s := range steps {
		now = now.Add(s.after)
		if err := e.SyncOnce(ctx, a.ID); err != nil {
			t.Fatalf("%s: the pass failed: %v", s.statusNow, err)
		}
		saved, _ := st.Account(ctx, a.ID)
		k.mu.Lock()
		calls, kept := k.calls, append([]int64(nil), k.kept...)
		k.mu.Unlock()
		if calls != s.calls || len(kept) != len(s.kept) || kept[len(kept)-1] != s.kept[len(s.kept)-1] {
			t.Errorf("%s: %d readings, kept %v; want %d, %v", s.statusNow, calls, kept, s.calls, s.kept)
		}
		if saved.Status.State != core.SyncOK || saved.Status.Message != s.note || !saved.Status.LastSync.Equal(now) {
			t.Errorf("%s: status %+v; want OK at %v saying %q", s.statusNow, saved.Status, now, s.note)
		}
	}
	if line := (core.AccountStatus{State: core.SyncOK, LastSync: now, Message: "X asks to wait"}).Line(now); line !=
		"ok, synced just now; audience not updated (X asks to wait), the last count is kept" {
		t.Errorf("status line %q", line)
	}
}
