package ui

import (
	"context"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// eventWindow is how long the UI gathers change events before refreshing:
// a sync batch publishes many events, the screen re-reads once.
const eventWindow = 150 * time.Millisecond

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
		if !set.Empty() {
			u.Do(func() { u.applyChanges(set) })
		}
		if !open {
			return
		}
	}
}

// gatherEvents waits for one event, then collects what else arrives within
// window. It reports false once the channel closed or ctx ended.
func gatherEvents(ctx context.Context, ch <-chan core.Event, window time.Duration) (kit.Changes, bool) {
	set := kit.NewChanges()
	select {
	case ev, ok := <-ch:
		if !ok {
			return set, false
		}
		set.Add(ev)
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
			set.Add(ev)
		case <-timer.C:
			return set, true
		case <-ctx.Done():
			return set, false
		}
	}
}

// applyChanges hands a burst of events to the status bar and to every
// screen, shown or not. UI goroutine.
func (u *UI) applyChanges(c kit.Changes) {
	if c.Has(core.EventItems) {
		u.status.refreshUnread()
	}
	u.notifyChanges(c)
	if c.Has(core.EventStatus, core.EventAccount) {
		u.status.refresh()
	}
	for _, s := range u.nav.screens {
		s.screen.Changed(c)
	}
}
