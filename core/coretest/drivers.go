package coretest

import (
	"context"
	"testing"

	"github.com/hearthhq/hearth/core/engine"
)

// WithDrivers gives the workspace's engine channel drivers (one per kind;
// a later one replaces an earlier one of its kind). Without them the
// engine knows no channel: a connection test says this build cannot
// connect the kind, and a started engine cannot sync. Core may not import
// the integrations, so tests give stubs of the channel here (a Driver
// whose Conn answers Test and Sync as the test arms it), and the services
// above the engine run for real around them.
func WithDrivers(drivers ...engine.Driver) Option {
	return func(c *config) { c.drivers = append(c.drivers, drivers...) }
}

// StartEngine starts the engine as the app does: a worker per account,
// each running a first pass at once, then on schedule or when triggered
// (Sync now), and the outbox runner. They are stopped and waited for when
// the test ends, before the store closes. A worker whose pass succeeded
// then waits for a trigger: its next scheduled pass is minutes away.
func (w *Workspace) StartEngine(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if err := w.Engine.Start(ctx); err != nil {
		cancel()
		t.Fatalf("start the engine: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		w.Engine.Wait()
	})
}
