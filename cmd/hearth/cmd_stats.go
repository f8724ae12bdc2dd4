package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/internal/safefile"
)

// The dashboard's commands join the table cli.go's init makes (the go
// tool runs the init functions of a package's files in file name order).
func init() {
	commands["stats"] = cmdStats
	commands["report"] = cmdReport
}

// newStats is the dashboard's service over a workspace: the member files'
// settings, the zone the calendar plans in until the settings name one.
func newStats(w *workspace, mem *members.Service) *stats.Service {
	zone := calendar.New(calendar.Params{Store: w.store}).Zone()
	return stats.New(stats.Params{Store: w.store, Members: mem, Zone: zone})
}

// startSnapshots takes the day's snapshot of the member numbers while the
// window is open: at start, after the member files are brought up to date,
// then each new day (idempotent per day). The returned function waits for
// it after ctx ended.
func startSnapshots(ctx context.Context, w *workspace, st *stats.Service, mem *members.Service) (wait func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	engine.Go(w.log, "stats snapshots", func() {
		defer wg.Done()
		if !w.waitFirstPage(ctx) {
			return
		}
		st.RunSnapshots(ctx, mem.Refresh, func(err error) { w.log.Warn("stats: snapshot failed", "err", err) })
	})
	return wg.Wait
}

// statsFlags are the period and channel of `stats` and `report`.
type statsFlags struct {
	period, from, to, channel string
}

func (f *statsFlags) register(fs interface {
	StringVar(*string, string, string, string)
}) {
	fs.StringVar(&f.period, "period", "", "")
	fs.StringVar(&f.from, "from", "", "")
	fs.StringVar(&f.to, "to", "", "")
	fs.StringVar(&f.channel, "channel", "", "")
}

// dashboard brings the member files up to date, takes today's snapshot
// (once a day) and computes the chosen period.
func (f statsFlags) dashboard(ctx context.Context, w *workspace, rows bool) (stats.Dashboard, *stats.Service, error) {
	mem := members.New(members.Params{Store: w.store})
	if err := mem.Refresh(ctx); err != nil {
		return stats.Dashboard{}, nil, err
	}
	svc := newStats(w, mem)
	if _, err := svc.TakeSnapshot(ctx); err != nil {
		return stats.Dashboard{}, nil, err
	}
	loc, err := svc.Location(ctx)
	if err != nil {
		return stats.Dashboard{}, nil, err
	}
	p, err := f.parse(svc.Now(), loc)
	if err != nil {
		return stats.Dashboard{}, nil, err
	}
	var account int64
	if f.channel != "" {
		a, err := w.accounts.Find(ctx, f.channel)
		if err != nil {
			return stats.Dashboard{}, nil, fmt.Errorf("--channel %q: %w", f.channel, err)
		}
		account = a.ID
	}
	d, err := svc.Dashboard(ctx, stats.Query{Period: p, AccountID: account, Rows: rows})
	return d, svc, err
}

func (f statsFlags) parse(now time.Time, loc *time.Location) (stats.Period, error) {
	switch {
	case f.period != "" && (f.from != "" || f.to != ""):
		return stats.Period{}, usagef("give --period or --from/--to, not both")
	case f.from != "" || f.to != "":
		if f.from == "" || f.to == "" {
			return stats.Period{}, usagef("--from and --to go together (YYYY-MM-DD, both days included)")
		}
		p, err := stats.ParsePeriod(f.from+".."+f.to, now, loc)
		if err != nil {
			return p, usagef("%v", err)
		}
		return p, nil
	case f.period == "":
		return stats.MonthOf(now.In(loc)), nil
	}
	p, err := stats.ParsePeriod(f.period, now, loc)
	if err != nil {
		return p, usagef("--period: %v", err)
	}
	return p, nil
}

