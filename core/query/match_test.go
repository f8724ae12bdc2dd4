package query_test

import (
	"slices"
	"testing"

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
