package stats_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/stats"
)

// vkMessage is a private message on VK at a UTC time, ours or a member's.
func vkMessage(id string, when time.Time, mine bool, refs ...string) core.Item {
	it := core.Item{Kind: core.ItemVKMessage, RemoteID: id, Text: "Привет " + id, CreatedAt: when,
		Author: core.Person{Name: "Ольга", Address: "7"}, State: core.StateNew, ThreadRefs: refs}
	if mine {
		it.Outgoing, it.State, it.Seen = true, core.StateDone, true
		it.Author = core.Person{Name: "Клуб", Address: "-1"}
	}
	return it
}

// The night summer time ends (Sunday 25 October: 03:00 CEST is 02:00
// CET, at 01:00 UTC), three conversations on VK: one at 00:30 (Saturday
// in UTC), unanswered; one at 02:30 CEST answered 3 h 59 min later; one
// at 02:30 CET answered exactly 4 h later.
func (f *fixture) dstNight(t *testing.T) {
	utc := func(d, h, m int) time.Time { return time.Date(2026, 10, d, h, m, 0, 0, time.UTC) }
	f.add(t, f.vk.ID, core.Batch{Items: []core.Item{
		vkMessage("msg:7_1", utc(24, 22, 30), false),
		vkMessage("msg:7_2", utc(25, 0, 30), false),
		vkMessage("msg:7_3", utc(25, 4, 29), true, "msg:7_2"),
		vkMessage("msg:7_4", utc(25, 1, 30), false),
		vkMessage("msg:7_5", utc(25, 5, 30), true, "msg:7_4"),
	}})
}

func (f *fixture) found(t *testing.T, q string) int {
	t.Helper()
	items, err := f.st.Search(context.Background(), q, core.ItemFilter{States: core.States, Now: f.now.In(paris), Limit: 1000})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return len(items)
}

// Each heatmap cell's query finds exactly the messages the cell counts,
// in all channels and on VK, across the change to winter time.
func TestCellQueryListsTheCell(t *testing.T) {
	f := newFixture(t)
	f.dstNight(t)
	ctx := context.Background()
	all, err := f.svc.Dashboard(ctx, stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	vk, err := f.svc.Dashboard(ctx, stats.Query{Period: october(), AccountID: f.vk.ID})
	if err != nil {
		t.Fatal(err)
	}
	// By hand (Monday 0): Tuesday 6 at 10 (t2a, t2b) and 14 (t2c),
	// Thursday 15 at 20, Friday 23 at 17, Saturday 10 at 13 (the VK
	// comment), Sunday 25 at 0 and twice at 2 (02:30 CEST and CET).
	want := map[[2]int]int{{1, 10}: 2, {1, 14}: 1, {3, 20}: 1, {4, 17}: 1, {5, 13}: 1, {6, 0}: 1, {6, 2}: 2}
	wantVK := map[[2]int]int{{5, 13}: 1, {6, 0}: 1, {6, 2}: 2}
	for _, c := range []struct {
		name string
		d    stats.Dashboard
		want map[[2]int]int
	}{{"all", all, want}, {"VK", vk, wantVK}} {
		for wd := range 7 {
			for h := range 24 {
				if got := c.d.Heatmap[wd][h]; got != c.want[[2]int{wd, h}] {
					t.Errorf("%s: heatmap[%d][%d] = %d, want %d", c.name, wd, h, got, c.want[[2]int{wd, h}])
				}
				q := stats.CellQuery(c.d, wd, h)
				if n := f.found(t, q); n != c.d.Heatmap[wd][h] {
					t.Errorf("%s: %q finds %d, the cell counts %d", c.name, q, n, c.d.Heatmap[wd][h])
				}
			}
		}
	}
	if q := stats.CellQuery(vk, 6, 2); q != `-is:mine -channel:feed -state:spam after:2026-10-01 before:2026-11-01 account:"Клуб VK" weekday:sun hour:2` {
		t.Errorf("Sunday 2:00 on VK: %q", q)
	}
}

// Each reply-time bucket's query finds exactly the replies its bar
// counts: edges of exactly 1 h and 24 h (mail) and 4 h (VK) fall in the
// bucket they start.
func TestBucketQueryListsTheBar(t *testing.T) {
	f := newFixture(t)
	f.dstNight(t)
	ctx := context.Background()
	all, err := f.svc.Dashboard(ctx, stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	vk, err := f.svc.Dashboard(ctx, stats.Query{Period: october(), AccountID: f.vk.ID})
	if err != nil {
		t.Fatal(err)
	}
	// Mail: t2r2 20 min, t2r1 exactly 1 h, t1r 65.5 h, t4r exactly 24 h
	// (t2r3 answers nothing new). VK: 3 h 59 min, exactly 4 h.
	for _, c := range []struct {
		name string
		d    stats.Dashboard
		want []int
	}{{"all", all, []int{1, 2, 1, 0, 2}}, {"VK", vk, []int{0, 1, 1, 0, 0}}} {
		if fmt.Sprint(c.d.Histogram) != fmt.Sprint(c.want) {
			t.Errorf("%s: histogram %v, want %v", c.name, c.d.Histogram, c.want)
		}
		for i, n := range c.d.Histogram {
			q := stats.BucketQuery(c.d, i)
			if got := f.found(t, q); got != n {
				t.Errorf("%s: %q finds %d, the bar counts %d", c.name, q, got, n)
			}
		}
	}
	for _, c := range []struct {
		d    stats.Dashboard
		want int
	}{{all, 6}, {vk, 2}} {
		if n := f.found(t, stats.RepliesQuery(c.d)); n != c.want {
			t.Errorf("%q finds %d replies, the bars count %d", stats.RepliesQuery(c.d), n, c.want)
		}
	}
	for i, want := range []string{"wait:..1h", "wait:1h..4h", "wait:4h..8h", "wait:8h..24h", "wait:24h.."} {
		if q := stats.BucketQuery(all, i); q != "is:mine "+want+" after:2026-10-01 before:2026-11-01" {
			t.Errorf("bucket %d: %q", i, q)
		}
	}
}
