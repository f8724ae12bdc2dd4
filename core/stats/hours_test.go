package stats_test

import (
	"testing"
	"time"

	"github.com/hearthhq/hearth/core/stats"
)

func TestBusinessHoursWithin(t *testing.T) {
	b := stats.DefaultBusinessHours()
	cases := []struct {
		name     string
		from, to time.Time
		want     time.Duration
	}{
		{"inside one day", at(10, 6, 10, 0), at(10, 6, 11, 0), time.Hour},
		{"before opening", at(10, 6, 7, 0), at(10, 6, 9, 15), 15 * time.Minute},
		{"evening to next morning", at(10, 15, 20, 0), at(10, 16, 10, 0), time.Hour},
		{"over the weekend and the DST change", at(10, 23, 17, 0), at(10, 26, 9, 30), 90 * time.Minute},
		{"Saturday to Sunday", at(10, 24, 10, 0), at(10, 25, 16, 0), 0},
		{"spring DST Friday to Monday", at(3, 27, 17, 30), at(3, 30, 9, 45), 75 * time.Minute},
		{"a whole week", at(10, 5, 0, 0), at(10, 12, 0, 0), 45 * time.Hour},
		{"backwards", at(10, 6, 11, 0), at(10, 6, 10, 0), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := b.Within(c.from, c.to, paris); got != c.want {
				t.Errorf("Within = %v, want %v", got, c.want)
			}
		})
	}
}

func TestBusinessHoursValidate(t *testing.T) {
	bad := []stats.BusinessHours{
		{Days: []time.Weekday{time.Monday}, Start: "18:00", End: "09:00"},
		{Days: []time.Weekday{time.Monday}, Start: "9h", End: "18:00"},
		{Start: "09:00", End: "18:00"},
	}
	for _, b := range bad {
		if b.Validate() == nil {
			t.Errorf("%+v: accepted", b)
		}
	}
	if err := stats.DefaultBusinessHours().Validate(); err != nil {
		t.Error(err)
	}
}

func TestParsePeriod(t *testing.T) {
	now := time.Date(2026, 11, 18, 10, 0, 0, 0, paris) // a Wednesday
	cases := []struct {
		in, from, to, prevFrom string
	}{
		{"2026-11", "2026-11-01", "2026-12-01", "2026-10-01"},
		{"2026-Q4", "2026-10-01", "2027-01-01", "2026-07-01"},
		{"2026-W47", "2026-11-16", "2026-11-23", "2026-11-09"},
		{"2026-W01", "2025-12-29", "2026-01-05", "2025-12-22"},
		{"2026-11-03..2026-11-16", "2026-11-03", "2026-11-17", "2026-10-20"},
		{"this-week", "2026-11-16", "2026-11-23", "2026-11-09"},
		{"this-month", "2026-11-01", "2026-12-01", "2026-10-01"},
		{"last-month", "2026-10-01", "2026-11-01", "2026-09-01"},
		{"this-quarter", "2026-10-01", "2027-01-01", "2026-07-01"},
	}
	for _, c := range cases {
		p, err := stats.ParsePeriod(c.in, now, paris)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		day := func(t time.Time) string { return t.Format(time.DateOnly) }
		if day(p.From) != c.from || day(p.To) != c.to || day(p.Previous().From) != c.prevFrom {
			t.Errorf("%s: %s..%s (previous from %s), want %s..%s (%s)", c.in, day(p.From), day(p.To),
				day(p.Previous().From), c.from, c.to, c.prevFrom)
		}
		if p.From.Location() != paris || p.From.Hour() != 0 {
			t.Errorf("%s: starts at %v, want midnight in Paris", c.in, p.From)
		}
	}
	for _, bad := range []string{"", "2026-13", "2026-Q5", "2026-11-16..2026-11-03", "yesterday"} {
		if _, err := stats.ParsePeriod(bad, now, paris); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}
