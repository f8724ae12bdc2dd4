package members

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/kit"
)

// The dossier's explanations of a member's standing, worded in the
// window's language from the counts core gives (core's own sentences,
// Dossier.Why, are English for the command line).

func activityWhy(st members.Standing, now time.Time) string {
	in, days := st.Input, st.Settings.ActivityDays
	return lang.N("In the last {{.Count}} days: posts {{.Posts}}, comments {{.Comments}}, messages {{.Messages}} (score {{.Score}}); last seen {{.Ago}}.",
		days, map[string]any{"Count": days, "Posts": in.Posts, "Comments": in.Comments, "Messages": in.Messages,
			"Score": score(st.Activity), "Ago": kit.Ago(now, st.LastSeen)})
}

func loyaltyWhy(st members.Standing) string {
	in, days := st.Input, st.Settings.LoyaltyDays
	switch {
	case in.Written == 0:
		return lang.N("Unknown: nothing written in the last {{.Count}} days to judge by.", days, map[string]any{"Count": days})
	case !st.Known:
		return lang.N("Unknown: nothing written in the last {{.Count}} days reads warm or cold.", days, map[string]any{"Count": days})
	}
	s := lang.N("In the last {{.Count}} days: {{.Written}} written, {{.Positive}} warm, {{.Negative}} cold (score {{.Score}}).",
		days, map[string]any{"Count": days, "Written": in.Written, "Positive": in.Positive, "Negative": in.Negative, "Score": score(st.Loyalty)})
	if in.ActiveDays >= core.RegularDays {
		s += " " + lang.N("Writes regularly: on {{.Count}} different days.", in.ActiveDays, map[string]any{"Count": in.ActiveDays})
	}
	return s
}

func quadrantWhy(st members.Standing) string {
	cs := st.Settings
	act := map[string]any{"Activity": score(st.Activity), "Threshold": score(cs.ActiveAt)}
	s := lang.L("Activity {{.Activity}} is below {{.Threshold}}.", act)
	if st.Activity >= cs.ActiveAt {
		s = lang.L("Activity {{.Activity}} is at or above {{.Threshold}}.", act)
	}
	loy := map[string]any{"Loyalty": score(st.Loyalty), "Threshold": score(cs.LoyalAt)}
	switch {
	case !st.Known:
		return s + " " + lang.L("Loyalty unknown: nothing they wrote shows warmth or coldness, so not a critic.")
	case st.Loyalty >= cs.LoyalAt:
		return s + " " + lang.L("Loyalty {{.Loyalty}} is at or above {{.Threshold}}.", loy)
	}
	return s + " " + lang.L("Loyalty {{.Loyalty}} is below {{.Threshold}}.", loy)
}

func cohortWhy(st members.Standing, now time.Time) string {
	cs := st.Settings
	switch st.Cohort {
	case core.CohortNew:
		return lang.N("New: first seen {{.Ago}} (within {{.Count}} days).", cs.NewDays,
			map[string]any{"Ago": kit.Ago(now, st.Since), "Count": cs.NewDays})
	case core.CohortDeadSoul:
		if st.LastSeen.IsZero() {
			return lang.L("Dead soul: known since {{.Ago}} and never wrote.", map[string]any{"Ago": kit.Ago(now, st.Since)})
		}
		return lang.N("Dead soul: last wrote {{.Ago}} (silent {{.Count}}+ days).", cs.DeadDays,
			map[string]any{"Ago": kit.Ago(now, st.LastSeen), "Count": cs.DeadDays})
	case core.CohortDrifting:
		return lang.N("Drifting away: active before, last wrote {{.Ago}} (silent {{.Count}}+ days).", cs.DriftDays,
			map[string]any{"Ago": kit.Ago(now, st.LastSeen), "Count": cs.DriftDays})
	}
	if st.LastSeen.IsZero() {
		return lang.L("Regular: has not written yet.")
	}
	return lang.L("Regular: last wrote {{.Ago}}.", map[string]any{"Ago": kit.Ago(now, st.LastSeen)})
}
