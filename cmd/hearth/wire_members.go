package main

import (
	"context"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/members"
)

// refreshDelay gathers a burst of new items (a sync batch after another)
// into one member refresh.
const refreshDelay = 2 * time.Second

// startMembers keeps member files current while the window is open: a
// refresh at start, then one after each burst of new or changed items. The
// returned function waits for it after ctx ended.
func startMembers(ctx context.Context, w *workspace, svc *members.Service) (wait func()) {
	events, unsubscribe := w.engine.Subscribe()
	var wg sync.WaitGroup
	wg.Add(1)
	engine.Go(w.log, "members refresh", func() {
		defer wg.Done()
		defer unsubscribe()
		refresh := func() {
			if err := svc.Refresh(ctx); err != nil && ctx.Err() == nil {
				w.log.Warn("members: refresh failed", "err", err)
			}
		}
		if !w.waitFirstPage(ctx) {
			return
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

// newMemberWriter is what sends greetings from the member files: privately
// (an answer in the member's latest e-mail or VK message conversation, or
// a new VK community message or X direct message where the member allows
// it), through the inbox's outbox like any reply; in public only when the
// person chooses it in the dialog.
func newMemberWriter(mem *members.Service, in *inbox.Service) *members.Writer {
	return members.NewWriter(mem, in)
}
