package stats

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Value is one KPI's number. Known is false when there is nothing to
// measure it on (no reply in the period has no median) or when it is not
// measured yet (tone): such a value is shown as a dash or "not measured
// yet", never as 0.
type Value struct {
	Num   float64
	Known bool
}

func count(n int) Value             { return Value{float64(n), true} }
func number(f float64) Value        { return Value{f, true} }
func seconds(d time.Duration) Value { return Value{math.Round(d.Seconds()), true} }

// KPIs are the period's numbers by metric key (see Metrics).
type KPIs map[string]Value

// Change is how a KPI moved against the previous period: the difference,
// and the relative change when the previous value was not zero.
func (k KPIs) Change(prev KPIs, key string) (diff, rel float64, ok bool) {
	a, b := k[key], prev[key]
	if !a.Known || !b.Known {
		return 0, 0, false
	}
	diff = a.Num - b.Num
	if b.Num != 0 {
		rel = diff / math.Abs(b.Num)
	}
	return diff, rel, true
}

// Unit says how a metric's number reads: "count", "share" (0 to 1),
// "seconds" or "number".
func Unit(key string) string {
	switch {
	case strings.HasSuffix(key, "_seconds"):
		return "seconds"
	case strings.HasSuffix(key, "_share"):
		return "share"
	case key == "engagement_per_post" || key == "sentiment_mean":
		return "number"
	}
	return "count"
}

// Day is one day of the period (midnight in the workspace's zone): what
// was written in and out, in all and per account.
type Day struct {
	Date    time.Time
	In, Out int
	// The tone of the day's messages in, in all and per account.
	Tone        ToneCount
	AccountTone map[int64]ToneCount
	AccountIn   map[int64]int
	AccountOut  map[int64]int
	// Audience is each X and VK account's followers or members at the
	// end of the day, where a count was read by then.
	Audience map[int64]int64
}

// ToneCount is the tone of some messages in: how many the analysis has
// read (Toned), how many of those read negative, and the sum of their
// sentiments in thousandths.
type ToneCount struct {
	Toned, Negative int
	SentimentMilli  int64
}

// NegativeShare is the share of the analysed messages that read negative;
// ok is false when none is analysed.
func (t ToneCount) NegativeShare() (share float64, ok bool) {
	if t.Toned == 0 {
		return 0, false
	}
	return float64(t.Negative) / float64(t.Toned), true
}

// Mean is the analysed messages' mean sentiment; ok is false when none is
// analysed.
func (t ToneCount) Mean() (mean float64, ok bool) {
	if t.Toned == 0 {
		return 0, false
	}
	return float64(t.SentimentMilli) / 1000 / float64(t.Toned), true
}

func (t *ToneCount) add(o ToneCount) {
	t.Toned += o.Toned
	t.Negative += o.Negative
	t.SentimentMilli += o.SentimentMilli
}

// ToneWeek is the tone of the days of one week (Monday first) of a period,
// in all and per account; the period's first and last weeks may be short.
type ToneWeek struct {
	From        time.Time // the first day of the period in the week
	Tone        ToneCount
	AccountTone map[int64]ToneCount
}

// ToneWeeks groups a period's days into weeks, for the tone chart and its CSV
// rows.
func ToneWeeks(days []Day) []ToneWeek {
	var out []ToneWeek
	for _, d := range days {
		if len(out) == 0 || d.Date.Weekday() == time.Monday {
			out = append(out, ToneWeek{From: d.Date, AccountTone: map[int64]ToneCount{}})
		}
		w := &out[len(out)-1]
		w.Tone.add(d.Tone)
		for id, t := range d.AccountTone {
			at := w.AccountTone[id]
			at.add(t)
			w.AccountTone[id] = at
		}
	}
	return out
}

// Group is the engagement of the posts of one agenda or campaign.
type Group struct {
	Name       string
	ID         int64 // the campaign's
	Posts      int
	Engagement int // comments + likes + reposts
	Views      int
}

