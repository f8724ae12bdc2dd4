package tone

import (
	"context"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// Store is what the background analysis needs of the workspace.
type Store interface {
	// ToneTodo returns up to limit items without a tone, newest first.
	ToneTodo(ctx context.Context, limit int) ([]core.ToneText, error)
	SetTones(ctx context.Context, tones map[int64]core.Tone) error
}

// BackfillBatch is how many items one backfill step reads and writes: a
// short transaction that never holds a sync up for long.
const BackfillBatch = 500

// Backfill computes the tone of the items stored without one (those of a
// workspace older than tone, our replies written by the outbox), newest
// first, a batch per transaction, until none is left or ctx ends. It
// returns how many it analysed.
func (a *Analyzer) Backfill(ctx context.Context, st Store) (int, error) {
	done := 0
	for ctx.Err() == nil {
		todo, err := st.ToneTodo(ctx, BackfillBatch)
		if err != nil {
			return done, fmt.Errorf("tone: backfill: %w", err)
		}
		if len(todo) == 0 {
			return done, nil
		}
		tones := make(map[int64]core.Tone, len(todo))
		for _, t := range todo {
			tones[t.ItemID] = a.AnalyzeItem(t.Subject, t.Text)
		}
		if err := st.SetTones(ctx, tones); err != nil {
			return done, fmt.Errorf("tone: backfill: %w", err)
		}
		done += len(todo)
	}
	return done, ctx.Err()
}

// RunBackfill backfills now, then again after each batch of items written
// (events of kind EventItems), until ctx ends or events closes. Failures
// go to fail and the next event retries.
func (a *Analyzer) RunBackfill(ctx context.Context, st Store, events <-chan core.Event, fail func(error)) {
	run := func() {
		if _, err := a.Backfill(ctx, st); err != nil && ctx.Err() == nil {
			fail(err)
		}
	}
	run()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			if ev.Kind == core.EventItems {
				run()
			}
		}
	}
}
