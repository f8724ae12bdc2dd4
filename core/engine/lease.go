package engine

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
)

// leaseTTL is how long a runner's hold on an outbox entry outlives its
// last heartbeat. It is generous: taking an entry from a live sender is
// what sends twice, and a dead owner on this machine is noticed at once by
// its pid.
const leaseTTL = 10 * time.Minute

// heartbeatEvery is how often a runner renews its leases while it works.
const heartbeatEvery = leaseTTL / 10

// HeartbeatEvery is how often any runner renews its leases while it works.
const HeartbeatEvery = heartbeatEvery

var (
	// liveTokens are the owner tokens of this process's runners: an entry
	// held under this process's pid by a token not among them was held by
	// an earlier process that had the same pid.
	liveMu     sync.Mutex
	liveTokens = map[string]bool{}

	hostName = sync.OnceValue(func() string {
		h, _ := os.Hostname()
		return h
	})
)

// NewOwner makes the identity a runner holds entries under (an outbox
// runner here, the calendar's publishing engine for post targets): live
// while this process runs.
func NewOwner() core.OutboxOwner {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	o := core.OutboxOwner{Host: hostName(), PID: os.Getpid(), Token: hex.EncodeToString(b[:])}
	liveMu.Lock()
	liveTokens[o.Token] = true
	liveMu.Unlock()
	return o
}

// leaseExpired reports whether the runner holding an entry is gone: dead
// (on this machine its pid is not running, or is this process without a
// runner of that token) or stalled past leaseTTL. Another machine's runner
// is only known by its heartbeat.
func leaseExpired(ent core.OutboxEntry, now time.Time) bool {
	return LeaseExpired(ent.Owner, ent.Heartbeat, now)
}

// LeaseExpired reports whether the runner o, last heard of at heartbeat,
// is gone: the rule of leaseExpired for any leased row (a post target).
func LeaseExpired(o core.OutboxOwner, heartbeat, now time.Time) bool {
	if now.Sub(heartbeat) > leaseTTL {
		return true
	}
	switch {
	case o.Host == "" || o.Host != hostName():
		return false
	case o.PID == os.Getpid():
		liveMu.Lock()
		defer liveMu.Unlock()
		return !liveTokens[o.Token]
	default:
		return !processAlive(o.PID)
	}
}

// takeOver ends the leases of runners that are gone, and the holds this
// runner left on entries it could not record an outcome for: what they
// were sending becomes unconfirmed and is checked before anything is sent
// again. A live runner's entries are never touched.
func (r *outboxRunner) takeOver(ctx context.Context) error {
	leases, err := r.e.store.Leases(ctx)
	if err != nil {
		return err
	}
	now := r.e.now()
	for _, ent := range leases {
		if ent.Owner.Token == r.owner.Token {
			if r.held.Has(ent.ID) {
				continue
			}
		} else if !leaseExpired(ent, now) {
			continue
		}
		err := r.e.store.TakeOver(ctx, ent, now)
		if errors.Is(err, core.ErrOutboxChanged) || errors.Is(err, core.ErrNotFound) {
			continue // its owner was alive after all and moved on
		}
		if err != nil {
			return err
		}
		r.e.log.Info("outbox entry taken over from a runner that is gone", "id", ent.ID, "state", ent.State,
			"owner_pid", ent.Owner.PID, "owner_host", ent.Owner.Host, "heartbeat", ent.Heartbeat)
		r.e.bus.Publish(core.Event{Kind: core.EventOutbox, AccountID: ent.AccountID, ItemIDs: []int64{ent.ItemID}})
	}
	return nil
}

// Holds is the set of entries (outbox entries, post targets) a runner is
// working on right now: its own leases on anything else are stale.
type Holds struct {
	mu  sync.Mutex
	ids map[int64]bool
}

// Set marks id as being worked on (on) or no longer (off).
func (h *Holds) Set(id int64, on bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if on {
		if h.ids == nil {
			h.ids = map[int64]bool{}
		}
		h.ids[id] = true
	} else {
		delete(h.ids, id)
	}
}

// Has reports whether id is being worked on.
func (h *Holds) Has(id int64) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.ids[id]
}

// KeepAlive calls beat every HeartbeatEvery until the returned stop is
// called, so that a runner's slow work outlasts none of its leases; what
// names the runner in the log.
func KeepAlive(ctx context.Context, log *slog.Logger, what string, beat func(context.Context) error) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer Recover(log, what+" heartbeat")
		t := time.NewTicker(HeartbeatEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := beat(ctx); err != nil && ctx.Err() == nil {
					log.Warn(what+" heartbeat", "err", err)
				}
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}
