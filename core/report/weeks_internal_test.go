package report

import (
	"slices"
	"testing"
)

// The tone chart writes one week's label in k, from the first, so that
// each label has 100 pixels: a quarter's 14 weeks under the window's
// 560-pixel chart show five.
func TestWeekLabelsLeaveRoom(t *testing.T) {
	weeks := []string{"1 Oct", "5 Oct", "12 Oct", "19 Oct", "26 Oct", "2 Nov", "9 Nov", "16 Nov", "23 Nov", "30 Nov",
		"7 Dec", "14 Dec", "21 Dec", "28 Dec"}
	for _, c := range []struct {
		width int
		shown []string
	}{
		{560, []string{"1 Oct", "19 Oct", "9 Nov", "30 Nov", "21 Dec"}},
		{1000, []string{"1 Oct", "12 Oct", "26 Oct", "9 Nov", "23 Nov", "7 Dec", "21 Dec"}},
		{2000, weeks},
	} {
		got := weekLabels(weeks, c.width)
		if len(got) != len(weeks) {
			t.Fatalf("width %d: %d labels for %d weeks", c.width, len(got), len(weeks))
		}
		shown := slices.DeleteFunc(slices.Clone(got), func(s string) bool { return s == "" })
		if !slices.Equal(shown, c.shown) {
			t.Errorf("width %d: shown %q, want %q", c.width, shown, c.shown)
		}
	}
	if got := weekLabels([]string{"2 Nov", "9 Nov"}, 560); !slices.Equal(got, []string{"2 Nov", "9 Nov"}) {
		t.Errorf("a month's few weeks lost labels: %q", got)
	}
}
