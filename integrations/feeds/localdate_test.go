package feeds

import (
	"path/filepath"
	"testing"
	"time"
)

// Feeds that write their dates with local day and month names still give
// their entries a time; what is not a date stays without one.
func TestLocalDates(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339; "" for no date
	}{
		{"Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T19:42:40-03:00"},
		{"lun., 24 sept. 2018 19:42:40 +0200", "2018-09-24T19:42:40+02:00"},
		{"mer, 3 déc 2025 08:05:00 +0100", "2025-12-03T08:05:00+01:00"},
		{"Пн, 24 сен 2018 19:42:40 +0300", "2018-09-24T19:42:40+03:00"},
		{"Mo, 24 Sep 2018 19:42:40 +0200", "2018-09-24T19:42:40+02:00"},
		{"24 Set 2018 19:42:40 -0300", "2018-09-24T19:42:40-03:00"},
		{"sex., 13 dez. 2024 07:30:00 -0300", "2024-12-13T07:30:00-03:00"},
		// "mar" before the comma is the day (martes), after the number the month (marzo).
		{"mar, 12 mar 2024 10:00:00 +0100", "2024-03-12T10:00:00+01:00"},
		{"Вт, 12 марта 2024 10:00:00 +0300", "2024-03-12T10:00:00+03:00"},
		{"вт, 12 бер 2024 10:00:00 +0200", "2024-03-12T10:00:00+02:00"},
		{"Di, 12 Mär 2024 10:00:00 +0100", "2024-03-12T10:00:00+01:00"},
		{"di, 12 mrt 2024 10:00:00 +0100", "2024-03-12T10:00:00+01:00"},
		{"wt, 12 marca 2024 10:00:00 +0100", "2024-03-12T10:00:00+01:00"},
		{"mar, 12 mag 2026 10:00:00 +0200", "2026-05-12T10:00:00+02:00"},
		{"сб, 14 дек 2024 23:59:59 +0200", "2024-12-14T23:59:59+02:00"},
		{"", ""},
		{"sometime last week", ""},
		{"lun., 24 brumaire 2018 19:42:40 +0200", ""},
		{"Seg, 31 Fev 2018 19:42:40 -0300", ""},
	}
	for _, tt := range tests {
		got, ok := localDate(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("localDate(%q) = %v, want no date", tt.in, got)
			}
			continue
		}
		if !ok || got.Format(time.RFC3339) != tt.want {
			t.Errorf("localDate(%q) = %v, %v; want %s", tt.in, got, ok, tt.want)
		}
	}
}

// The Brazilian news feed writes "Seg, 24 Set 2018 …": every entry gets
// its time.
func TestPortugueseFeedEntriesAreDated(t *testing.T) {
	doc, err := parse(readFixture(t, filepath.Join("real", "rss-parser", "uolNoticias.rss")), "text/xml; charset=iso-8859-1")
	if err != nil {
		t.Fatal(err)
	}
	es := entries(doc, "")
	if len(es) == 0 {
		t.Fatal("no entries")
	}
	for _, e := range es {
		if e.published.IsZero() {
			t.Errorf("%q has no time", e.title)
		}
	}
}
