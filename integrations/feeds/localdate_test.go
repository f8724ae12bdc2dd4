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
		{"", ""},
		{"sometime last week", ""},
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
