package members

import (
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func TestWelcomeDue(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	const ms = time.Millisecond
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	cases := []struct {
		name     string
		m        core.Member
		welcomed time.Time
		want     bool
	}{
		{"joined a day ago", core.Member{JoinedAt: ago(WelcomeAfter), FirstSeen: ago(time.Hour)}, time.Time{}, true},
		{"joined two days ago", core.Member{JoinedAt: ago(WelcomeBefore)}, time.Time{}, true},
		{"joined just under a day ago", core.Member{JoinedAt: ago(WelcomeAfter - ms)}, time.Time{}, false},
		{"joined just over two days ago", core.Member{JoinedAt: ago(WelcomeBefore + ms)}, time.Time{}, false},
		{"no join: first seen counts", core.Member{FirstSeen: ago(30 * time.Hour)}, time.Time{}, true},
		{"a join outside wins over a sighting inside", core.Member{JoinedAt: ago(5 * 24 * time.Hour), FirstSeen: ago(30 * time.Hour)}, time.Time{}, false},
		{"welcomed already", core.Member{JoinedAt: ago(30 * time.Hour)}, ago(time.Hour), false},
		{"written to since the join", core.Member{JoinedAt: ago(30 * time.Hour), LastContacted: ago(29 * time.Hour)}, time.Time{}, false},
		{"written to at the join", core.Member{JoinedAt: ago(30 * time.Hour), LastContacted: ago(30 * time.Hour)}, time.Time{}, false},
		{"written to before the join", core.Member{JoinedAt: ago(30 * time.Hour), LastContacted: ago(40 * 24 * time.Hour)}, time.Time{}, true},
	}
	for _, c := range cases {
		if got := welcomeDue(c.m, c.welcomed, now); got != c.want {
			t.Errorf("%s: due %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCheckInDue(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	const ms = time.Millisecond
	quiet := now.Add(-CheckInQuiet)
	old := quiet.Add(-90 * 24 * time.Hour)
	cases := []struct {
		name      string
		m         core.Member
		checkedIn time.Time
		want      bool
	}{
		{"quiet since just before the month", core.Member{FirstSeen: old, LastSeen: quiet.Add(-ms)}, time.Time{}, true},
		{"wrote at the month's start", core.Member{FirstSeen: old, LastSeen: quiet}, time.Time{}, false},
		{"never wrote, known long", core.Member{FirstSeen: old}, time.Time{}, true},
		{"known only since the month's start", core.Member{FirstSeen: quiet}, time.Time{}, false},
		{"written to within the month", core.Member{FirstSeen: old, LastContacted: quiet}, time.Time{}, false},
		{"written to before it", core.Member{FirstSeen: old, LastContacted: quiet.Add(-ms)}, time.Time{}, true},
		{"checked in on within the month", core.Member{FirstSeen: old}, quiet, false},
		{"checked in on before it", core.Member{FirstSeen: old}, quiet.Add(-ms), true},
	}
	for _, c := range cases {
		if got := checkInDue(c.m, c.checkedIn, now); got != c.want {
			t.Errorf("%s: due %v, want %v", c.name, got, c.want)
		}
	}
}
