package ui

import (
	"context"
	"time"

	"github.com/hearthhq/hearth/core"
)

// eventWindow is how long the UI gathers change events before refreshing:
// a sync batch publishes many events, the screen re-reads once.
const eventWindow = 150 * time.Millisecond

// eventSet is a coalesced burst of change events.
type eventSet struct {
	kinds map[core.EventKind]bool
	items map[int64]bool // item ids named by outbox and items events
}

func (s *eventSet) add(ev core.Event) {
	s.kinds[ev.Kind] = true
	for _, id := range ev.ItemIDs {
		s.items[id] = true
	}
}

// listen subscribes to the backend's change events.
func (u *UI) listen() {
	if u.b.Events == nil {
		return
	}
	ch, cancel := u.b.Events.Subscribe()
	u.unsubscribe = cancel
	u.Go("events", func() { u.pumpEvents(ch) })
}

// pumpEvents runs off the UI goroutine: it gathers bursts and hands each to
// the UI goroutine as one refresh.
func (u *UI) pumpEvents(ch <-chan core.Event) {
	for {
		set, open := gatherEvents(u.Ctx, ch, eventWindow)
		if len(set.kinds) > 0 {
			u.Do(func() { u.applyEvents(set) })
		}
		if !open {
			return
		}
	}
}

// gatherEvents waits for one event, then collects what else arrives within
// window. It reports false once the channel closed or ctx ended.
func gatherEvents(ctx context.Context, ch <-chan core.Event, window time.Duration) (eventSet, bool) {
	set := eventSet{kinds: map[core.EventKind]bool{}, items: map[int64]bool{}}
	select {
	case ev, ok := <-ch:
		if !ok {
			return set, false
		}
		set.add(ev)
	case <-ctx.Done():
		return set, false
	}
	timer := time.NewTimer(window)
	defer timer.Stop()
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				return set, false
			}
			set.add(ev)
		case <-timer.C:
			return set, true
		case <-ctx.Done():
			return set, false
		}
	}
}

// applyEvents refreshes what a burst of events touched. UI goroutine.
func (u *UI) applyEvents(set eventSet) {
	if set.kinds[core.EventItems] {
		u.inbox.reload.Request()
		u.status.refreshUnread()
	}
	if set.kinds[core.EventStatus] || set.kinds[core.EventAccount] {
		u.status.refresh()
		u.accounts.reload.Request()
	}
	if set.kinds[core.EventAccount] {
		u.inbox.filters.loadAccounts()
	}
	if set.kinds[core.EventOutbox] {
		u.inbox.composer.outboxChanged(set.items)
	}
}
