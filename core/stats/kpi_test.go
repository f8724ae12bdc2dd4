package stats_test

import (
	"context"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/stats"
)

// known is a value the test expects to be measured.
func known(n float64) stats.Value { return stats.Value{Num: n, Known: true} }

var unknown = stats.Value{}

func TestKPIsOctober(t *testing.T) {
	f := newFixture(t)
	d, err := f.svc.Dashboard(context.Background(), stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	want := stats.KPIs{
		// Mail: t1, t2a, t2b, t2c, t3 (spam and September's t4 out); VK:
		// the comment. Out: five mail replies and the wall post.
		"items_in": known(6), "items_out": known(6), "ugc_share": known(0.5),
		// Anna, Boris, Chloé, the spam bot, Мария (wrote) and Пётр
		// (joined) are new; Dmitri (September) makes seven.
		"members_total": known(7), "members_new": known(6),
		"members_joined": known(3), "members_left": known(1),
		// Wrote between 2 and 31 October: Anna, Boris, Chloé, the bot, Мария.
		"members_active": known(5),
		// Dmitri last wrote on 30 September, 32 days before 1 November.
		"members_drifting": known(1), "dead_souls": known(0),
		// Replies of October: 20 min (t2r2), 1 h (t2r1), 24 h (t4r),
		// 65.5 h (t1r); nearest rank: median the 2nd, p90 the 4th.
		"reply_median_seconds": known(3600), "reply_p90_seconds": known(235800),
		// In business hours: 20 min, 1 h, 1.5 h (Fri 17-18, Mon 9-9:30
		// across the weekend and the DST change), 9 h (Wed 10-18, Thu 9-10).
		"reply_business_median_seconds": known(3600), "reply_business_p90_seconds": known(32400),
		// Conversations opened in October and answered: t2 (1 h), t1
		// (65.5 h; 1.5 h in business hours).
		"first_response_median_seconds": known(3600), "first_response_p90_seconds": known(235800),
		"first_response_business_median_seconds": known(3600),
		// t1, t2, t3 and the wall post's comment; t1 and t2 answered.
		"threads_opened": known(4), "answered_share": known(0.5),
		"posts_published": known(1), "engagement_per_post": known(13),
		"comments": known(2), "likes": known(10), "reposts": known(1), "views": known(100),
		"plan_planned": known(3), "plan_published": known(1), "plan_failed": known(1),
		// Осенний проект, the joint project, runs from 1 October.
		"joint_projects": known(1),
		// No snapshot before October: no moves to tell.
		"quadrant_moved_up": unknown, "quadrant_held": unknown, "quadrant_moved_down": unknown,
		"sentiment_negative_share": unknown, "sentiment_mean": unknown, "abusive_items": known(0),
	}
	checkKPIs(t, d.KPIs, want)
	if got, wantH := d.Histogram, []int{1, 1, 0, 0, 2}; !equalInts(got, wantH) {
		t.Errorf("histogram %v, want %v (20 min; 1 h; 24 h and 65.5 h over 24 h)", got, wantH)
	}
	prior := stats.KPIs{
		"items_in": known(1), "items_out": known(0), "members_total": known(1), "members_new": known(1),
		"first_response_median_seconds": known(86400), "first_response_business_median_seconds": known(32400),
		"reply_median_seconds": unknown, "threads_opened": known(1), "answered_share": known(1),
		"posts_published": known(0), "engagement_per_post": unknown, "joint_projects": known(0),
	}
	checkKPIs(t, d.Prior, prior)
	if !d.Estimated {
		t.Error("September has no snapshot: its member numbers should be marked estimated")
	}
}

func TestKPIsOneChannel(t *testing.T) {
	f := newFixture(t)
	d, err := f.svc.Dashboard(context.Background(), stats.Query{Period: october(), AccountID: f.vk.ID})
	if err != nil {
		t.Fatal(err)
	}
	checkKPIs(t, d.KPIs, stats.KPIs{
		"items_in": known(1), "items_out": known(1), "ugc_share": known(0.5),
		"members_total": known(2), "members_new": known(2), "members_active": known(1),
		"members_joined": known(3), "members_left": known(1),
		"threads_opened": known(1), "answered_share": known(0), "reply_median_seconds": unknown,
		"posts_published": known(1), "plan_planned": known(3),
	})
	m, err := f.svc.Dashboard(context.Background(), stats.Query{Period: october(), AccountID: f.mail.ID})
	if err != nil {
		t.Fatal(err)
	}
	checkKPIs(t, m.KPIs, stats.KPIs{
		"items_in": known(5), "items_out": known(5), "members_joined": known(0),
		"posts_published": known(0), "plan_planned": known(0), "reply_median_seconds": known(3600),
	})
}

func checkKPIs(t *testing.T, got, want stats.KPIs) {
	t.Helper()
	for key, w := range want {
		if _, ok := stats.MetricByKey(key); !ok {
			t.Errorf("%s: no such metric", key)
		}
		g, ok := got[key]
		switch {
		case !ok:
			t.Errorf("%s missing", key)
		case g.Known != w.Known || (w.Known && !near(g.Num, w.Num)):
			t.Errorf("%s = %+v, want %+v", key, g, w)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Messages arrive in any order: a question synced after our reply (with
// an earlier time) joins the wait of that reply, and one marked spam
// leaves it.
func TestReplyWaitsLateAndSpam(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.add(t, f.mail.ID, core.Batch{Items: []core.Item{
		mail("l1", "zoe", at(10, 8, 10, 0)),
		ours(mail("l1r", "us", at(10, 8, 12, 0), "l1")),
	}})
	replyWait := func() time.Duration {
		t.Helper()
		waits, err := f.st.StatsReplyWaits(ctx, at(10, 8, 0, 0), at(10, 9, 0, 0), f.mail.ID)
		if err != nil || len(waits) != 1 {
			t.Fatalf("waits %+v, %v; want one", waits, err)
		}
		return waits[0].At.Sub(waits[0].Since)
	}
	if w := replyWait(); w != 2*time.Hour {
		t.Fatalf("wait %v, want 2h", w)
	}
	f.add(t, f.mail.ID, core.Batch{Items: []core.Item{mail("l0", "zoe", at(10, 8, 9, 0), "l1")}})
	if w := replyWait(); w != 3*time.Hour {
		t.Errorf("after a late earlier message: wait %v, want 3h", w)
	}
	late, err := f.st.ItemByRemoteID(ctx, f.mail.ID, "l0")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.SetState(ctx, late.ID, core.StateSpam, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if w := replyWait(); w != 2*time.Hour {
		t.Errorf("after the early message went to spam: wait %v, want 2h", w)
	}
}

// The members behind a member number are the ones it counts: new, active,
// joined and left (a member who joined twice is listed once), and the
// member table shows exactly them.
func TestMembersBehind(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d, err := f.svc.Dashboard(ctx, stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]int{"members_new": 6, "members_active": 5, "members_joined": 2, "members_left": 1} {
		set, err := f.svc.MembersBehind(ctx, d, key)
		if err != nil {
			t.Fatal(err)
		}
		if len(set.IDs) != want || set.Name == "" {
			t.Errorf("%s: %d members named %q, want %d", key, len(set.IDs), set.Name, want)
		}
		page, err := f.mem.List(ctx, core.MemberFilter{Set: &set})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != len(set.IDs) {
			t.Errorf("%s: the member table lists %d of its %d members", key, page.Total, len(set.IDs))
		}
	}
	if _, err := f.svc.MembersBehind(ctx, d, "items_in"); err == nil {
		t.Error("messages in listed members")
	}
	empty := core.MemberSet{Name: "nobody", IDs: []int64{}}
	if page, err := f.mem.List(ctx, core.MemberFilter{Set: &empty}); err != nil || page.Total != 0 {
		t.Errorf("an empty set lists %d members (%v), want none", page.Total, err)
	}
}

// A post edited after it was published, in the calendar and on the
// channel, is still one post of its day: the edit changes its words and
// the reactions read at the next sync, not how many posts were published,
// when, or the plan.
func TestPostEditedAfterPublishing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d, err := f.svc.Dashboard(ctx, stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Posts) != 1 || d.Posts[0].PostID == 0 {
		t.Fatalf("posts %+v, want the one published from the calendar", d.Posts)
	}
	// On 2 November the text and agenda are changed in Hearth...
	f.now = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	p, err := f.st.Post(ctx, d.Posts[0].PostID)
	if err != nil {
		t.Fatal(err)
	}
	p.Text, p.Agenda = "Встреча в субботу, в 15:00!", core.AgendaLife
	if err := f.st.SavePost(ctx, p); err != nil {
		t.Fatal(err)
	}
	// ...and on VK, whose next sync brings the edited post back with
	// its reactions since.
	edited := core.Item{Kind: core.ItemVKPost, RemoteID: "post:-1_7", Text: "Встреча в субботу, в 15:00!",
		CreatedAt: at(10, 10, 12, 0).UTC(), Author: core.Person{Name: "Клуб", Address: "-1"}, Outgoing: true,
		State: core.StateDone, Seen: true, Stats: core.ItemStats{Likes: 12, Comments: 3, Reposts: 1, Views: 150}}
	f.add(t, f.vk.ID, core.Batch{Items: []core.Item{edited}})
	d, err = f.svc.Dashboard(ctx, stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	checkKPIs(t, d.KPIs, stats.KPIs{
		// One post, one wall post out: the edit adds neither.
		"posts_published": known(1), "items_out": known(6), "items_in": known(6),
		// 12 + 3 + 1 over one post; views are not engagement.
		"engagement_per_post": known(16), "likes": known(12), "comments": known(3), "reposts": known(1),
		"views":        known(150),
		"plan_planned": known(3), "plan_published": known(1), "plan_failed": known(1),
	})
	if len(d.Posts) != 1 || d.Posts[0].Text != p.Text || !d.Posts[0].At.Equal(at(10, 10, 12, 0)) {
		t.Errorf("posts %+v, want the edited text at its publishing time, 10 October 12:00", d.Posts)
	}
	if day := d.Days[9]; !day.Date.Equal(at(10, 10, 0, 0)) || day.AccountOut[f.vk.ID] != 1 {
		t.Errorf("10 October: %+v, want the VK post out on its day", day)
	}
	for _, g := range d.Agendas {
		want := 0
		if g.Name == stats.AgendaName(core.AgendaLife) {
			want = 1
		}
		if g.Posts != want {
			t.Errorf("agenda %s: %d posts, want %d (the post now serves community life)", g.Name, g.Posts, want)
		}
	}
}

// A bar of a day chart opens exactly its messages: each October day's
// query finds as many messages in as the day counts, in all and on the
// VK community alone; a week of the tone chart its negative ones.
func TestSpanQueryListsTheDay(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d, err := f.svc.Dashboard(ctx, stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	found := func(q string) int {
		t.Helper()
		items, err := f.st.Search(ctx, q, core.ItemFilter{States: core.States, Now: f.now.In(paris), Limit: 1000})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return len(items)
	}
	total := 0
	for _, day := range d.Days {
		q, ok := stats.SpanQuery(d, "items_in", day.Date, day.Date.AddDate(0, 0, 1), 0)
		if !ok {
			t.Fatal("no query for messages in")
		}
		if n := found(q); n != day.In {
			t.Errorf("%s: %q finds %d, the day counts %d", day.Date.Format(time.DateOnly), q, n, day.In)
		}
		vk, _ := stats.SpanQuery(d, "items_in", day.Date, day.Date.AddDate(0, 0, 1), f.vk.ID)
		if n := found(vk); n != day.AccountIn[f.vk.ID] {
			t.Errorf("%s on VK: %q finds %d, the day counts %d", day.Date.Format(time.DateOnly), vk, n, day.AccountIn[f.vk.ID])
		}
		total += day.In
	}
	// 6 October holds Boris's three questions; 10 October Мария's comment on VK.
	if total != 6 || d.Days[5].In != 3 || d.Days[9].AccountIn[f.vk.ID] != 1 {
		t.Errorf("October's days count %d in, %d on the 6th, %d on VK the 10th; want 6, 3, 1", total, d.Days[5].In, d.Days[9].AccountIn[f.vk.ID])
	}
	if q, _ := stats.SpanQuery(d, "sentiment_negative_share", at(10, 5, 0, 0), at(10, 12, 0, 0), 0); q !=
		"-is:mine -channel:feed -state:spam is:negative after:2026-10-05 before:2026-10-12" {
		t.Errorf("the week of 5 October: %q", q)
	}
}