// Dashboard is everything the dashboard screen and the reports show for a
// query.
type Dashboard struct {
	Query    Query
	Account  core.Account // the chosen channel; zero for all
	Channel  core.IdentityKind
	Zone     string
	Period   Period
	Previous Period
	KPIs     KPIs
	Prior    KPIs // the previous period's
	// Estimated is set when a past period's member totals and cohorts
	// had no snapshot and were computed from today's member files.
	Estimated bool
	Accounts  []core.Account // the channels in the day series
	Days      []Day
	Heatmap   [7][24]int // messages in, Monday first, by hour of the zone
	Histogram []int      // reply times (all hours) by Buckets
	Posts     []core.PostStat
	TopPosts  []core.PostStat
	Agendas   []Group
	Campaigns []Group
	Replies   []core.ReplyWait   // the period's replies with what they answered
	Messages  []core.MessageStat // the period's messages in and out (Query.Rows)
	Moves     []core.QuadrantMove
	// FollowersJoined and FollowersLeft are the parts of Joined and Left
	// that are X's day-to-day follower changes: numbers, not people, so
	// the member table cannot list them.
	FollowersJoined, FollowersLeft int
	Advocates                      []core.Member
	Critics                        []core.Member
	Computed                       time.Time
}

// Engagement is what a post drew: comments, likes and reposts.
func Engagement(st core.ItemStats) int { return st.Comments + st.Likes + st.Reposts }

