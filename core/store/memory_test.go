package store

import (
	"context"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// ReleaseMemory shrinks only the connections nobody holds: it opens none,
// waits for none and leaves a read-only store's writer unconnected.
func TestReleaseMemoryTouchesOnlyIdleConnections(t *testing.T) {
	t.Parallel()
	path := filledWorkspace(t)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		opts []Option
	}{{"full", nil}, {"read-only", []Option{ReadOnly()}}} {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(ctx, path, c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			// Two readers open, one of them busy in a transaction.
			busy, err := s.r.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Search(ctx, "subject", core.ItemFilter{Limit: 50}); err != nil {
				t.Fatal(err)
			}
			open := s.r.Stats().OpenConnections
			wrote := s.wrote.Load()

			done := make(chan error, 1)
			go func() { done <- s.ReleaseMemory(ctx) }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("ReleaseMemory waited for the reader held in a transaction")
			}
			if n := s.r.Stats().OpenConnections; n != open {
				t.Errorf("read connections %d after ReleaseMemory, %d before", n, open)
			}
			if s.wrote.Load() != wrote {
				t.Errorf("writer connected: %v before ReleaseMemory, %v after", wrote, s.wrote.Load())
			}
			if err := busy.Rollback(); err != nil {
				t.Fatal(err)
			}
			got, err := s.Search(ctx, "subject", core.ItemFilter{Limit: 50})
			if err != nil || len(got) == 0 {
				t.Fatalf("search after ReleaseMemory: %d hits, %v", len(got), err)
			}
		})
	}
}
