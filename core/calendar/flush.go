package calendar

import (
	"context"
	"errors"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// Run is what a Flush did: the targets it handled, and those of them that
// now wait for a person (failed, unconfirmed or held late).
type Run struct {
	Published  []core.PostTarget
	NeedPerson []core.PostTarget
}

// Flush publishes what is due now and checks what is unconfirmed, pass
// after pass until a pass handles nothing new (a target whose check keeps
// failing is not asked again and again), for `hearth sync --once`. Nothing
// keeps running afterwards.
func (e *Engine) Flush(ctx context.Context) (Run, error) {
	var run Run
	var order []int64
	seen := map[int64]bool{}
	for {
		ids, err := e.pass(ctx)
		if err != nil {
			return run, err
		}
		fresh := 0
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				order = append(order, id)
				fresh++
			}
		}
		if fresh == 0 {
			break
		}
	}
	for _, id := range order {
		t, err := e.store.Target(ctx, id)
		if errors.Is(err, core.ErrNotFound) {
			continue // deleted meanwhile
		}
		if err != nil {
			return run, fmt.Errorf("calendar: flush: %w", err)
		}
		switch t.State {
		case core.TargetPublished:
			run.Published = append(run.Published, t)
		case core.TargetFailed, core.TargetUnconfirmed, core.TargetHeld:
			run.NeedPerson = append(run.NeedPerson, t)
		}
	}
	return run, nil
}
