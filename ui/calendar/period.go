package calendar

import (
	"fmt"
	"time"

	"github.com/hearthhq/hearth/ui/kit"
)

// calMode is which calendar view is in front.
type calMode int

const (
	monthMode calMode = iota
	weekMode
	agendaMode
)

var calModeNames = []string{"Month", "Week", "Agenda"}

// agendaDays is how far ahead the agenda (list) view reaches.
const agendaDays = 14

// Day arithmetic goes through time.Date in the view's location, never
// through Add(24h): a day across a daylight saving change lasts 23 or 25
// hours.

// dayStart is midnight of t's day in t's location.
func dayStart(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// addDays is midnight n days after t's day.
func addDays(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d+n, 0, 0, 0, 0, t.Location())
}

// weekStart is midnight of the Monday on or before t.
func weekStart(t time.Time) time.Time {
	back := (int(t.Weekday()) + 6) % 7 // Monday 0 ... Sunday 6
	return addDays(t, -back)
}

// monthStart is midnight of the first of t's month.
func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location())
}

// period is the range a view shows: [from, to), whole days.
func period(mode calMode, anchor time.Time) (from, to time.Time) {
	switch mode {
	case monthMode:
		// Whole weeks, Monday first, covering the month.
		first := monthStart(anchor)
		from = weekStart(first)
		last := time.Date(first.Year(), first.Month()+1, 0, 0, 0, 0, 0, first.Location())
		return from, addDays(weekStart(last), 7)
	case weekMode:
		from = weekStart(anchor)
		return from, addDays(from, 7)
	default:
		from = dayStart(anchor)
		return from, addDays(from, agendaDays)
	}
}

// stepPeriod moves the anchor one period back (-1) or forward (1).
func stepPeriod(mode calMode, anchor time.Time, dir int) time.Time {
	switch mode {
	case monthMode:
		return time.Date(anchor.Year(), anchor.Month()+time.Month(dir), 1, 0, 0, 0, 0, anchor.Location())
	case weekMode:
		return addDays(anchor, 7*dir)
	default:
		return addDays(anchor, agendaDays*dir)
	}
}

// periodTitle names what a view shows: "November 2026" for a month,
// "16-22 Nov 2026" for a week or an agenda span.
func periodTitle(mode calMode, anchor time.Time) string {
	if mode == monthMode {
		return kit.FormatTime(anchor, "January 2006")
	}
	from, to := period(mode, anchor)
	return spanTitle(from, addDays(to, -1))
}

// spanTitle writes a span of days compactly: "16-22 Nov 2026",
// "30 Nov - 6 Dec 2026", "29 Dec 2025 - 4 Jan 2026".
func spanTitle(first, last time.Time) string {
	switch {
	case first.Year() != last.Year():
		return kit.FormatTime(first, "2 Jan 2006") + " - " + kit.FormatTime(last, "2 Jan 2006")
	case first.Month() != last.Month():
		return kit.FormatTime(first, "2 Jan") + " - " + kit.FormatTime(last, "2 Jan 2006")
	default:
		return fmt.Sprintf("%d-%s", first.Day(), kit.FormatTime(last, "2 Jan 2006"))
	}
}

// dayIndex is how many days t's day is after from's (both in one
// location); negative before.
func dayIndex(from, t time.Time) int {
	a := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a) / (24 * time.Hour))
}
