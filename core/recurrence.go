package core

import (
	"fmt"
	"time"
)

// Frequency is how often a recurring post comes back.
type Frequency string

// Recurrence frequencies.
const (
	Once    Frequency = ""
	Weekly  Frequency = "weekly"
	Monthly Frequency = "monthly"
)

// WallLayout is how a wall-clock time without a zone is written.
const WallLayout = "2006-01-02T15:04"

// Recurrence repeats a post at the same wall-clock time in its zone: a post
// at 09:00 stays at 09:00 across daylight saving changes. Anchor is the
// wall time of the first occurrence; occurrence n is n steps after it, so a
// monthly post on the 31st falls on the 30th in short months and returns to
// the 31st after.
type Recurrence struct {
	Freq   Frequency `json:"freq"`
	Every  int       `json:"every,omitempty"` // 0 and 1 both mean every week or month
	Anchor string    `json:"anchor"`          // WallLayout, in the post's zone
	Until  time.Time `json:"until,omitzero"`  // no occurrence after this instant
}

// IsZero reports a post that does not recur.
func (r Recurrence) IsZero() bool { return r.Freq == Once }

// Validate says what is wrong with a recurrence.
func (r Recurrence) Validate() error {
	switch r.Freq {
	case Once:
		return nil
	case Weekly, Monthly:
	default:
		return Say(`unknown recurrence "{{.Freq}}" (want weekly or monthly)`, "Freq", string(r.Freq))
	}
	if r.Every < 0 {
		return Say("a recurrence every {{.Every}} weeks or months: want a positive number", "Every", r.Every)
	}
	if _, err := time.Parse(WallLayout, r.Anchor); err != nil {
		return Say(`the recurrence starts at "{{.Anchor}}": want a date and time like {{.Layout}}`, "Anchor", r.Anchor, "Layout", WallLayout).Because(err)
	}
	return nil
}

// Occurrence is the instant of occurrence n (0 is the anchor) in loc.
func (r Recurrence) Occurrence(n int, loc *time.Location) (time.Time, error) {
	a, err := time.Parse(WallLayout, r.Anchor)
	if err != nil {
		return time.Time{}, fmt.Errorf("recurrence: anchor %q: %w", r.Anchor, err)
	}
	step := max(r.Every, 1) * n
	switch r.Freq {
	case Weekly:
		return time.Date(a.Year(), a.Month(), a.Day()+7*step, a.Hour(), a.Minute(), 0, 0, loc), nil
	case Monthly:
		first := time.Date(a.Year(), a.Month()+time.Month(step), 1, 0, 0, 0, 0, time.UTC)
		day := min(a.Day(), daysIn(first.Year(), first.Month()))
		return time.Date(first.Year(), first.Month(), day, a.Hour(), a.Minute(), 0, 0, loc), nil
	}
	return time.Time{}, fmt.Errorf("recurrence %q has no occurrences", r.Freq)
}

// Next is the first occurrence after n that is still ahead of now: the
// occurrences missed while Hearth was closed are skipped, never published
// in a burst. ok is false when the series ended (Until).
func (r Recurrence) Next(n int, now time.Time, loc *time.Location) (next int, at time.Time, ok bool, err error) {
	for next = n + 1; ; next++ {
		if at, err = r.Occurrence(next, loc); err != nil {
			return 0, time.Time{}, false, err
		}
		if !r.Until.IsZero() && at.After(r.Until) {
			return 0, time.Time{}, false, nil
		}
		if at.After(now) {
			return next, at, true, nil
		}
	}
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// InZone turns a wall-clock time in a named IANA zone (from the OS
// time-zone database) into an instant. A time that does not exist (skipped
// by a spring-forward change) is moved forward by the gap, as the clocks are.
func InZone(wall, zone string) (time.Time, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.Time{}, fmt.Errorf("time zone %q: %w", zone, err)
	}
	t, err := time.ParseInLocation(WallLayout, wall, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q: want %s", wall, WallLayout)
	}
	return t, nil
}
