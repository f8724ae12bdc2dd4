package stats

import (
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// ItemsQuery is the inbox query (core/query's language) that lists the
// messages behind a KPI of the dashboard, in every state; ok is false for
// a KPI that is not a set of messages. Days are those of the period in the
// zone the inbox reads dates in.
func ItemsQuery(d Dashboard, key string) (string, bool) {
	var q string
	switch key {
	case "items_in", "ugc_share":
		q = "-is:mine -channel:feed -state:spam"
	case "items_out":
		q = "is:mine"
	case "posts_published", "engagement_per_post", "comments", "likes", "reposts", "views":
		q = "is:mine kind:vk_post"
	default:
		return "", false
	}
	return q + periodTerms(d) + accountTerm(d), true
}

// DayQuery lists the messages in of one day of the period.
func DayQuery(d Dashboard, day time.Time) string {
	return "-is:mine -channel:feed -state:spam after:" + day.Format(time.DateOnly) +
		" before:" + day.AddDate(0, 0, 1).Format(time.DateOnly) + accountTerm(d)
}

func periodTerms(d Dashboard) string {
	return fmt.Sprintf(" after:%s before:%s", d.Period.From.Format(time.DateOnly), d.Period.To.Format(time.DateOnly))
}

func accountTerm(d Dashboard) string {
	if d.Account.Name == "" {
		return ""
	}
	return ` account:"` + strings.ReplaceAll(d.Account.Name, `"`, "") + `"`
}

// MembersSegment is the member table's segment behind a KPI: the cohort
// counts of a period that ends now are exactly the table's cohorts; ok is
// false when no segment of the table is exactly that set.
func MembersSegment(d Dashboard, key string) (q core.Quadrant, c core.Cohort, ok bool) {
	current := !d.Period.To.Before(d.Computed)
	switch key {
	case "members_total":
		return "", "", current
	case "members_drifting":
		return "", core.CohortDrifting, current
	case "dead_souls":
		return "", core.CohortDeadSoul, current
	}
	return "", "", false
}
