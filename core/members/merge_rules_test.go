package members

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func TestSuggestionStrength(t *testing.T) {
	cases := []struct {
		reasons []core.MergeReason
		want    int
	}{
		{nil, 0},
		{[]core.MergeReason{core.ReasonSameFullName}, 1},
		{[]core.MergeReason{core.ReasonHandleIsLocal}, 2},
		{[]core.MergeReason{core.ReasonSameHandle}, 3},
		{[]core.MergeReason{core.ReasonSamePhoto}, 3},
		{[]core.MergeReason{core.ReasonNameAndLocal, core.ReasonSameFullName}, 4},
		{[]core.MergeReason{core.ReasonSameHandle, core.ReasonSamePhoto, core.ReasonHandleIsLocal}, 8},
		{[]core.MergeReason{core.ReasonSameHandle, core.ReasonSameHandle}, 3}, // a reason counts once
		{[]core.MergeReason{"unknown"}, 0},
	}
	for _, c := range cases {
		if got := strength(c.reasons); got != c.want {
			t.Errorf("strength(%v) = %d, want %d", c.reasons, got, c.want)
		}
	}
}

// Strongest first; equal strengths by the members' ids.
func TestRankSuggestions(t *testing.T) {
	sg := func(a, b int64, reasons ...core.MergeReason) core.MergeSuggestion {
		return core.MergeSuggestion{MemberA: a, MemberB: b, Reasons: reasons}
	}
	list := []core.MergeSuggestion{
		sg(1, 9, core.ReasonSameFullName),
		sg(5, 6, core.ReasonSamePhoto),
		sg(2, 3, core.ReasonHandleIsLocal),
		sg(4, 8, core.ReasonNameAndLocal, core.ReasonSameFullName),
		sg(4, 7, core.ReasonSameHandle),
		sg(1, 2, core.ReasonSamePhoto),
	}
	rankSuggestions(list)
	var got [][2]int64
	var strengths []int
	for _, s := range list {
		got = append(got, [2]int64{s.MemberA, s.MemberB})
		strengths = append(strengths, s.Strength)
	}
	want := [][2]int64{{4, 8}, {1, 2}, {4, 7}, {5, 6}, {2, 3}, {1, 9}}
	if !slices.Equal(got, want) || !slices.Equal(strengths, []int{4, 3, 3, 3, 2, 1}) {
		t.Errorf("ranked %v strengths %v, want %v strengths 4 3 3 3 2 1", got, strengths, want)
	}
}

func TestMergeFields(t *testing.T) {
	day := func(n int) time.Time { return time.Date(2026, 1, n, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		name       string
		into, from core.Member
		want       core.Member
	}{
		{"into's fields win, empty ones are filled",
			core.Member{ID: 1, Name: "Anna", Bio: "Painter", FirstSeen: day(5)},
			core.Member{ID: 2, Name: "Анна", PhotoURL: "p.jpg", Location: "Lyon", Language: "ru", Bio: "Artist", FirstSeen: day(9)},
			core.Member{ID: 1, Name: "Anna", PhotoURL: "p.jpg", Location: "Lyon", Language: "ru", Bio: "Painter", FirstSeen: day(5)}},
		{"the earliest first sighting",
			core.Member{ID: 1, FirstSeen: day(9)},
			core.Member{ID: 2, FirstSeen: day(3)},
			core.Member{ID: 1, FirstSeen: day(3)}},
		{"the latest last sighting and contact",
			core.Member{ID: 1, FirstSeen: day(1), LastSeen: day(4), LastContacted: day(8)},
			core.Member{ID: 2, FirstSeen: day(1), LastSeen: day(6), LastContacted: day(7)},
			core.Member{ID: 1, FirstSeen: day(1), LastSeen: day(6), LastContacted: day(8)}},
		{"never beats nothing",
			core.Member{ID: 1, FirstSeen: day(1)},
			core.Member{ID: 2, FirstSeen: day(1), LastSeen: day(2), LastContacted: day(3)},
			core.Member{ID: 1, FirstSeen: day(1), LastSeen: day(2), LastContacted: day(3)}},
		{"a set time is kept against never",
			core.Member{ID: 1, FirstSeen: day(1), LastSeen: day(2), LastContacted: day(3)},
			core.Member{ID: 2, FirstSeen: day(1)},
			core.Member{ID: 1, FirstSeen: day(1), LastSeen: day(2), LastContacted: day(3)}},
	}
	for _, c := range cases {
		if got := mergeFields(c.into, c.from); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}
