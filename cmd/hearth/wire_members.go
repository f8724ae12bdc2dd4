package main

import (
	"context"
	gosync "sync"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/sync"
)

// refreshDelay gathers a burst of new items (a sync batch after another)
// into one member refresh.
const refreshDelay = 2 * time.Second

// startMembers keeps member files current while the window is open: a
// refresh at start, then one after each burst of new or changed items. The
// returned function waits for it after ctx ended.
func startMembers(ctx context.Context, w *workspace, svc *members.Service) (wait func()) {
	events, unsubscribe := w.engine.Subscribe()
	var wg gosync.WaitGroup
	wg.Add(1)
	sync.Go(w.log, "members refresh", func() {
		defer wg.Done()
		defer unsubscribe()
		refresh := func() {
			if err := svc.Refresh(ctx); err != nil && ctx.Err() == nil {
				w.log.Warn("members: refresh failed", "err", err)
			}
		}
		refresh()
		var due <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-events:
				if !ok {
					return
				}
				if ev.Kind == core.EventItems && due == nil {
					due = time.After(refreshDelay)
				}
			case <-due:
				due = nil
				refresh()
			}
		}
	})
	return wg.Wait
}
