package stats_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/stats"
)

// The days a dashboard keeps are read again when something they count
// changes: after each change below, the dashboard equals one computed
// from the items alone.
func TestKeptDaysFollowChanges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cs, err := f.svc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The same business days in another order: the same numbers under
	// another settings key, so none of the kept days apply.
	reordered := cs
	reordered.Business.Days = []time.Weekday{time.Friday, time.Thursday, time.Wednesday, time.Tuesday, time.Monday}
	dashboard := func(cs stats.Settings) stats.Dashboard {
		t.Helper()
		if err := f.svc.SetSettings(ctx, cs); err != nil {
			t.Fatal(err)
		}
		d, err := f.svc.Dashboard(ctx, stats.Query{Period: october()})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	dashboard(cs) // keeps October's days
	steps := []struct {
		name   string
		change func()
	}{
		{"a new conversation and its reply", func() {
			f.add(t, f.mail.ID, core.Batch{Items: []core.Item{
				mail("n1", "zoe", at(10, 13, 10, 0)), ours(mail("n1r", "us", at(10, 16, 11, 0), "n1"))}})
		}},
		{"a late earlier message", func() {
			f.add(t, f.mail.ID, core.Batch{Items: []core.Item{mail("n0", "zoe", at(10, 12, 9, 0), "n1")}})
		}},
		{"that message marked spam", func() {
			it, err := f.st.ItemByRemoteID(ctx, f.mail.ID, "n0")
			if err == nil {
				err = f.st.SetState(ctx, it.ID, core.StateSpam, time.Time{})
			}
			if err != nil {
				t.Fatal(err)
			}
		}},
		{"the wall post's reactions synced again", func() {
			post := core.Item{Kind: core.ItemVKPost, RemoteID: "post:-1_7", Text: "Встреча в субботу!",
				CreatedAt: at(10, 10, 12, 0).UTC(), Author: core.Person{Name: "Клуб", Address: "-1"}, Outgoing: true,
				State: core.StateDone, Seen: true, Stats: core.ItemStats{Likes: 25, Comments: 4, Reposts: 3, Views: 400}}
			f.add(t, f.vk.ID, core.Batch{Items: []core.Item{post}})
		}},
	}
	for _, s := range steps {
		s.change()
		kept := dashboard(cs)
		fresh := dashboard(reordered)
		if !reflect.DeepEqual(kept.KPIs, fresh.KPIs) {
			t.Errorf("after %s: kept days give\n%v\nthe items give\n%v", s.name, kept.KPIs, fresh.KPIs)
		}
		if !reflect.DeepEqual(kept.Days, fresh.Days) || kept.Heatmap != fresh.Heatmap ||
			!reflect.DeepEqual(kept.Histogram, fresh.Histogram) {
			t.Errorf("after %s: the charts of kept days differ from those of the items", s.name)
		}
	}
	if got := dashboard(cs).KPIs["likes"]; got != known(25) {
		t.Errorf("likes after the re-sync %v, want 25", got)
	}
}

// Members active in a past period without a snapshot are counted once and
// counted again when someone's days in that window change.
func TestKeptActiveFollowsChanges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	active := func() stats.Value {
		t.Helper()
		d, err := f.svc.Dashboard(ctx, stats.Query{Period: october()})
		if err != nil {
			t.Fatal(err)
		}
		return d.Prior["members_active"]
	}
	// September: Dmitri wrote on the 30th.
	if got := active(); got != known(1) {
		t.Fatalf("active in September %v, want 1 (Dmitri)", got)
	}
	f.add(t, f.mail.ID, core.Batch{Items: []core.Item{mail("y1", "yuri", at(9, 20, 10, 0))}})
	if err := f.mem.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if got := active(); got != known(2) {
		t.Errorf("active in September after Yuri's message %v, want 2", got)
	}
}
