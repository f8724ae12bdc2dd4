package stats_test

import (
	"context"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/core/store"
)

// summaryStore counts the reads that summarise days from the items (each
// run of days not kept is read by one StatsVolume); with forget set it
// keeps nothing, as a first opening without Warm.
type summaryStore struct {
	*store.Store
	reads  atomic.Int64
	forget bool
}

func (s *summaryStore) StatsVolume(ctx context.Context, from, to time.Time, accountID int64) ([]core.VolumeHour, error) {
	s.reads.Add(1)
	return s.Store.StatsVolume(ctx, from, to, accountID)
}

func (s *summaryStore) StatsDays(ctx context.Context, key, first, last string) ([]core.StatsDay, error) {
	if s.forget {
		return nil, nil
	}
	return s.Store.StatsDays(ctx, key, first, last)
}

func (s *summaryStore) SaveStatsDays(ctx context.Context, days []core.StatsDay) error {
	if s.forget {
		return nil
	}
	return s.Store.SaveStatsDays(ctx, days)
}

// On a workspace whose days were never summarised, Warm (run in the
// background when the window opens) summarises them; the dashboard's
// first opening for any period of its picker, for every channel, then
// reads no day from the items and shows the numbers the items give.
// The periods are the window's picker's (ui/dashboard).
func TestWarmedFirstDashboardReadsNoDay(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	warmed := &summaryStore{Store: f.st}
	svc := stats.New(stats.Params{Store: warmed, Members: f.mem, Now: f.clock, Zone: "Europe/Paris"})
	fresh := &summaryStore{Store: f.st, forget: true}
	items := stats.New(stats.Params{Store: fresh, Members: f.mem, Now: f.clock, Zone: "Europe/Paris"})
	if err := svc.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	if warmed.reads.Load() == 0 {
		t.Fatal("Warm read no day: the workspace was not fresh")
	}
	warmed.reads.Store(0)
	for _, spec := range []string{"this-month", "this-week", "this-quarter", "last-week", "last-month", "last-quarter"} {
		p, err := stats.ParsePeriod(spec, f.now, paris)
		if err != nil {
			t.Fatal(err)
		}
		for _, account := range []int64{0, f.mail.ID, f.vk.ID} {
			q := stats.Query{Period: p, AccountID: account}
			got, err := svc.Dashboard(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if n := warmed.reads.Swap(0); n != 0 {
				t.Errorf("%s, account %d: the first opening read days from the items %d times after Warm", spec, account, n)
			}
			want, err := items.Dashboard(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.KPIs, want.KPIs) || !reflect.DeepEqual(got.Prior, want.Prior) {
				t.Errorf("%s, account %d: warmed KPIs\n%v\n%v\nthe items give\n%v\n%v", spec, account, got.KPIs, got.Prior, want.KPIs, want.Prior)
			}
			if !reflect.DeepEqual(got.Days, want.Days) || got.Heatmap != want.Heatmap || !reflect.DeepEqual(got.Histogram, want.Histogram) {
				t.Errorf("%s, account %d: the warmed charts differ from those of the items", spec, account)
			}
		}
	}
	if got, err := svc.Dashboard(ctx, stats.Query{Period: october()}); err != nil || got.KPIs["items_in"].Num == 0 {
		t.Errorf("October after Warm: %v items in, %v; the fixture has some", got.KPIs["items_in"], err)
	}
}

// An export's rows list each message the volume counts, and only those:
// October's six in (the bot's spam left out) and six out, in all and on
// the VK community alone.
func TestExportRowsListTheCountedMessages(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, c := range []struct {
		account int64
		in, out int
	}{{0, 6, 6}, {f.vk.ID, 1, 1}} {
		d, err := f.svc.Dashboard(ctx, stats.Query{Period: october(), AccountID: c.account, Rows: true})
		if err != nil {
			t.Fatal(err)
		}
		in, out := 0, 0
		for _, m := range d.Messages {
			if m.Outgoing {
				out++
			} else {
				in++
			}
			if c.account != 0 && m.AccountID != c.account {
				t.Errorf("account %d: a row of account %d", c.account, m.AccountID)
			}
			if m.At.Before(d.Period.From) || !m.At.Before(d.Period.To) {
				t.Errorf("a row at %v, outside October in Paris", m.At)
			}
		}
		if in != c.in || out != c.out || d.KPIs["items_in"] != known(float64(in)) || d.KPIs["items_out"] != known(float64(out)) {
			t.Errorf("account %d: rows %d in, %d out; tiles %v, %v; want %d and %d", c.account, in, out,
				d.KPIs["items_in"], d.KPIs["items_out"], c.in, c.out)
		}
	}
}
