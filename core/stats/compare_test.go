package stats

import (
	"testing"
	"time"
)

// A period under way is compared with as many days of the one before as
// it has begun; a past one with the whole period before.
func TestComparedWith(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, paris) }
	for _, c := range []struct {
		name     string
		p        Period
		now      time.Time
		from, to time.Time
	}{
		{"month under way", MonthOf(day(12, 5)), day(12, 5).Add(10 * time.Hour), day(11, 1), day(11, 6)},
		{"first day", MonthOf(day(12, 1)), day(12, 1).Add(time.Hour), day(11, 1), day(11, 2)},
		{"31st against a shorter month", MonthOf(day(12, 31)), day(12, 31).Add(time.Hour), day(11, 1), day(12, 1)},
		{"past month", MonthOf(day(10, 1)), day(12, 5), day(9, 1), day(10, 1)},
		{"week under way", WeekOf(day(12, 2)), day(12, 2).Add(time.Hour), day(11, 23), day(11, 26)},
	} {
		got := comparedWith(c.p, c.now)
		if !got.From.Equal(c.from) || !got.To.Equal(c.to) {
			t.Errorf("%s: compared with %s..%s, want %s..%s", c.name, got.From.Format(time.DateOnly),
				got.To.Format(time.DateOnly), c.from.Format(time.DateOnly), c.to.Format(time.DateOnly))
		}
	}
}
