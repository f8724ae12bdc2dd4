package main

import (
	"context"

	"github.com/hearthhq/hearth/core/calendar"
)

// newCalendar builds the calendar use cases of a workspace; wake tells the
// publishing engine of a change (nil in headless commands: none runs).
func newCalendar(w *workspace, wake func()) *calendar.Service {
	return calendar.New(calendar.Params{Store: w.store, Notify: w.engine, Wake: wake})
}

// startCalendar starts the publishing engine next to the sync engine and
// returns the calendar use cases wired to wake it on every change, and a
// function that waits for the engine after ctx ended. A failure to start is
// logged: the inbox stays usable, and the calendar still plans.
func startCalendar(ctx context.Context, w *workspace) (svc *calendar.Service, wait func()) {
	eng := newPublisher(w)
	if err := eng.Start(ctx); err != nil {
		w.log.Error("calendar: the publishing engine did not start", "err", err)
		return newCalendar(w, nil), func() {}
	}
	return newCalendar(w, eng.Poke), eng.Wait
}

// newPublisher builds the workspace's publishing engine; the window, `hearth
// sync` and `hearth sync --once` each run one, under its own leases.
func newPublisher(w *workspace) *calendar.Engine {
	return calendar.NewEngine(calendar.EngineParams{Store: w.store, Channels: w.engine, Notify: w.engine, Log: w.log})
}
