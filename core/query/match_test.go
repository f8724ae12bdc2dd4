package query_test

import (
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/core/query/querytest"
)

func TestMatch(t *testing.T) {
	targets := querytest.Fixture()
	for _, tt := range querytest.Cases {
		q, err := query.ParseAt(tt.Q, querytest.Now)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.Q, err)
		}
		var got []string
		for name, tg := range targets {
			if q.Match(query.NewDoc(tg)) {
				got = append(got, name)
			}
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(tt.Want))
		if !slices.Equal(got, want) {
			t.Errorf("%s matches %v, want %v", tt.Q, got, want)
		}
	}
}

// hour: and weekday: read the item's time on the parse location's clock:
// the night summer time ends in Paris, 00:30 and 01:30 UTC are both 2 h.
func TestMatchHourOnTheZonesClock(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, paris)
	tests := []struct {
		at   time.Time
		q    string
		want bool
	}{
		{time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), "weekday:sun hour:2", true}, // 02:30 CEST
		{time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), "weekday:sun hour:2", true}, // 02:30 CET
		{time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), "hour:1", false},
		{time.Date(2026, 10, 24, 22, 30, 0, 0, time.UTC), "weekday:sun hour:0", true}, // Saturday in UTC
		{time.Date(2026, 10, 24, 22, 30, 0, 0, time.UTC), "weekday:sat", false},
		{time.Date(2026, 10, 25, 5, 30, 0, 0, time.UTC), "wait:..1d", false}, // the store's alone
	}
	for _, tt := range tests {
		q, err := query.ParseAt(tt.q, now)
		if err != nil {
			t.Fatal(err)
		}
		doc := query.NewDoc(query.Target{Item: core.Item{CreatedAt: tt.at, Outgoing: true}, Followers: -1})
		if got := q.Match(doc); got != tt.want {
			t.Errorf("%s at %s: %v, want %v", tt.q, tt.at, got, tt.want)
		}
	}
}