// Dashboard computes the KPIs of q's period and of the one before, and the
// charts of q's period.
func (s *Service) Dashboard(ctx context.Context, q Query) (Dashboard, error) {
	cs, err := s.Settings(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	loc, _ := time.LoadLocation(cs.Zone) // Settings validated it
	score, err := s.scoreSettings(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	acct, channel, err := s.channelOf(ctx, q.AccountID)
	if err != nil {
		return Dashboard{}, err
	}
	p := inZone(q.Period, loc)
	d := Dashboard{Query: q, Account: acct, Channel: channel, Zone: cs.Zone, Period: p,
		Previous: comparedWith(p, s.now().In(loc)), Computed: s.now()}
	c := calc{s: s, cs: cs, loc: loc, score: score, account: q.AccountID, channel: channel, now: s.now(),
		rows: q.Rows}
	if d.KPIs, err = c.kpis(ctx, p, &d); err != nil {
		return d, err
	}
	if d.Prior, err = c.kpis(ctx, d.Previous, nil); err != nil {
		return d, err
	}
	if err := c.topMembers(ctx, &d); err != nil {
		return d, err
	}
	if d.Accounts, err = s.store.Accounts(ctx); err != nil {
		return d, fmt.Errorf("stats: accounts: %w", err)
	}
	return d, nil
}

// comparedWith is the period a period is compared with: the one before,
// or, while p is under way, as many of its first days as p has begun
// (the first five days of this month against the first five of the last),
// so that a month that has just begun is not set against a whole one.
func comparedWith(p Period, now time.Time) Period {
	prev := p.Previous()
	today := midnight(now)
	if today.Before(p.From) || !today.Before(p.To) {
		return prev
	}
	begun := 0
	for day := p.From; !day.After(today); day = day.AddDate(0, 0, 1) {
		begun++
	}
	if to := prev.From.AddDate(0, 0, begun); to.Before(prev.To) {
		return Period{Custom, prev.From, to}
	}
	return prev
}

// inZone rebuilds a period's midnights in loc (a period parsed in another
// zone keeps its calendar days).
func inZone(p Period, loc *time.Location) Period {
	f, t := p.From, p.To
	p.From = time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc)
	p.To = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	return p
}

// calc computes one dashboard.
type calc struct {
	s       *Service
	cs      Settings
	loc     *time.Location
	score   core.ScoreSettings
	account int64
	channel core.IdentityKind
	now     time.Time
	rows    bool // list each reply (exports)
}

// kpis computes a period's numbers; with d set, also its charts.
func (c calc) kpis(ctx context.Context, p Period, d *Dashboard) (KPIs, error) {
	k := KPIs{}
	steps := []func(context.Context, Period, KPIs, *Dashboard) error{
		c.items, c.members, c.audience, c.moves, c.plan,
	}
	for _, step := range steps {
		if err := step(ctx, p, k, d); err != nil {
			return k, err
		}
	}
	return k, nil
}

// items computes the KPIs the items give from the period's day summaries;
// with d set, also the day series, the heatmap, the histogram and the
// posts (and, for exports, each reply).
func (c calc) items(ctx context.Context, p Period, k KPIs, d *Dashboard) error {
	days, err := c.periodDays(ctx, p)
	if err != nil {
		return err
	}
	t := addDays(days, c.account)
	k["items_in"], k["items_out"] = count(t.In), count(t.Out)
	k["ugc_share"] = Value{}
	if t.In+t.Out > 0 {
		k["ugc_share"] = number(float64(t.In) / float64(t.In+t.Out))
	}
	var reply, replyBiz, first, firstBiz []time.Duration
	for _, w := range t.Replies {
		reply, replyBiz = append(reply, w.All), append(replyBiz, w.Biz)
	}
	for _, w := range t.Firsts {
		first, firstBiz = append(first, w.All), append(firstBiz, w.Biz)
	}
	for _, ds := range [][]time.Duration{reply, replyBiz, first, firstBiz} {
		slices.Sort(ds)
	}
	k["reply_median_seconds"], k["reply_p90_seconds"] = percentile(reply, 0.5), percentile(reply, 0.9)
	k["reply_business_median_seconds"], k["reply_business_p90_seconds"] = percentile(replyBiz, 0.5), percentile(replyBiz, 0.9)
	k["first_response_median_seconds"], k["first_response_p90_seconds"] = percentile(first, 0.5), percentile(first, 0.9)
	k["first_response_business_median_seconds"] = percentile(firstBiz, 0.5)
	k["threads_opened"], k["answered_share"] = count(t.Opened), Value{}
	if t.Opened > 0 {
		k["answered_share"] = number(float64(t.Answered) / float64(t.Opened))
	}
	tone(t.Tone, k)
	r := t.Reactions
	k["posts_published"] = count(t.Posts)
	k["comments"], k["likes"], k["reposts"], k["views"] = count(r.Comments), count(r.Likes), count(r.Reposts), count(r.Views)
	k["engagement_per_post"] = Value{}
	if t.Posts > 0 {
		k["engagement_per_post"] = number(float64(Engagement(r)) / float64(t.Posts))
	}
	if d == nil {
		return nil
	}
	d.Days, d.Heatmap, d.Histogram = begunDays(t.Days, c.now.In(c.loc)), t.Heatmap, histogram(reply)
	if err := c.postRows(ctx, p, d); err != nil {
		return err
	}
	if c.rows {
		return c.replyRows(ctx, p, d)
	}
	return nil
}

// tone sets the tone KPIs; a share or mean of nothing is unknown (no
// message analysed yet is not "0% negative").
func tone(t toneSum, k KPIs) {
	k["sentiment_negative_share"], k["sentiment_mean"] = Value{}, Value{}
	c := ToneCount{t.Toned, t.Negative, t.SentimentMilli}
	if share, ok := c.NegativeShare(); ok {
		k["sentiment_negative_share"] = number(share)
	}
	if mean, ok := c.Mean(); ok {
		k["sentiment_mean"] = number(mean)
	}
	k["abusive_items"], k["abusive_handled_share"] = count(t.Abusive), Value{}
	if t.Abusive > 0 {
		k["abusive_handled_share"] = number(float64(t.Handled) / float64(t.Abusive))
	}
}

func (c calc) members(ctx context.Context, p Period, k KPIs, d *Dashboard) error {
	if !c.channel.HasMember() && c.channel != "" {
		for _, key := range []string{"members_total", "members_new", "members_joined", "members_left",
			"members_active", "members_drifting", "dead_souls"} {
			k[key] = count(0)
		}
		return nil
	}
	now := !p.To.Before(c.now)
	end := p.To
	if now {
		end = c.now
	}
	// A past period: the snapshot of the day after it knows what the
	// files no longer tell (members merged or gone since, cohorts and
	// activity then).
	var (
		sn    core.Snapshot
		snErr error = core.ErrNotFound
	)
	if !now {
		sn, snErr = c.s.store.Snapshot(ctx, p.To.Format(time.DateOnly), c.channel)
		if snErr != nil && !errors.Is(snErr, core.ErrNotFound) {
			return fmt.Errorf("stats: %w", snErr)
		}
		if snErr != nil && d != nil {
			d.Estimated = true
		}
	}
	q := core.MemberStatsQuery{From: p.From, To: p.To, Channel: c.channel, AccountID: c.account,
		ActiveSince: end.AddDate(0, 0, -c.score.ActivityDays), ActiveNow: now, Snapshot: snErr == nil,
		Bounds: core.CohortBoundsAt(end, c.score)}
	m, err := c.s.store.StatsMembers(ctx, q)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	total, active, cohorts := m.Total, m.Active, m.Cohorts
	if snErr == nil {
		total, active, cohorts = sn.Total, sn.Active, sn.Cohorts
	}
	k["members_total"], k["members_new"] = count(total), count(m.New)
	k["members_joined"], k["members_left"] = count(m.Joined), count(m.Left)
	k["members_active"] = count(active)
	k["members_drifting"], k["dead_souls"] = count(cohorts[core.CohortDrifting]), count(cohorts[core.CohortDeadSoul])
	return nil
}

// quadrantRank orders the quadrants for "moved up": warmth counts more
// than activity.
var quadrantRank = map[core.Quadrant]int{
	core.QuadrantPasserBy: 0, core.QuadrantCritic: 1, core.QuadrantQuietFan: 2, core.QuadrantAdvocate: 3,
}

func (c calc) moves(ctx context.Context, p Period, k KPIs, d *Dashboard) error {
	end := p.To
	if today := midnight(c.now.In(c.loc)); end.After(today) {
		end = today
	}
	fromDay, toDay := p.From.Format(time.DateOnly), end.Format(time.DateOnly)
	keys := []string{"quadrant_moved_up", "quadrant_held", "quadrant_moved_down"}
	start, err := c.s.store.LatestSnapshot(ctx, fromDay, c.channel)
	if errors.Is(err, core.ErrNotFound) {
		for _, key := range keys {
			k[key] = Value{} // nothing recorded before the period: no moves to tell
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	moves, err := c.s.quadrantMoves(ctx, fromDay, toDay, c.channel)
	if err != nil {
		return err
	}
	held := start.Total
	up, down := 0, 0
	for _, mv := range moves {
		switch {
		case mv.From == "":
		case quadrantRank[mv.To] > quadrantRank[mv.From]:
			up += mv.Members
		case quadrantRank[mv.To] < quadrantRank[mv.From]:
			down += mv.Members
		}
	}
	// Members recorded at the start and merged away since are not
	// subtracted: held is at most a few too many.
	k["quadrant_moved_up"], k["quadrant_held"], k["quadrant_moved_down"] = count(up), count(max(held-up-down, 0)), count(down)
	if d != nil {
		d.Moves = moves
	}
	return nil
}

// begunDays are the days up to today: a period under way shows no
// future days (as if nothing would happen on them).
func begunDays(days []Day, now time.Time) []Day {
	today := midnight(now)
	for i, d := range days {
		if d.Date.After(today) {
			return days[:i]
		}
	}
	return days
}

// replyRows lists the period's messages, and its replies with what each
// answered.
func (c calc) replyRows(ctx context.Context, p Period, d *Dashboard) error {
	msgs, err := c.s.store.StatsMessages(ctx, p.From, p.To, c.account)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	d.Messages = msgs
	waits, err := c.s.store.StatsReplyWaits(ctx, p.From, p.To, c.account)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	for _, w := range waits {
		if !w.At.Before(p.From) && w.At.Before(p.To) {
			d.Replies = append(d.Replies, w)
		}
	}
	return nil
}

// percentile is the nearest-rank percentile of sorted samples: the
// smallest sample with at least the share p of samples at or below it (the
// median of 4 samples is the 2nd). No samples: unknown.
func percentile(sorted []time.Duration, p float64) Value {
	if len(sorted) == 0 {
		return Value{}
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return seconds(sorted[max(i, 0)])
}

// bucketEdges are the upper bounds of the histogram's buckets.
var bucketEdges = []time.Duration{time.Hour, 4 * time.Hour, 8 * time.Hour, 24 * time.Hour}

// BucketOf is the histogram bucket of a wait: under 1 h is [0, 1 h).
func BucketOf(w time.Duration) int {
	for i, e := range bucketEdges {
		if w < e {
			return i
		}
	}
	return len(bucketEdges)
}

func histogram(ds []time.Duration) []int {
	h := make([]int, len(Buckets))
	for _, w := range ds {
		h[BucketOf(w)]++
	}
	return h
}

// postRows lists the period's posts, the top ones and their groups.
func (c calc) postRows(ctx context.Context, p Period, d *Dashboard) error {
	posts, err := c.s.store.StatsPosts(ctx, p.From, p.To, c.account)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	d.Posts = posts
	d.TopPosts = topPosts(posts, 5)
	d.Agendas, d.Campaigns = groups(posts)
	return nil
}

func topPosts(posts []core.PostStat, n int) []core.PostStat {
	top := slices.Clone(posts)
	slices.SortStableFunc(top, func(a, b core.PostStat) int { return Engagement(b.Stats) - Engagement(a.Stats) })
	return top[:min(n, len(top))]
}

// groups sums the posts per agenda (the three, then none) and per
// campaign (by name).
func groups(posts []core.PostStat) (agendas, campaigns []Group) {
	for _, a := range append(slices.Clone(core.Agendas), core.AgendaNone) {
		g := Group{Name: AgendaName(a)}
		for _, ps := range posts {
			if ps.Agenda == a {
				g.add(ps)
			}
		}
		agendas = append(agendas, g)
	}
	byID := map[int64]int{}
	for _, ps := range posts {
		if ps.CampaignID == 0 {
			continue
		}
		i, ok := byID[ps.CampaignID]
		if !ok {
			i = len(campaigns)
			byID[ps.CampaignID] = i
			campaigns = append(campaigns, Group{Name: ps.Campaign, ID: ps.CampaignID})
		}
		campaigns[i].add(ps)
	}
	return agendas, campaigns
}

func (g *Group) add(ps core.PostStat) {
	g.Posts++
	g.Engagement += Engagement(ps.Stats)
	g.Views += ps.Stats.Views
}

// AgendaName is an agenda in words.
func AgendaName(a core.Agenda) string {
	switch a {
	case core.AgendaProject:
		return "Joint project"
	case core.AgendaNews:
		return "Outside news"
	case core.AgendaLife:
		return "Community life"
	}
	return "No agenda"
}

func (c calc) plan(ctx context.Context, p Period, k KPIs, _ *Dashboard) error {
	pc, err := c.s.store.StatsPlan(ctx, p.From, p.To, c.account)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	k["plan_planned"], k["plan_published"], k["plan_failed"] = count(pc.Planned), count(pc.Published), count(pc.Failed)
	// Campaigns are civil days at midnight UTC, whatever the zone.
	civil := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	cs, err := c.s.store.Campaigns(ctx, civil(p.From), civil(p.Last()))
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	joint := 0
	for _, camp := range cs {
		if camp.Joint {
			joint++
		}
	}
	k["joint_projects"] = count(joint)
	return nil
}

// topMembers are the most active advocates and critics now.
func (c calc) topMembers(ctx context.Context, d *Dashboard) error {
	b := core.CohortBoundsAt(c.now, c.score)
	for _, t := range []struct {
		q   core.Quadrant
		out *[]core.Member
	}{{core.QuadrantAdvocate, &d.Advocates}, {core.QuadrantCritic, &d.Critics}} {
		f := core.MemberFilter{Quadrant: t.q, Channel: c.channel, Sort: core.SortActivity, Desc: true, Limit: 5}
		if c.channel != "" && !c.channel.HasMember() {
			continue
		}
		page, err := c.s.store.Members(ctx, f, b)
		if err != nil {
			return fmt.Errorf("stats: top %s: %w", t.q, err)
		}
		*t.out = page.Members
	}
	return nil
}
