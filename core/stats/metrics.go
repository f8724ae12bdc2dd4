package stats

import (
	"fmt"
	"strings"
)

// Metric is one KPI: its key (the JSON key of `hearth stats --json` and
// the CSV column), its name on a tile and its definition, which the
// dashboard shows as the tile's help and docs/metrics.md lists.
type Metric struct {
	Key, Name, Help string
	Group           string
}

// Metric groups, in the order the dashboard and docs/metrics.md show them.
const (
	GroupMembers  = "Members"
	GroupVolume   = "Volume"
	GroupPosts    = "Engagement"
	GroupReplies  = "Responsiveness"
	GroupTone     = "Tone"
	GroupPlan     = "Plan adherence"
	groupsInOrder = "Members|Volume|Engagement|Responsiveness|Tone|Plan adherence"
)

// Metrics are every KPI the dashboard computes, defined once.
var Metrics = []Metric{
	{"members_total", "Members", "Every member file first seen before the end of the period (all channels, or those with an identity on the chosen one). For a past period, the count recorded in the daily snapshot of the day after it ends, when there is one.", GroupMembers},
	{"members_new", "New members", "Members first seen in the period: their first message, their join or the creation of their file, whichever came first.", GroupMembers},
	{"members_joined", "Joined", "VK membership events 'join' in the period (a person who left and came back counts once per join), and for X, which tells no one's follow, the rises of the follower count from one day to the next: a net change per day, not a count of people (five new followers and two gone on one day read as three joined).", GroupMembers},
	{"members_left", "Left", "VK membership events 'leave' in the period, and for X the falls of the follower count from one day to the next (net per day, as for Joined).", GroupMembers},
	{"audience", "Audience", "Followers of the X accounts and members of the VK communities at the end of the period (or now, for a period under way), as the channels counted them: the sync reads each count at most every 6 hours and keeps the day's latest; a day without a reading keeps the one before. A dash when no count was read by then.", GroupMembers},
	{"audience_change", "Audience change", "The audience at the end of the period minus the audience at the end of the day before it, over the accounts counted on both days.", GroupMembers},
	{"members_active", "Active members", "Members who wrote at least one message on a channel in the activity window (the member settings' activity days, 30 by default) ending with the period's last day. Days are UTC days, as the member files count them.", GroupMembers},
	{"members_drifting", "Drifting", "Members in the drifting cohort at the end of the period: they wrote before, then nothing for the drift window (30 days by default). The member table's cohort, at the period's end.", GroupMembers},
	{"dead_souls", "Dead souls", "Members in the dead-soul cohort at the end of the period: no sign of life for the dead window (90 days by default), and not new.", GroupMembers},
	{"quadrant_moved_up", "Moved up", "Members whose quadrant at the end of the period ranks higher than at its start (passer-by < critic < quiet fan < advocate), by the daily snapshots: the first day's and the day after the last (or today's).", GroupMembers},
	{"quadrant_held", "Held", "Members recorded before the period whose quadrant rank is the same at its end.", GroupMembers},
	{"quadrant_moved_down", "Moved down", "Members whose quadrant ranks lower at the period's end than before it.", GroupMembers},
	{"items_in", "Messages in", "Messages written by others in the period: e-mails, VK posts, comments and messages, X mentions and replies. Feed entries, spam and our own messages are not counted.", GroupVolume},
	{"items_out", "Messages out", "Messages we wrote in the period: replies, private messages and our own posts as the channels list them.", GroupVolume},
	{"ugc_share", "Written by members", "User-generated share: messages in divided by all messages (in and out) of the period.", GroupVolume},
	{"posts_published", "Posts published", "Posts we published in the period: the calendar's published targets (one per channel) and our wall posts made outside Hearth.", GroupPosts},
	{"engagement_per_post", "Engagement per post", "Comments, likes and reposts of the period's published posts, as the channels report them at the last sync, divided by the number of posts. Views are not counted in it.", GroupPosts},
	{"comments", "Comments", "Comments on the period's published posts, as the channel counts them.", GroupPosts},
	{"likes", "Likes", "Likes of the period's published posts.", GroupPosts},
	{"reposts", "Reposts", "Reposts, retweets and quotes of the period's published posts.", GroupPosts},
	{"views", "Views", "Views of the period's published posts, where the channel reports them (VK).", GroupPosts},
	{"first_response_median_seconds", "First response (median)", "For conversations someone else opened in the period and we answered: the time from their first message to our first reply after it. Median, all hours.", GroupReplies},
	{"first_response_p90_seconds", "First response (p90)", "The same first response times: 90% of conversations were answered faster.", GroupReplies},
	{"first_response_business_median_seconds", "First response in business hours (median)", "First response times counting only business hours (a setting: days, hours and the workspace's time zone). Median.", GroupReplies},
	{"reply_median_seconds", "Reply time (median)", "For each reply we sent in the period: its time minus the time of the oldest message from someone else in its conversation that no reply of ours followed yet. A reply that answers nothing new (a second reply in a row) is not a sample. Median, all hours.", GroupReplies},
	{"reply_p90_seconds", "Reply time (p90)", "The same reply times: 90% of replies were faster.", GroupReplies},
	{"reply_business_median_seconds", "Reply time in business hours (median)", "Reply times counting only business hours. Median.", GroupReplies},
	{"reply_business_p90_seconds", "Reply time in business hours (p90)", "Reply times counting only business hours: 90% were faster.", GroupReplies},
	{"threads_opened", "Conversations opened", "Conversations whose first message from someone else came in the period.", GroupReplies},
	{"answered_share", "Answered", "Share of the conversations opened in the period that we have written in since their first message (by now).", GroupReplies},
	{"sentiment_negative_share", "Negative messages", "Of the period's messages in that the tone analysis has read (language and sentiment, docs/tone.md), the share whose sentiment is -0.05 or below. Messages not analysed yet (the background pass after an upgrade) are left out, never counted as neutral; a dash when none is analysed.", GroupTone},
	{"sentiment_mean", "Mean sentiment", "Mean sentiment (-1 very negative to 1 very positive) of the same analysed messages in.", GroupTone},
	{"abusive_items", "Abusive messages", "Messages in of the period the tone analysis marked abusive (insults, slurs, threats), spam included.", GroupTone},
	{"abusive_handled_share", "Abusive messages handled", "Of the period's abusive messages, the share handled by now: marked done, spam or hidden, deleted, or found fine in the moderation queue.", GroupTone},
	{"plan_planned", "Planned", "The calendar's channel targets due in the period that were scheduled (drafts and skipped occurrences are not plans).", GroupPlan},
	{"plan_published", "Published as planned", "Of the planned targets due in the period, those published.", GroupPlan},
	{"plan_failed", "Failed", "Of the planned targets due in the period, those that failed.", GroupPlan},
	{"joint_projects", "Joint projects", "Campaigns marked as a joint project with the community (in the campaign's form) that run on at least one day of the period. A quarter is expected to have one; 0 for a quarter says it has none yet.", GroupPlan},
}

