package members

import (
	"time"

	"github.com/hearthhq/hearth/core"
)

// scoreWindows are the days a rescoring at now works with. Scores are for
// today, so every member last scored before today is due again (the
// windows move with the calendar), besides those whose file changed; each
// window ends today and is the settings' number of days long.
func scoreWindows(now time.Time, cs core.ScoreSettings) core.ScoreWindows {
	today := core.UnixDay(now)
	return core.ScoreWindows{
		Day:          today,
		ActivityFrom: today - int64(cs.ActivityDays) + 1,
		LoyaltyFrom:  today - int64(cs.LoyaltyDays) + 1,
	}
}

// scoreRule turns a member's counts into their scores and quadrant by cs.
func scoreRule(cs core.ScoreSettings) func(core.ScoreInput) core.Scores {
	return func(in core.ScoreInput) core.Scores {
		act, loy := core.ComputeScores(in, cs)
		known := core.LoyaltySignal(in)
		return core.Scores{Activity: act, Loyalty: loy, LoyaltyKnown: known, Quadrant: core.QuadrantOf(act, loy, known, cs)}
	}
}
