package stats_test

import (
	"context"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/stats"
)

// An X account's followers as the sync read them (Paris times), across
// the edges of October: the count before the period is its start, a day
// read twice keeps its later reading, a day not read keeps the day
// before's, and a reading just after midnight in Paris (still October in
// UTC) belongs to November.
func TestAudienceAcrossPeriods(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	x := f.account(t, core.Account{Kind: core.KindX, Name: "@hearth"})
	for _, r := range []struct {
		at time.Time
		n  int64
	}{
		{at(time.September, 30, 20, 0), 100},
		{at(time.October, 1, 8, 0), 104},
		{at(time.October, 1, 20, 0), 103},
		// 2 October: not read (the sync did not run).
		{at(time.October, 3, 10, 0), 98},
		{at(time.October, 10, 10, 0), 110},
		{at(time.October, 31, 23, 30), 120},
		{at(time.November, 1, 0, 30), 90},
	} {
		if err := f.svc.RecordAudience(ctx, x.ID, r.n, r.at); err != nil {
			t.Fatal(err)
		}
	}
	last, err := f.svc.LastAudience(ctx, x.ID)
	if err != nil || !last.Equal(at(time.November, 1, 0, 30)) {
		t.Errorf("last reading at %v (%v), want 1 November 00:30 in Paris", last, err)
	}

	d, err := f.svc.Dashboard(ctx, stats.Query{Period: october(), AccountID: x.ID})
	if err != nil {
		t.Fatal(err)
	}
	// October, by hand: 100 → 103 on the 1st (+3), 103 on the 2nd, 98 on
	// the 3rd (-5), 110 on the 10th (+12), 120 on the 31st (+10).
	want := map[string]stats.Value{
		"audience": {Num: 120, Known: true}, "audience_change": {Num: 20, Known: true},
		"members_joined": {Num: 25, Known: true}, "members_left": {Num: 5, Known: true},
	}
	for key, v := range want {
		if d.KPIs[key] != v {
			t.Errorf("October %s = %+v, want %+v", key, d.KPIs[key], v)
		}
	}
	// September has its last day's reading and nothing before it: an
	// audience, no change, no rise or fall.
	if d.Prior["audience"] != (stats.Value{Num: 100, Known: true}) || d.Prior["audience_change"].Known ||
		d.Prior["members_joined"].Num != 0 || d.Prior["members_left"].Num != 0 {
		t.Errorf("September: audience %+v, change %+v, joined %+v, left %+v; want 100, unknown, 0, 0",
			d.Prior["audience"], d.Prior["audience_change"], d.Prior["members_joined"], d.Prior["members_left"])
	}
	days := map[int]int64{1: 103, 2: 103, 3: 98, 9: 98, 10: 110, 30: 110, 31: 120}
	for day, n := range days {
		if got, ok := d.Days[day-1].Audience[x.ID]; !ok || got != n {
			t.Errorf("%d October: audience %d (%v), want %d", day, got, ok, n)
		}
	}

	// November is under way (the 5th): 90 since the 1st, down 30.
	nov, err := f.svc.Dashboard(ctx, stats.Query{Period: stats.Period{Kind: stats.Month,
		From: at(time.November, 1, 0, 0), To: at(time.December, 1, 0, 0)}, AccountID: x.ID})
	if err != nil {
		t.Fatal(err)
	}
	if nov.KPIs["audience"].Num != 90 || nov.KPIs["audience_change"].Num != -30 ||
		nov.KPIs["members_left"].Num != 30 || nov.KPIs["members_joined"].Num != 0 {
		t.Errorf("November: audience %+v, change %+v, joined %+v, left %+v; want 90, -30, 0, 30",
			nov.KPIs["audience"], nov.KPIs["audience_change"], nov.KPIs["members_joined"], nov.KPIs["members_left"])
	}
	if len(nov.Days) != 5 || nov.Days[4].Audience[x.ID] != 90 {
		t.Errorf("November's days: %d, the 5th's audience %d; want 5 days, 90", len(nov.Days), nov.Days[len(nov.Days)-1].Audience[x.ID])
	}

	// All channels: the VK community's joins and leaves (its events) and
	// X's rises and falls add up; the VK community has no reading, so the
	// audience is X's alone.
	vk, err := f.svc.Dashboard(ctx, stats.Query{Period: october(), AccountID: f.vk.ID})
	if err != nil {
		t.Fatal(err)
	}
	// X's joins are numbers without people: the member table is not
	// offered for them; the VK community's joins are its members.
	if d.FollowersJoined != 25 || d.FollowersLeft != 5 || stats.NamesMembers(d, "members_joined") || stats.NamesMembers(d, "members_left") {
		t.Errorf("X: followers joined %d, left %d, listed %v/%v; want 25, 5, not listed", d.FollowersJoined, d.FollowersLeft,
			stats.NamesMembers(d, "members_joined"), stats.NamesMembers(d, "members_left"))
	}
	if !stats.NamesMembers(vk, "members_joined") || !stats.NamesMembers(vk, "members_left") {
		t.Error("the VK community's joins and leaves are not listed")
	}
	if vk.KPIs["audience"].Known {
		t.Errorf("the VK community's audience is %+v with nothing read", vk.KPIs["audience"])
	}
	all, err := f.svc.Dashboard(ctx, stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	if all.KPIs["members_joined"].Num != vk.KPIs["members_joined"].Num+25 ||
		all.KPIs["members_left"].Num != vk.KPIs["members_left"].Num+5 || all.KPIs["audience"].Num != 120 {
		t.Errorf("all channels: joined %v, left %v, audience %v; want VK's %v+25, %v+5, 120", all.KPIs["members_joined"].Num,
			all.KPIs["members_left"].Num, all.KPIs["audience"].Num, vk.KPIs["members_joined"].Num, vk.KPIs["members_left"].Num)
	}
}
