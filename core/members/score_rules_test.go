package members

import (
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// The windows end on the UTC day of now, whatever its hour, and hold
// exactly their number of days; scores for a day are due again the next.
func TestScoreWindows(t *testing.T) {
	cs := core.DefaultScoreSettings() // activity 30 days, loyalty 180
	midnight := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	day := core.UnixDay(midnight)
	cases := []struct {
		now  time.Time
		want core.ScoreWindows
	}{
		{midnight, core.ScoreWindows{Day: day, ActivityFrom: day - 29, LoyaltyFrom: day - 179}},
		{midnight.Add(24*time.Hour - time.Millisecond), core.ScoreWindows{Day: day, ActivityFrom: day - 29, LoyaltyFrom: day - 179}},
		{midnight.Add(-time.Millisecond), core.ScoreWindows{Day: day - 1, ActivityFrom: day - 30, LoyaltyFrom: day - 180}},
		// Paris is an hour ahead: its 00:30 is the previous UTC day.
		{time.Date(2026, 3, 2, 0, 30, 0, 0, time.FixedZone("CET", 3600)), core.ScoreWindows{Day: day - 1, ActivityFrom: day - 30, LoyaltyFrom: day - 180}},
	}
	for _, c := range cases {
		if got := scoreWindows(c.now, cs); got != c.want {
			t.Errorf("at %v: %+v, want %+v", c.now, got, c.want)
		}
	}
	one := cs
	one.ActivityDays, one.LoyaltyDays = 1, 1
	if got := scoreWindows(midnight, one); got.ActivityFrom != day || got.LoyaltyFrom != day {
		t.Errorf("one-day windows: %+v, want both from day %d", got, day)
	}
}

func TestScoreRule(t *testing.T) {
	cs := core.DefaultScoreSettings() // post 3, comment 2, message 2; active at 6, loyal at 0.2
	cases := []struct {
		in   core.ScoreInput
		want core.Scores
	}{
		{core.ScoreInput{}, core.Scores{Quadrant: core.QuadrantPasserBy}},
		// Written nothing that leans either way: loyalty unknown, never a
		// critic, however active (three friendly questions).
		{core.ScoreInput{Posts: 2}, core.Scores{Activity: 6, Quadrant: core.QuadrantQuietFan}},
		{core.ScoreInput{Comments: 3, Written: 3, ActiveDays: 3}, core.Scores{Activity: 6, Quadrant: core.QuadrantQuietFan}},
		{core.ScoreInput{Comments: 1, Messages: 1, Written: 2}, core.Scores{Activity: 4, Quadrant: core.QuadrantPasserBy}},
		// A signal either way makes loyalty known.
		{core.ScoreInput{Comments: 3, Written: 3, Negative: 1}, core.Scores{Activity: 6, Loyalty: -0.2, LoyaltyKnown: true, Quadrant: core.QuadrantCritic}},
		// As warm as cold leans neither way: unknown, not a critic.
		{core.ScoreInput{Comments: 3, Written: 3, Positive: 1, Negative: 1}, core.Scores{Activity: 6, Quadrant: core.QuadrantQuietFan}},
		{core.ScoreInput{Comments: 3, Written: 3, Positive: 1, Negative: 2}, core.Scores{Activity: 6, Loyalty: -0.2, LoyaltyKnown: true, Quadrant: core.QuadrantCritic}},
		{core.ScoreInput{Written: 2, Positive: 2}, core.Scores{Loyalty: 0.5, LoyaltyKnown: true, Quadrant: core.QuadrantQuietFan}},
		{core.ScoreInput{Written: 5, ActiveDays: 5}, core.Scores{Loyalty: 0.1, LoyaltyKnown: true, Quadrant: core.QuadrantPasserBy}},
		{core.ScoreInput{Posts: 2, Written: 2, Positive: 2, ActiveDays: 5}, core.Scores{Activity: 6, Loyalty: 0.6, LoyaltyKnown: true, Quadrant: core.QuadrantAdvocate}},
	}
	rule := scoreRule(cs)
	for _, c := range cases {
		if got := rule(c.in); got != c.want {
			t.Errorf("%+v: %+v, want %+v", c.in, got, c.want)
		}
	}
}
