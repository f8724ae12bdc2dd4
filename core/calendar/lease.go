package calendar

import (
	"context"
	"errors"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// takeOver ends the leases of engines that are gone (core/engine's rule:
// a dead pid on this machine, or a heartbeat older than the lease), and
// this engine's holds on targets it is no longer working on (it could not
// record an outcome). A target one was publishing becomes unconfirmed.
// It returns how many targets were left publishing.
func (e *Engine) takeOver(ctx context.Context) (int, error) {
	leases, err := e.store.TargetLeases(ctx)
	if err != nil {
		return 0, err
	}
	now, n := e.now(), 0
	for _, t := range leases {
		if t.Owner.Token == e.owner.Token {
			if e.held.Has(t.ID) {
				continue
			}
		} else if !engine.LeaseExpired(t.Owner, t.Heartbeat, now) {
			continue
		}
		err := e.store.TakeOverTarget(ctx, t)
		if errors.Is(err, core.ErrNotFound) {
			continue // its owner was alive after all and moved on
		}
		if err != nil {
			return n, err
		}
		e.log.Info("calendar: target taken over from an engine that is gone", "target", t.ID, "state", t.State,
			"owner_pid", t.Owner.PID, "owner_host", t.Owner.Host, "heartbeat", t.Heartbeat)
		if t.State == core.TargetPublishing {
			n++
		}
	}
	return n, nil
}
