package core_test

import (
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func mustLoad(t *testing.T, zone string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatalf("the OS time-zone database lacks %s: %v", zone, err)
	}
	return loc
}

// A weekly 09:00 post stays at 09:00 local across both DST changes of
// Paris and New York: its UTC instant moves by the hour instead.
func TestWeeklyKeepsWallTimeAcrossDST(t *testing.T) {
	cases := []struct {
		zone, anchor string
		wantUTC      []string // occurrences 0, 1, 2
	}{
		{"Europe/Paris", "2026-03-22T09:00", []string{"2026-03-22T08:00:00Z", "2026-03-29T07:00:00Z", "2026-04-05T07:00:00Z"}},
		{"Europe/Paris", "2026-10-18T09:00", []string{"2026-10-18T07:00:00Z", "2026-10-25T08:00:00Z", "2026-11-01T08:00:00Z"}},
		{"America/New_York", "2026-03-01T09:00", []string{"2026-03-01T14:00:00Z", "2026-03-08T13:00:00Z", "2026-03-15T13:00:00Z"}},
		{"America/New_York", "2026-10-25T09:00", []string{"2026-10-25T13:00:00Z", "2026-11-01T14:00:00Z", "2026-11-08T14:00:00Z"}},
	}
	for _, c := range cases {
		t.Run(c.zone+" "+c.anchor, func(t *testing.T) {
			loc := mustLoad(t, c.zone)
			r := core.Recurrence{Freq: core.Weekly, Anchor: c.anchor}
			for n, want := range c.wantUTC {
				at, err := r.Occurrence(n, loc)
				if err != nil {
					t.Fatal(err)
				}
				if got := at.UTC().Format(time.RFC3339); got != want {
					t.Errorf("occurrence %d at %s, want %s", n, got, want)
				}
				if h, m, _ := at.In(loc).Clock(); h != 9 || m != 0 {
					t.Errorf("occurrence %d at %02d:%02d local, want 09:00", n, h, m)
				}
			}
		})
	}
}

func TestMonthlyClampsShortMonthsAndReturns(t *testing.T) {
	loc := mustLoad(t, "Europe/Paris")
	r := core.Recurrence{Freq: core.Monthly, Anchor: "2026-01-31T18:30"}
	want := []string{"2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"}
	for n, w := range want {
		at, err := r.Occurrence(n, loc)
		if err != nil {
			t.Fatal(err)
		}
		if got := at.Format("2006-01-02"); got != w || at.Hour() != 18 {
			t.Errorf("occurrence %d on %s %02d h, want %s 18 h", n, got, at.Hour(), w)
		}
	}
}

// After a two-month pause the next occurrence is the first one ahead of
// now, not the eight that were missed.
func TestNextSkipsMissedOccurrences(t *testing.T) {
	loc := mustLoad(t, "Europe/Paris")
	r := core.Recurrence{Freq: core.Weekly, Anchor: "2026-01-05T09:00"}
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, loc) // a Wednesday, nine weeks on
	n, at, ok, err := r.Next(0, now, loc)
	if err != nil || !ok {
		t.Fatalf("Next: %v %v", ok, err)
	}
	if want := time.Date(2026, 3, 9, 9, 0, 0, 0, loc); !at.Equal(want) || n != 9 {
		t.Errorf("next is occurrence %d at %v, want 9 at %v", n, at, want)
	}
	r.Until = now
	if _, _, ok, _ := r.Next(0, now, loc); ok {
		t.Errorf("a series that ended offers another occurrence")
	}
}

func TestInZoneGapMovesForward(t *testing.T) {
	at, err := core.InZone("2026-03-29T02:30", "Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	if got := at.Format("15:04 MST"); got != "03:30 CEST" {
		t.Errorf("02:30 on the spring-forward night is %s, want 03:30 CEST", got)
	}
	if _, err := core.InZone("2026-03-29T09:00", "Mars/Olympus"); err == nil {
		t.Errorf("an unknown zone was accepted")
	}
}
