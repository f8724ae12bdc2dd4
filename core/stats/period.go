package stats

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PeriodKind names how a period was chosen.
type PeriodKind string

// Period kinds: a calendar week (Monday first), month or quarter, or any
// run of days.
const (
	Week    PeriodKind = "week"
	Month   PeriodKind = "month"
	Quarter PeriodKind = "quarter"
	Custom  PeriodKind = "custom"
)

// Period is a run of whole days in the workspace's zone: From is the
// first day's midnight, To the midnight after the last day (not
// included).
type Period struct {
	Kind     PeriodKind
	From, To time.Time
}

// Days is how many calendar days the period holds.
func (p Period) Days() int {
	n := 0
	for d := p.From; d.Before(p.To); d = d.AddDate(0, 0, 1) {
		n++
	}
	return n
}

// Last is the period's last day (its midnight).
func (p Period) Last() time.Time { return p.To.AddDate(0, 0, -1) }

// String names the period the way ParsePeriod reads it.
func (p Period) String() string {
	switch p.Kind {
	case Week:
		y, w := p.From.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, w)
	case Month:
		return p.From.Format("2006-01")
	case Quarter:
		return fmt.Sprintf("%d-Q%d", p.From.Year(), (int(p.From.Month())-1)/3+1)
	}
	return p.From.Format(time.DateOnly) + ".." + p.Last().Format(time.DateOnly)
}

// Label is the period in words for tiles and reports.
func (p Period) Label() string {
	switch p.Kind {
	case Week:
		return "week of " + p.From.Format("2 Jan 2006")
	case Month:
		return p.From.Format("January 2006")
	case Quarter:
		return fmt.Sprintf("Q%d %d", (int(p.From.Month())-1)/3+1, p.From.Year())
	}
	return p.From.Format("2 Jan 2006") + " – " + p.Last().Format("2 Jan 2006")
}

// Previous is the period just before: the week, month or quarter before,
// or as many days before a custom run.
func (p Period) Previous() Period {
	switch p.Kind {
	case Week:
		return Period{Week, p.From.AddDate(0, 0, -7), p.From}
	case Month:
		return Period{Month, p.From.AddDate(0, -1, 0), p.From}
	case Quarter:
		return Period{Quarter, p.From.AddDate(0, -3, 0), p.From}
	}
	return Period{Custom, p.From.AddDate(0, 0, -p.Days()), p.From}
}

// WeekOf, MonthOf and QuarterOf are the periods that hold t, in t's zone.
func WeekOf(t time.Time) Period {
	d := midnight(t)
	d = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	return Period{Week, d, d.AddDate(0, 0, 7)}
}

func MonthOf(t time.Time) Period {
	d := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location())
	return Period{Month, d, d.AddDate(0, 1, 0)}
}

func QuarterOf(t time.Time) Period {
	d := time.Date(t.Year(), t.Month()-(t.Month()-1)%3, 1, 0, 0, 0, 0, t.Location())
	return Period{Quarter, d, d.AddDate(0, 3, 0)}
}

// Days is the custom period of the days first to last (inclusive), in
// their zone.
func Days(first, last time.Time) (Period, error) {
	from, to := midnight(first), midnight(last).AddDate(0, 0, 1)
	if !from.Before(to) {
		return Period{}, fmt.Errorf("the period ends (%s) before it starts (%s)",
			last.Format(time.DateOnly), first.Format(time.DateOnly))
	}
	return Period{Custom, from, to}, nil
}

func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// ParsePeriod reads a period in loc: "2026-11" (a month), "2026-Q4",
// "2026-W45" (an ISO week), "2026-11-03..2026-11-16" (days, both
// included), or relative to now: "this-week", "this-month",
// "this-quarter", "last-week", "last-month", "last-quarter".
func ParsePeriod(s string, now time.Time, loc *time.Location) (Period, error) {
	s = strings.TrimSpace(s)
	now = now.In(loc)
	switch s {
	case "this-week":
		return WeekOf(now), nil
	case "this-month":
		return MonthOf(now), nil
	case "this-quarter":
		return QuarterOf(now), nil
	case "last-week":
		return WeekOf(now).Previous(), nil
	case "last-month":
		return MonthOf(now).Previous(), nil
	case "last-quarter":
		return QuarterOf(now).Previous(), nil
	}
	if a, b, ok := strings.Cut(s, ".."); ok {
		first, err1 := time.ParseInLocation(time.DateOnly, a, loc)
		last, err2 := time.ParseInLocation(time.DateOnly, b, loc)
		if err1 != nil || err2 != nil {
			return Period{}, fmt.Errorf("period %q: days are written YYYY-MM-DD..YYYY-MM-DD", s)
		}
		return Days(first, last)
	}
	if y, q, ok := strings.Cut(s, "-Q"); ok {
		year, err1 := strconv.Atoi(y)
		n, err2 := strconv.Atoi(q)
		if err1 != nil || err2 != nil || n < 1 || n > 4 {
			return Period{}, fmt.Errorf("period %q: a quarter is written 2026-Q4", s)
		}
		return QuarterOf(time.Date(year, time.Month(3*n-2), 1, 0, 0, 0, 0, loc)), nil
	}
	if y, w, ok := strings.Cut(s, "-W"); ok {
		year, err1 := strconv.Atoi(y)
		n, err2 := strconv.Atoi(w)
		if err1 != nil || err2 != nil || n < 1 || n > 53 {
			return Period{}, fmt.Errorf("period %q: a week is written 2026-W45", s)
		}
		// ISO week 1 holds the 4th of January.
		p := WeekOf(time.Date(year, 1, 4, 12, 0, 0, 0, loc))
		p.From, p.To = p.From.AddDate(0, 0, 7*(n-1)), p.To.AddDate(0, 0, 7*(n-1))
		return p, nil
	}
	if m, err := time.ParseInLocation("2006-01", s, loc); err == nil {
		return MonthOf(m), nil
	}
	return Period{}, fmt.Errorf("period %q: want 2026-11, 2026-Q4, 2026-W45, 2026-11-03..2026-11-16, this-month or last-month", s)
}
