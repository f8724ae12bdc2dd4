package dashboard

import (
	"regexp"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/ui/kit"
)

// The KPIs' names, definitions and groups, the values' units and the
// charts' words come from core/stats and core/report in English (a
// report file is written by core/report in the language it is given:
// this screen passes kit.Language()); they are translated here, where
// the screen shows them, with their English text as the key. words_test.go checks
// that every one of core's has its key in dashboard.*.json, which a scan
// of this package's sources cannot see.

// unitRE finds a number and its unit in a value core formatted: "1 h 05
// min", "45 s", "2 d 17 h", "+3 pts".
var unitRE = regexp.MustCompile(`(\d+) (s|min|h|d|pts)\b`)

// unitKeys are the templates a number and its unit are translated with.
var unitKeys = map[string]string{"s": "{{.N}} s", "min": "{{.N}} min", "h": "{{.N}} h", "d": "{{.N}} d", "pts": "{{.N}} pts"}

// localValue is a KPI's value or change in the person's language.
func localValue(v string) string {
	switch v {
	case noChange:
		return lang.L(v)
	}
	return unitRE.ReplaceAllStringFunc(v, func(m string) string {
		sub := unitRE.FindStringSubmatch(m)
		return lang.L(unitKeys[sub[2]], map[string]any{"N": sub[1]})
	})
}

// noChange is what stats.FormatChange says of a KPI that did not move.
const noChange = "no change"

// localTile is a tile in the person's language.
func localTile(t report.Tile) report.Tile {
	t.Name, t.Help = lang.L(t.Name), lang.L(t.Help)
	t.Value, t.Change = localValue(t.Value), localValue(t.Change)
	return t
}

// chartStyle is how the window draws the charts: in its language.
func chartStyle(dark bool) report.Style {
	days := make([]string, 7)
	for i := range days { // Monday first
		days[i] = kit.WeekdayName(time.Weekday((i+1)%7), true)
	}
	return report.Style{Format: report.PNG, Width: int(chartSize.Width), Height: int(chartSize.Height), Dark: dark,
		Words:    func(s string) string { return lang.L(s) },
		Day:      func(t time.Time) string { return kit.FormatTime(t, "2 Jan") },
		Weekdays: days}
}

// subtitle says which period and channel the numbers are of, and what
// they are compared with; its days are written as every other day of the
// screen, in the language in use ("1 Dec 2026").
func subtitle(d stats.Dashboard) string {
	ch := lang.L("all channels")
	if d.Account.Name != "" {
		ch = d.Account.Name
	}
	s := lang.L("{{.From}} to {{.To}} ({{.Zone}}), {{.Channel}}; compared with {{.Previous}}", map[string]any{
		"From": kit.FormatTime(d.Period.From, "2 Jan 2006"), "To": kit.FormatTime(d.Period.Last(), "2 Jan 2006"), "Zone": d.Zone,
		"Channel": ch, "Previous": periodLabel(d.Previous)})
	if d.Estimated {
		s += lang.L(". Member totals of past periods without a daily snapshot are estimated from today's files")
	}
	return s
}

// periodLabel names a period as stats.Period.Label does, in the language
// in use: "week of 3 Mar 2025", "February 2025", "Q1 2025".
func periodLabel(p stats.Period) string {
	switch p.Kind {
	case stats.Week:
		return lang.L("week of {{.Day}}", map[string]any{"Day": kit.FormatTime(p.From, "2 Jan 2006")})
	case stats.Month:
		return kit.FormatTime(p.From, "January 2006")
	case stats.Quarter:
		return lang.L("Q{{.Quarter}} {{.Year}}", map[string]any{"Quarter": (int(p.From.Month())-1)/3 + 1, "Year": p.From.Year()})
	}
	return kit.FormatTime(p.From, "2 Jan 2006") + " – " + kit.FormatTime(p.Last(), "2 Jan 2006")
}
