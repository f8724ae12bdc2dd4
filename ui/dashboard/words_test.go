package dashboard

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/ui/kit"
	"github.com/hearthhq/hearth/ui/kit/kittest"
)

// coreWords are the English words this screen shows through
// lang.L(value): core's KPI names, definitions and groups, its units and
// chart words, and the screen's own lists. A source scan cannot see
// them, so they are listed here from where they are defined.
func coreWords() []string {
	words := []string{allChannels, "in (members)", "out (ours)", "none", "replies", "all"}
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
	return words
}

// Every word of core the dashboard shows has its translation in each
// language: a new KPI without one would show English on a Russian screen.
func TestCoreWordsTranslated(t *testing.T) {
	kittest.WordsTranslated(t, "dashboard", coreWords())
}

// In French the tiles and the line above them read as a French report:
// its words, its dates, its numbers and percent signs.
func TestTilesInThePersonsLanguage(t *testing.T) {
	if _, err := kit.UseLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = kit.UseLanguage("en") })
	h := newHarness(t)
	if got, want := h.s.sub.Text, "1 mars 2025"; !strings.Contains(got, want) {
		t.Errorf("subtitle %q, want the days in French (%q)", got, want)
	}
	v := h.s.tiles["items_in"]
	if strings.ReplaceAll(v.name.Text, "\n", " ") != "Messages reçus" || v.value.Text != "40" {
		t.Errorf("messages in: %q %q, want Messages reçus 40", v.name.Text, v.value.Text)
	}
	// A share: "62 %" with the no-break space French puts before %.
	share := h.s.tiles["ugc_share"].value.Text
	if !strings.HasSuffix(share, "\u00a0%") && !strings.HasSuffix(share, "\u202f%") {
		t.Errorf("share %q, want a French percent", share)
	}
	// The members behind a number are named in French on the member
	// table's chip.
	test.Tap(h.s.tiles["members_new"].value)
	h.WaitFor("the new members", func() bool { return len(h.sets) == 1 })
	if got := h.sets[0].Name; got != "Nouveaux membres · mars 2025" {
		t.Errorf("the new members are named %q, want Nouveaux membres · mars 2025", got)
	}
}
