package query

import (
	"testing"
	"time"
)

func TestHighlightsFindTheWordsASearchFound(t *testing.T) {
	tests := []struct {
		q, text string
		want    []string
	}{
		{"встреча", "Встречи по субботам, встречный ветер и ещё встречу", []string{"Встречи", "встречу"}},
		{`"café lyon" -spam`, "Rendez-vous au Cafe de Lyon, pas de spam", []string{"Cafe", "Lyon"}},
		{"meet* OR tournament from:anna", "Meetups and the tournament; meeting notes", []string{"Meetups", "tournament", "meeting"}},
		{"-bug crash", "crash report, no bug here", []string{"crash"}},
		{"channel:vk is:unread", "nothing to light up", nil},
	}
	for _, tt := range tests {
		q, err := ParseAt(tt.q, time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		var got []string
		for _, s := range q.Highlights(tt.text) {
			got = append(got, tt.text[s.Start:s.End])
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q in %q lit %q, want %q", tt.q, tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q in %q lit %q, want %q", tt.q, tt.text, got, tt.want)
				break
			}
		}
	}
}
