package dashboard

import (
	"testing"

	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/ui/kit/kittest"
)

// coreWords are the English words this screen shows through
// lang.L(value): core's KPI names, definitions and groups, its units and
// chart words, and the screen's own lists. A source scan cannot see
// them, so they are listed here from where they are defined.
func coreWords() []string {
	words := []string{allChannels, noChange, "in (members)", "out (ours)", "none", "replies", "all"}
	for _, m := range stats.Metrics {
		words = append(words, m.Name, m.Help, m.Group)
	}
	for _, c := range report.Charts {
		words = append(words, c.Title)
	}
	words = append(words, stats.Buckets...)
	for _, p := range periods {
		words = append(words, p.label)
	}
	for _, k := range unitKeys {
		words = append(words, k)
	}
	return words
}

// Every word of core the dashboard shows has its translation in each
// language: a new KPI without one would show English on a Russian screen.
func TestCoreWordsTranslated(t *testing.T) {
	kittest.WordsTranslated(t, "dashboard", coreWords())
}

// A value core formats keeps its numbers and gets the language's units.
func TestLocalValueUnits(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1 h 05 min", "1 h 05 min"},
		{"45 s", "45 s"},
		{"+3 pts", "+3 pts"},
		{"−2 d 17 h (−12%)", "−2 d 17 h (−12%)"},
		{"40", "40"},
		{"no change", "no change"},
	} {
		if got := localValue(c.in); got != c.want {
			t.Errorf("localValue(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