// cmdStats is `hearth stats [--period P | --from D --to D] [--channel NAME] [--json]`.
func cmdStats(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("stats")
	var f statsFlags
	f.register(fs)
	asJSON := fs.Bool("json", false, "")
	if pos, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("stats takes no arguments")
	}
	d, _, err := f.dashboard(ctx, w, false)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(io, statsJSON(d))
	}
	fmt.Fprintf(io.out, "%s\n%s\n\n", report.Title(d), report.Subtitle(d))
	tw := newTable(io.out, 4)
	for _, g := range report.Tiles(d) {
		fmt.Fprintf(tw, "%s\t\t\n", strings.ToUpper(g.Name))
		for _, t := range g.Tiles {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", t.Name, t.Value, t.Change)
		}
	}
	return tw.Flush()
}

// statsJSON is every KPI under its key (null when there is nothing to
// measure), the period, the previous period's KPIs, the days and the
// tone per week.
func statsJSON(d stats.Dashboard) map[string]any {
	kpis := func(k stats.KPIs) map[string]any {
		out := map[string]any{}
		for _, m := range stats.Metrics {
			if v := k[m.Key]; v.Known {
				out[m.Key] = v.Num
			} else {
				out[m.Key] = nil
			}
		}
		return out
	}
	out := kpis(d.KPIs)
	out["period"] = d.Period.String()
	out["from"] = d.Period.From.Format(time.DateOnly)
	out["to"] = d.Period.Last().Format(time.DateOnly)
	out["zone"] = d.Zone
	out["channel"] = d.Account.Name
	out["estimated"] = d.Estimated
	prev := kpis(d.Prior)
	prev["period"] = d.Previous.String()
	out["previous"] = prev
	days := []map[string]any{}
	for _, day := range d.Days {
		days = append(days, map[string]any{"date": day.Date.Format(time.DateOnly), "in": day.In, "out": day.Out,
			"toned": day.Tone.Toned, "negative": day.Tone.Negative})
	}
	out["days"] = days
	weeks := []map[string]any{}
	for _, w := range stats.ToneWeeks(d.Days) {
		week := map[string]any{"from": w.From.Format(time.DateOnly), "toned": w.Tone.Toned, "negative": w.Tone.Negative,
			"sentiment_mean": nil}
		if mean, ok := w.Tone.Mean(); ok {
			week["sentiment_mean"] = mean
		}
		weeks = append(weeks, week)
	}
	out["tone_weeks"] = weeks
	out["reply_histogram"] = append([]int{}, d.Histogram...)
	return out
}

// cmdReport is `hearth report [--period P | --from D --to D] [--channel
// NAME] [--format pdf|html|csv] [--lang en|fr|ru|bg] --out FILE`; the
// language is the system's as the window reads it unless --lang says.
func cmdReport(ctx context.Context, w *workspace, args []string, _ stdio) error {
	fs := newFlags("report")
	var f statsFlags
	f.register(fs)
	format := fs.String("format", "", "")
	out := fs.String("out", "", "")
	lang := fs.String("lang", "", "")
	if pos, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("report takes no arguments")
	}
	if *out == "" {
		return usagef("report: --out FILE is required")
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	if *format != "pdf" && *format != "html" && *format != "csv" {
		return usagef("report: --format pdf, html or csv (or an --out file ending so)")
	}
	if *lang == "" {
		*lang = report.SystemLanguage()
	}
	if report.CheckLanguage(*lang) != nil {
		return usagef("report: --lang en, fr, ru or bg")
	}
	// Only the CSV lists each message and reply (a quarter's on a million
	// items is most of a report's time).
	d, svc, err := f.dashboard(ctx, w, *format == "csv")
	if err != nil {
		return err
	}
	cs, err := svc.Settings(ctx)
	if err != nil {
		return err
	}
	return safefile.Write(*out, 0o600, func(wr io.Writer) error {
		switch *format {
		case "pdf":
			return report.WritePDF(wr, d, *lang)
		case "html":
			return report.WriteHTML(wr, d, *lang)
		}
		return report.WriteCSV(wr, d, cs.Business)
	})
}

// The stats service runs over the store (checked at compile time; the
// dashboard screen's side is in uicheck.go).
var _ stats.Store = (*store.Store)(nil)
