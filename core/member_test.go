package core_test

import (
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// TestCohortBoundaries walks each cohort window's edge: a day limit
// itself is inside the window, a millisecond beyond it is not.
func TestCohortBoundaries(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	cs := core.DefaultScoreSettings() // new 30 days, drifting 30, dead 90
	ago := func(days int, extra time.Duration) time.Time {
		return now.Add(-time.Duration(days)*24*time.Hour - extra)
	}
	const ms = time.Millisecond
	cases := []struct {
		name string
		m    core.Member
		want core.Cohort
	}{
		{"first seen today", core.Member{FirstSeen: now}, core.CohortNew},
		{"first seen new days ago", core.Member{FirstSeen: ago(30, 0)}, core.CohortNew},
		{"first seen just before", core.Member{FirstSeen: ago(30, ms)}, core.CohortRegular},
		{"joined within, first seen zero", core.Member{JoinedAt: ago(20, 0)}, core.CohortNew},
		{"joined before the first sighting", core.Member{JoinedAt: ago(40, 0), FirstSeen: ago(10, 0)}, core.CohortRegular},
		{"new though silent", core.Member{FirstSeen: ago(5, 0)}, core.CohortNew},
		{"never wrote, dead days ago", core.Member{FirstSeen: ago(90, 0)}, core.CohortRegular},
		{"never wrote, just before", core.Member{FirstSeen: ago(90, ms)}, core.CohortDeadSoul},
		{"wrote drift days ago", core.Member{FirstSeen: ago(100, 0), LastSeen: ago(30, 0)}, core.CohortRegular},
		{"wrote just before", core.Member{FirstSeen: ago(100, 0), LastSeen: ago(30, ms)}, core.CohortDrifting},
		{"wrote dead days ago", core.Member{FirstSeen: ago(100, 0), LastSeen: ago(90, 0)}, core.CohortDrifting},
		{"wrote just before that", core.Member{FirstSeen: ago(100, 0), LastSeen: ago(90, ms)}, core.CohortDeadSoul},
		{"wrote yesterday", core.Member{FirstSeen: ago(100, 0), LastSeen: ago(1, 0)}, core.CohortRegular},
	}
	for _, c := range cases {
		if got := core.CohortOf(c.m, now, cs); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	b := core.CohortBoundsAt(now, cs)
	if !b.NewSince.Equal(ago(30, 0)) || !b.DriftBefore.Equal(ago(30, 0)) || !b.DeadBefore.Equal(ago(90, 0)) {
		t.Errorf("bounds at %v: %+v", now, b)
	}
}
