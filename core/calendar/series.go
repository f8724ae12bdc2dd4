package calendar

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// advanceSeries makes the next occurrence of every recurring series whose
// last occurrence is settled (published, failed or skipped). The next one
// is the first ahead of now: after a pause the missed ones are skipped,
// never published in a burst. The store makes each occurrence once.
func (e *Engine) advanceSeries(ctx context.Context) error {
	tails, err := e.store.SeriesTails(ctx)
	if err != nil {
		return fmt.Errorf("calendar: series: %w", err)
	}
	for _, tail := range tails {
		if tail.Recurrence.IsZero() || !tail.Settled() {
			continue
		}
		if err := e.nextOccurrence(ctx, tail); err != nil {
			return err
		}
	}
	return nil
}

func (e *Engine) nextOccurrence(ctx context.Context, tail core.Post) error {
	loc, err := time.LoadLocation(tail.Zone)
	if err != nil {
		return fmt.Errorf("calendar: series %d: zone %q: %w", tail.SeriesID, tail.Zone, err)
	}
	n, at, ok, err := tail.Recurrence.Next(tail.Occurrence, e.now(), loc)
	if err != nil || !ok {
		return err
	}
	next := tail
	next.ID, next.At, next.Occurrence, next.Skipped = 0, at.UTC(), n, false
	next.Targets = make([]core.PostTarget, len(tail.Targets))
	for i, t := range tail.Targets {
		next.Targets[i] = core.PostTarget{AccountID: t.AccountID, Text: t.Text, Key: RandomKey(), State: nextState(tail)}
	}
	if _, err := e.store.CreatePost(ctx, next); err != nil && !errors.Is(err, core.ErrConflict) {
		return fmt.Errorf("calendar: series %d occurrence %d: %w", tail.SeriesID, n, err)
	}
	return nil
}

// nextState keeps a series of drafts a draft; any other series is
// scheduled.
func nextState(tail core.Post) core.TargetState {
	for _, t := range tail.Targets {
		if t.State != core.TargetDraft {
			return core.TargetScheduled
		}
	}
	return core.TargetDraft
}
