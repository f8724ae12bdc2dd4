package stats

import (
	"context"
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
	q, ok := itemsTerms(key)
	if !ok {
		return "", false
	}
	return q + daysTerms(d.Period.From, d.Period.To) + accountTerm(d.Account), true
}

// itemsTerms is the query of a KPI's messages, any day and channel.
func itemsTerms(key string) (q string, ok bool) {
	switch key {
	case "items_in", "ugc_share":
		q = "-is:mine -channel:feed -state:spam"
	case "sentiment_mean":
		q = "-is:mine -channel:feed -state:spam"
	case "sentiment_negative_share":
		q = "-is:mine -channel:feed -state:spam is:negative"
	case "abusive_items", "abusive_handled_share":
		q = "-is:mine -channel:feed is:abusive"
	case "items_out":
		q = "is:mine"
	case "posts_published", "engagement_per_post", "comments", "likes", "reposts", "views":
		q = "is:mine kind:vk_post"
	default:
		return "", false
	}
	return q, true
}

// SpanQuery is ItemsQuery of a KPI over some days [from, to) of the
// period (a chart's bar or point) and, with accountID set, over that
// channel's messages alone (a segment of the stacked bars).
func SpanQuery(d Dashboard, key string, from, to time.Time, accountID int64) (string, bool) {
	q, ok := itemsTerms(key)
	if !ok {
		return "", false
	}
	acct := d.Account
	for _, a := range d.Accounts {
		if accountID != 0 && a.ID == accountID {
			acct = a
		}
	}
	return q + daysTerms(from, to) + accountTerm(acct), true
}

func daysTerms(from, to time.Time) string {
	return fmt.Sprintf(" after:%s before:%s", from.Format(time.DateOnly), to.Format(time.DateOnly))
}

func accountTerm(a core.Account) string {
	if a.Name == "" {
		return ""
	}
	return ` account:"` + strings.ReplaceAll(a.Name, `"`, "") + `"`
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

// memberLists are the member numbers whose members can be listed, and
// which list of the store counts them.
var memberLists = map[string]string{
	"members_new": "new", "members_joined": "joined", "members_left": "left", "members_active": "active",
}

// ListsMembers says whether MembersBehind lists the members of a KPI.
func ListsMembers(key string) bool {
	_, ok := memberLists[key]
	return ok
}

// NamesMembers says whether a dashboard's number of a KPI is exactly the
// members MembersBehind lists: Joined and Left are not when they hold X's
// follower changes, which name no one.
func NamesMembers(d Dashboard, key string) bool {
	switch key {
	case "members_joined":
		return d.FollowersJoined == 0
	case "members_left":
		return d.FollowersLeft == 0
	}
	return ListsMembers(key)
}

// MembersBehind lists the members behind a member number of a computed
// dashboard: new, joined, left (each member once, however often) or
// active in its period, named for the member table ("Joined · November
// 2026"). A past period's active count comes from its snapshot when it
// has one; the list is who wrote in that window by the member files.
func (s *Service) MembersBehind(ctx context.Context, d Dashboard, key string) (core.MemberSet, error) {
	which, ok := memberLists[key]
	if !ok {
		return core.MemberSet{}, fmt.Errorf("stats: %s lists no members: %w", key, core.ErrNotFound)
	}
	score, err := s.scoreSettings(ctx)
	if err != nil {
		return core.MemberSet{}, err
	}
	now := !d.Period.To.Before(d.Computed)
	end := d.Period.To
	if now {
		end = d.Computed
	}
	q := core.MemberStatsQuery{From: d.Period.From, To: d.Period.To, Channel: d.Channel, AccountID: d.Query.AccountID,
		ActiveSince: end.AddDate(0, 0, -score.ActivityDays), ActiveNow: now}
	ids, err := s.store.StatsMemberIDs(ctx, q, which)
	if err != nil {
		return core.MemberSet{}, fmt.Errorf("stats: %w", err)
	}
	return core.MemberSet{Name: metricName(key) + " · " + d.Period.Label(), IDs: ids}, nil
}

func metricName(key string) string {
	for _, m := range Metrics {
		if m.Key == key {
			return m.Name
		}
	}
	return key
}

// CellQuery is the inbox query of the heatmap's cell of a weekday
// (Monday 0) and hour: the period's messages in, of the channel shown,
// written at that hour of that weekday on the zone's clock (the zone the
// query is read in, as its days are).
func CellQuery(d Dashboard, weekday, hour int) string {
	q, _ := itemsTerms("items_in")
	return q + daysTerms(d.Period.From, d.Period.To) + accountTerm(d.Account) +
		fmt.Sprintf(" weekday:%s hour:%d", strings.ToLower(time.Weekday((weekday + 1) % 7).String()[:3]), hour)
}

// BucketQuery is the inbox query of the reply-time histogram's bucket i:
// the replies sent in the period, of the channel shown, whose wait (all
// hours, as the histogram measures it) falls in the bucket.
func BucketQuery(d Dashboard, i int) string {
	var lo, hi string
	if i > 0 {
		lo = hours(bucketEdges[i-1])
	}
	if i < len(bucketEdges) {
		hi = hours(bucketEdges[i])
	}
	q, _ := itemsTerms("items_out")
	return q + " wait:" + lo + ".." + hi + daysTerms(d.Period.From, d.Period.To) + accountTerm(d.Account)
}

// RepliesQuery is the inbox query of the whole reply-time histogram: the
// period's replies, of the channel shown, that answered something (a
// second reply in a row has no wait and no bar).
func RepliesQuery(d Dashboard) string {
	q, _ := itemsTerms("items_out")
	return q + " wait:0h.." + daysTerms(d.Period.From, d.Period.To) + accountTerm(d.Account)
}

func hours(d time.Duration) string { return fmt.Sprintf("%dh", int(d/time.Hour)) }
