package main

import (
	"context"
	"fmt"
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

// memberWriter sends a ritual message (a greeting, a monthly check-in) by
// the member's own channel: as a reply in the conversation where they last
// wrote, through the outbox like any reply.
type memberWriter struct {
	*members.Service
	inbox *inbox.Service
}

// WriteTo answers the member's newest message; a member who never wrote
// (a VK newcomer) has no conversation to answer yet.
func (m memberWriter) WriteTo(ctx context.Context, memberID int64, text string) error {
	var after core.TimelineEntry
	for {
		page, err := m.TimelinePage(ctx, memberID, after, 100)
		if err != nil {
			return err
		}
		for _, e := range page {
			if !e.Outgoing {
				return m.inbox.Reply(ctx, e.ItemID, text)
			}
		}
		if len(page) < 100 {
			return fmt.Errorf("they have not written in any channel yet, so there is no conversation to answer: copy the text and write to them on the channel's site")
		}
		after = page[len(page)-1]
	}
}
