package stats

import (
	"fmt"
	"slices"
	"time"
)

// BusinessHours are the hours a reply is expected in: the days of the
// week and the wall-clock hours, in the workspace's zone. A wait is counted
// only within them, so a question asked on Friday evening and answered on
// Monday at 9:30 waited half an hour of business time.
type BusinessHours struct {
	Days  []time.Weekday `json:"days"`
	Start string         `json:"start"` // "09:00"
	End   string         `json:"end"`   // "18:00", after Start
}

// DefaultBusinessHours are Monday to Friday, 9:00 to 18:00.
func DefaultBusinessHours() BusinessHours {
	return BusinessHours{Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Start: "09:00", End: "18:00"}
}

// Validate says what is wrong with the hours, in words.
func (b BusinessHours) Validate() error {
	s, err1 := clock(b.Start)
	e, err2 := clock(b.End)
	switch {
	case err1 != nil:
		return fmt.Errorf("business hours start %q: %w", b.Start, err1)
	case err2 != nil:
		return fmt.Errorf("business hours end %q: %w", b.End, err2)
	case e <= s:
		return fmt.Errorf("business hours end (%s) must come after their start (%s)", b.End, b.Start)
	case len(b.Days) == 0:
		return fmt.Errorf("business hours need at least one day")
	}
	return nil
}

// clock reads "HH:MM" as minutes after midnight.
func clock(s string) (int, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("write the time as HH:MM")
	}
	return t.Hour()*60 + t.Minute(), nil
}

// Within is how much of [from, to) falls in business hours in loc. Each
// day's window is built on that day's wall clock, so a DST change moves
// it with the clock; hours the clock skips are not counted twice nor
// made up.
func (b BusinessHours) Within(from, to time.Time, loc *time.Location) time.Duration {
	if !from.Before(to) {
		return 0
	}
	start, err1 := clock(b.Start)
	end, err2 := clock(b.End)
	if err1 != nil || err2 != nil || end <= start {
		return 0
	}
	var total time.Duration
	week := b.weekly(start, end)
	day := midnight(from.In(loc))
	for day.Before(to) {
		// A whole week inside the span counts its business hours at once
		// (waits of weeks are common in old conversations). This assumes
		// no clock change inside business hours, where none happens.
		if to.Sub(day) > 8*24*time.Hour && !day.Before(from) {
			total += week
			day = day.AddDate(0, 0, 7)
			continue
		}
		if slices.Contains(b.Days, day.Weekday()) {
			open := time.Date(day.Year(), day.Month(), day.Day(), start/60, start%60, 0, 0, loc)
			shut := time.Date(day.Year(), day.Month(), day.Day(), end/60, end%60, 0, 0, loc)
			lo, hi := later(open, from), earlier(shut, to)
			if lo.Before(hi) {
				total += hi.Sub(lo)
			}
		}
		day = time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, loc)
	}
	return total
}

// weekly is the business time of a week of wall clock.
func (b BusinessHours) weekly(start, end int) time.Duration {
	n := 0
	for d := time.Sunday; d <= time.Saturday; d++ {
		if slices.Contains(b.Days, d) {
			n++
		}
	}
	return time.Duration(n*(end-start)) * time.Minute
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
