package backup

import (
	"context"
	"slices"
	"testing"
	"time"
)

// A backup made by hand is a file of its own beside the daily ones: the
// daily backup of the day is still made, and pruning never removes it.
func TestManualBackupIsKeptBesideTheDailyOnes(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 30, 0, 0, time.Local)
	s, dir := newService(t, &now)
	path, err := s.Manual(ctx)
	if err != nil || path == "" {
		t.Fatalf("Manual: %q, %v", path, err)
	}
	if _, err := s.Manual(ctx); err == nil {
		t.Error("a second manual backup in the same second overwrote the first")
	}
	if err := s.SetKeep(ctx, 1); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := s.Daily(ctx); err != nil {
			t.Fatal(err)
		}
		now = now.Add(24 * time.Hour)
	}
	got := names(t, dir)
	if !slices.Contains(got, "hearth-manual-2026-03-01-093000.db") || !slices.Contains(got, "hearth-2026-03-03.db") || len(got) != 2 {
		t.Errorf("backups after three days keeping one: %v; want the manual one and the newest daily", got)
	}
	if s.Dir() != dir {
		t.Errorf("Dir() = %q, want %q", s.Dir(), dir)
	}
}
