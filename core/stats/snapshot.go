package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// TakeSnapshot records today's member numbers (totals, cohorts, each
// member's quadrant where it changed) once per day of the workspace's
// zone: the running app calls it at start and then daily, and a second
// call the same day writes nothing (it reports false). Past periods are
// then read from what was true then, not from today's files.
func (s *Service) TakeSnapshot(ctx context.Context) (bool, error) {
	loc, err := s.Location(ctx)
	if err != nil {
		return false, err
	}
	score, err := s.scoreSettings(ctx)
	if err != nil {
		return false, err
	}
	now := s.now()
	taken, err := s.store.SaveSnapshot(ctx, now.In(loc).Format(time.DateOnly), now,
		core.CohortBoundsAt(now, score), now.AddDate(0, 0, -score.ActivityDays))
	if err != nil {
		return false, fmt.Errorf("stats: snapshot: %w", err)
	}
	return taken, nil
}

// RunSnapshots takes the day's snapshot now (after refresh, which brings
// the member files up to date; nil for none) and then at each new day,
// until ctx ends; after each, it warms the dashboard (Warm). Failures are
// handed to report and retried the next hour.
func (s *Service) RunSnapshots(ctx context.Context, refresh func(context.Context) error, report func(error)) {
	for {
		if refresh != nil {
			if err := refresh(ctx); err != nil && ctx.Err() == nil {
				report(err)
			}
		}
		if _, err := s.TakeSnapshot(ctx); err != nil && ctx.Err() == nil {
			report(err)
		}
		if err := s.Warm(ctx); err != nil && ctx.Err() == nil {
			report(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(warmEvery):
		}
	}
}

// BackfillSnapshots records the snapshot of each day from first to
// yesterday (days of the workspace's zone) that has none, as the items
// tell it at that day's start (the store's SaveSnapshotAsOf; quadrants are
// today's): for history that predates the snapshots, such as the demo's.
// It reports how many days it recorded.
func (s *Service) BackfillSnapshots(ctx context.Context, first time.Time) (int, error) {
	loc, err := s.Location(ctx)
	if err != nil {
		return 0, err
	}
	score, err := s.scoreSettings(ctx)
	if err != nil {
		return 0, err
	}
	today := midnight(s.now().In(loc))
	n := 0
	for day := midnight(first.In(loc)); day.Before(today); day = day.AddDate(0, 0, 1) {
		taken, err := s.store.SaveSnapshotAsOf(ctx, day.Format(time.DateOnly), day,
			core.CohortBoundsAt(day, score), day.AddDate(0, 0, -score.ActivityDays))
		if err != nil {
			return n, fmt.Errorf("stats: backfill: %w", err)
		}
		if taken {
			n++
		}
	}
	return n, nil
}
