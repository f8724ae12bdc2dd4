package stats_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/stats"
)

func TestSnapshotOncePerDay(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	taken, err := f.svc.TakeSnapshot(ctx)
	if err != nil || !taken {
		t.Fatalf("first snapshot of the day: taken %v, %v", taken, err)
	}
	day := f.now.In(paris).Format(time.DateOnly)
	first, err := f.st.Snapshot(ctx, day, "")
	if err != nil {
		t.Fatal(err)
	}
	if first.Total != 7 || first.Cohorts[core.CohortDrifting] != 1 {
		t.Errorf("snapshot %+v, want 7 members of whom 1 drifting", first)
	}
	// Later the same day (23:00 in Paris), with a new member: nothing is
	// written again.
	f.now = f.now.Add(10 * time.Hour)
	f.add(t, f.mail.ID, core.Batch{Items: []core.Item{mail("late", "zoe", f.now.Add(-time.Minute))}})
	taken, err = f.svc.TakeSnapshot(ctx)
	if err != nil || taken {
		t.Fatalf("second snapshot the same day: taken %v, %v", taken, err)
	}
	again, err := f.st.Snapshot(ctx, day, "")
	if err != nil || again.Total != first.Total || !again.TakenAt.Equal(first.TakenAt) {
		t.Errorf("the day's snapshot changed: %+v, was %+v (%v)", again, first, err)
	}
	vk, err := f.st.Snapshot(ctx, day, core.IdentityVK)
	if err != nil || vk.Total != 2 {
		t.Errorf("VK snapshot %+v, %v; want 2 members", vk, err)
	}
}

// A past period reads its members from the snapshot of the day after it
// ends, not from today's files.
func TestPastPeriodUsesSnapshot(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.now = time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC) // 1 November, 7:00 in Paris
	if _, err := f.svc.TakeSnapshot(ctx); err != nil {
		t.Fatal(err)
	}
	f.now = fixtureNow
	f.add(t, f.vk.ID, core.Batch{Memberships: []core.MembershipEvent{
		{Kind: core.MemberJoined, Address: "77", At: time.Date(2026, 10, 30, 0, 0, 0, 0, time.UTC)}}})
	if err := f.mem.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.Dashboard(ctx, stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	// The late-recorded join is in the files (first seen 30 October) but
	// not in the snapshot taken on 1 November.
	checkKPIs(t, d.KPIs, stats.KPIs{"members_total": known(7), "members_new": known(7)})
	if d.Estimated {
		t.Error("October has its snapshot: not estimated")
	}
}

func TestQuadrantMoves(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.now = time.Date(2026, 10, 1, 6, 0, 0, 0, time.UTC)
	if _, err := f.svc.TakeSnapshot(ctx); err != nil {
		t.Fatal(err)
	}
	// Over October, Anna becomes an advocate, Boris a critic (after a
	// day back as a passer-by), Chloé a critic.
	setQuadrant := func(name string, q core.Quadrant, day int) {
		t.Helper()
		page, err := f.st.Members(ctx, core.MemberFilter{Query: name, Limit: 1}, core.CohortBounds{})
		if err != nil || len(page.Members) != 1 {
			t.Fatalf("member %s: %v", name, err)
		}
		setMemberQuadrant(t, f, page.Members[0].ID, q)
		f.now = time.Date(2026, 10, day, 6, 0, 0, 0, time.UTC)
		if _, err := f.svc.TakeSnapshot(ctx); err != nil {
			t.Fatal(err)
		}
	}
	setQuadrant("anna", core.QuadrantAdvocate, 10)
	setQuadrant("boris", core.QuadrantCritic, 11)
	setQuadrant("boris", core.QuadrantPasserBy, 12)
	setQuadrant("boris", core.QuadrantCritic, 13)
	setQuadrant("chloe", core.QuadrantCritic, 14)
	f.now = fixtureNow
	d, err := f.svc.Dashboard(ctx, stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	// All seven were recorded on 1 October as passers-by. Anna went up
	// to advocate, Boris and Chloé up to critic; four held.
	checkKPIs(t, d.KPIs, stats.KPIs{"quadrant_moved_up": known(3), "quadrant_held": known(4), "quadrant_moved_down": known(0)})
}

// setMemberQuadrant sets a member's quadrant as a rescoring would: the
// score rules are core/members's, not what this test is about.
func setMemberQuadrant(t *testing.T, f *fixture, id int64, q core.Quadrant) {
	t.Helper()
	db, err := sql.Open("sqlite", f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("UPDATE members SET quadrant = ? WHERE id = ?", q, id); err != nil {
		t.Fatal(err)
	}
}

// A workspace whose history predates its snapshots gets them from the
// items: October's member numbers are then read from the snapshot of 1
// November as the items tell it, and equal those of the member files.
func TestBackfillSnapshots(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n, err := f.svc.BackfillSnapshots(ctx, time.Date(2026, 9, 1, 0, 0, 0, 0, paris))
	if err != nil {
		t.Fatal(err)
	}
	// 1 September to 4 November (5 November is today).
	if n != 65 {
		t.Errorf("backfilled %d days, want 65", n)
	}
	if n, err := f.svc.BackfillSnapshots(ctx, time.Date(2026, 9, 1, 0, 0, 0, 0, paris)); err != nil || n != 0 {
		t.Errorf("a second backfill recorded %d days (%v), want none", n, err)
	}
	d, err := f.svc.Dashboard(ctx, stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	if d.Estimated {
		t.Error("October has a backfilled snapshot: its member numbers should not be estimated")
	}
	checkKPIs(t, d.KPIs, stats.KPIs{"members_total": known(7), "members_active": known(5),
		"members_drifting": known(1), "dead_souls": known(0)})
	// Dmitri, first seen on 30 September, is September's one member.
	checkKPIs(t, d.Prior, stats.KPIs{"members_total": known(1), "members_active": known(1)})
}
