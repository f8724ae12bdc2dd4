package members

import (
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Explanation tells a person, in sentences, why a member has their scores,
// quadrant and cohort.
type Explanation struct {
	Activity string `json:"activity"`
	Loyalty  string `json:"loyalty"`
	Quadrant string `json:"quadrant"`
	Cohort   string `json:"cohort"`
}

// Standing is what an explanation is made of: the counts and settings the
// scores came from, for a screen that words them in its own language
// (Explanation's sentences are English, for the command line and exports).
type Standing struct {
	Input             core.ScoreInput
	Settings          core.ScoreSettings
	Activity, Loyalty float64
	Known             bool // something they wrote reads warm or cold
	Quadrant          core.Quadrant
	Cohort            core.Cohort
	LastSeen, Since   time.Time // last wrote (zero: never), first seen
}

// StandingOf is the standing of a member at now.
func StandingOf(m core.Member, in core.ScoreInput, now time.Time, cs core.ScoreSettings) Standing {
	act, loy := core.ComputeScores(in, cs)
	known := core.LoyaltySignal(in)
	return Standing{Input: in, Settings: cs, Activity: act, Loyalty: loy, Known: known,
		Quadrant: core.QuadrantOf(act, loy, known, cs), Cohort: core.CohortOf(m, now, cs),
		LastSeen: m.LastSeen, Since: m.FirstSeen}
}

// Explain writes the explanation of a member's standing at now from the
// same counts the scores were computed from.
func Explain(m core.Member, in core.ScoreInput, now time.Time, cs core.ScoreSettings) Explanation {
	act, loy := core.ComputeScores(in, cs)
	known := core.LoyaltySignal(in)
	q := core.QuadrantOf(act, loy, known, cs)
	return Explanation{
		Activity: explainActivity(m, in, act, now, cs),
		Loyalty:  explainLoyalty(in, loy, cs),
		Quadrant: explainQuadrant(q, act, loy, known, cs),
		Cohort:   explainCohort(m, now, cs),
	}
}

// explainActivity: "3 comments and 1 post in the last 30 days (score 9);
// last seen 2 days ago".
func explainActivity(m core.Member, in core.ScoreInput, act float64, now time.Time, cs core.ScoreSettings) string {
	parts := counted([]int{in.Posts, in.Comments, in.Messages}, []string{"post", "comment", "message"})
	what := "nothing written"
	if len(parts) > 0 {
		what = joinAnd(parts)
	}
	return fmt.Sprintf("%s in the last %d days (score %s); last seen %s",
		what, cs.ActivityDays, trimFloat(act), core.Ago(now, m.LastSeen))
}

func explainLoyalty(in core.ScoreInput, loy float64, cs core.ScoreSettings) string {
	if in.Written == 0 {
		return fmt.Sprintf("unknown: no messages in the last %d days to judge by", cs.LoyaltyDays)
	}
	if !core.LoyaltySignal(in) {
		return fmt.Sprintf("unknown: none of %d messages in the last %d days reads warm or cold",
			in.Written, cs.LoyaltyDays)
	}
	s := fmt.Sprintf("%d positive and %d negative of %d messages in the last %d days",
		in.Positive, in.Negative, in.Written, cs.LoyaltyDays)
	if in.ActiveDays >= core.RegularDays {
		s += fmt.Sprintf("; writes regularly (on %d different days)", in.ActiveDays)
	}
	return s + " (score " + trimFloat(loy) + ")"
}

func explainQuadrant(q core.Quadrant, act, loy float64, known bool, cs core.ScoreSettings) string {
	level := "below"
	if act >= cs.ActiveAt {
		level = "at or above"
	}
	if !known {
		return fmt.Sprintf("%s: activity %s is %s %s, loyalty unknown (nothing they wrote shows warmth or coldness, so not a critic)",
			QuadrantLabel(q), trimFloat(act), level, trimFloat(cs.ActiveAt))
	}
	warmth := "below"
	if loy >= cs.LoyalAt {
		warmth = "at or above"
	}
	return fmt.Sprintf("%s: activity %s is %s %s, loyalty %s is %s %s", QuadrantLabel(q),
		trimFloat(act), level, trimFloat(cs.ActiveAt), trimFloat(loy), warmth, trimFloat(cs.LoyalAt))
}

func explainCohort(m core.Member, now time.Time, cs core.ScoreSettings) string {
	c := core.CohortOf(m, now, cs)
	switch c {
	case core.CohortNew:
		return fmt.Sprintf("new: first seen %s (within %d days)", core.Ago(now, m.FirstSeen), cs.NewDays)
	case core.CohortDeadSoul:
		if m.LastSeen.IsZero() {
			return fmt.Sprintf("dead soul: known since %s and never wrote", core.Ago(now, m.FirstSeen))
		}
		return fmt.Sprintf("dead soul: last wrote %s (silent %d+ days)", core.Ago(now, m.LastSeen), cs.DeadDays)
	case core.CohortDrifting:
		return fmt.Sprintf("drifting away: active before, last wrote %s (silent %d+ days)",
			core.Ago(now, m.LastSeen), cs.DriftDays)
	}
	if m.LastSeen.IsZero() {
		return "regular: has not written yet"
	}
	return "regular: last wrote " + core.Ago(now, m.LastSeen)
}

// QuadrantLabel and CohortLabel are the names a person reads.
func QuadrantLabel(q core.Quadrant) string {
	return map[core.Quadrant]string{core.QuadrantAdvocate: "advocate", core.QuadrantQuietFan: "quiet fan",
		core.QuadrantCritic: "critic", core.QuadrantPasserBy: "passer-by"}[q]
}

// CohortLabel names a cohort for a person.
func CohortLabel(c core.Cohort) string {
	return map[core.Cohort]string{core.CohortNew: "new", core.CohortRegular: "regular",
		core.CohortDrifting: "drifting away", core.CohortDeadSoul: "dead soul"}[c]
}

func counted(ns []int, nouns []string) []string {
	var out []string
	for i, n := range ns {
		switch {
		case n == 1:
			out = append(out, "1 "+nouns[i])
		case n > 1:
			out = append(out, fmt.Sprintf("%d %ss", n, nouns[i]))
		}
	}
	return out
}

func joinAnd(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// trimFloat renders a score with at most two decimals and no trailing zeros.
func trimFloat(f float64) string {
	s := strings.TrimRight(fmt.Sprintf("%.2f", f), "0")
	return strings.TrimSuffix(s, ".")
}