// Histogram buckets of reply times (all hours), in the order shown.
var Buckets = []string{"under 1 h", "1-4 h", "4-8 h", "8-24 h", "over 24 h"}

// MetricByKey returns a metric's definition; ok is false for an unknown key.
func MetricByKey(key string) (Metric, bool) {
	for _, m := range Metrics {
		if m.Key == key {
			return m, true
		}
	}
	return Metric{}, false
}

// Help is a metric's definition, for a tooltip; empty for an unknown key.
func Help(key string) string {
	m, _ := MetricByKey(key)
	return m.Help
}

// MetricsMarkdown is docs/metrics.md: every definition, grouped, with its
// key. A test keeps the file equal to it.
func MetricsMarkdown() string {
	var b strings.Builder
	b.WriteString("# Dashboard metrics\n\n")
	b.WriteString("Every number of the dashboard, of `hearth stats --json` and of the reports, defined once in\n")
	b.WriteString("core/stats/metrics.go (this file is generated from it; `go test ./core/stats -update` rewrites it).\n")
	b.WriteString("A period is a run of whole days in the workspace's time zone (a setting, like the business\n")
	b.WriteString("hours): a week (Monday first), a month, a quarter or any days, compared with the period of the\n")
	b.WriteString("same kind just before. A channel filter keeps one account's messages, posts and events, and\n")
	b.WriteString("the members with an identity of that account's kind.\n")
	for _, g := range strings.Split(groupsInOrder, "|") {
		fmt.Fprintf(&b, "\n## %s\n\n", g)
		for _, m := range Metrics {
			if m.Group == g {
				fmt.Fprintf(&b, "- **%s** (`%s`): %s\n", m.Name, m.Key, m.Help)
			}
		}
	}
	b.WriteString("\n## Charts\n\n")
	b.WriteString("- **Audience**: each X account's followers and each VK community's members at the end of every day of the period; the CSV's day rows hold the same numbers.\n")
	b.WriteString("- **Messages per day**: messages in and out per day of the period, per channel; the CSV's day rows hold the same numbers.\n")
	b.WriteString("- **Heatmap**: messages in by weekday and hour of the workspace's clock.\n")
	b.WriteString("- **Reply times**: the period's reply times (all hours) in five buckets: " + strings.Join(Buckets, ", ") + ".\n")
	b.WriteString("- **Negative messages per week**: the share of analysed messages in that read negative, per week (Monday first; the period's first and last weeks may be short), in all and per channel; a week with no analysed message has no point. The CSV's week rows hold the same numbers.\n")
	b.WriteString("- **Agendas and campaigns**: published posts and their engagement per agenda and per campaign.\n")
	b.WriteString("- **Top posts**: the period's posts with the most comments, likes and reposts.\n")
	b.WriteString("- **Top advocates and critics**: the most active members of those quadrants now.\n")
	return b.String()
}
