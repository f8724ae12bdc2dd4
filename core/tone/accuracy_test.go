package tone

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
)

// labelled is one message of the labelled set (testdata/labelled: written
// by hand for Hearth, see its LICENSE).
type labelled struct {
	lang    string
	label   core.ToneLabel
	abusive bool
	text    string
	line    int
}

func readLabelled(t testing.TB, lang string) []labelled {
	return readSet(t, "labelled", lang)
}

// readSet reads a labelled set: "labelled" (written while the lexicons
// were) or "heldout" (written after they were frozen, never tuned on).
func readSet(t testing.TB, set, lang string) []labelled {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", set, lang+".tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labels := map[string]core.ToneLabel{"pos": core.TonePositive, "neg": core.ToneNegative, "neu": core.ToneNeutral}
	var out []labelled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		f := strings.SplitN(sc.Text(), "\t", 3)
		if len(f) != 3 || labels[f[0]] == "" || (f[1] != "0" && f[1] != "1") {
			t.Fatalf("%s.tsv:%d: want label, abusive and text separated by tabs", lang, n)
		}
		out = append(out, labelled{lang: lang, label: labels[f[0]], abusive: f[1] == "1", text: f[2], line: n})
	}
	return out
}

// scores of one language on the labelled set.
type scores struct {
	n, lang, label, abuseTP, abuseFP, abuseFN int
}

func (s scores) String() string {
	return fmt.Sprintf("%d messages: language %.1f%%, label %.1f%%, abuse precision %.2f recall %.2f",
		s.n, pct(s.lang, s.n), pct(s.label, s.n), ratio(s.abuseTP, s.abuseTP+s.abuseFP), ratio(s.abuseTP, s.abuseTP+s.abuseFN))
}

func pct(a, b int) float64 { return 100 * ratio(a, b) }
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func measure(t *testing.T, a *Analyzer, set, lang string, verbose bool) scores {
	var s scores
	for _, m := range readSet(t, set, lang) {
		got := a.Analyze(m.text)
		s.n++
		if got.Lang == lang {
			s.lang++
		}
		if got.Label() == m.label {
			s.label++
		}
		switch {
		case got.Abusive && m.abusive:
			s.abuseTP++
		case got.Abusive:
			s.abuseFP++
		case m.abusive:
			s.abuseFN++
		}
		if verbose && (got.Lang != lang || got.Label() != m.label || got.Abusive != m.abusive) {
			t.Logf("%s/%s.tsv:%d %s/%v got %s %s %.2f/%v: %s", set, lang, m.line, m.label, m.abusive, got.Lang, got.Label(), got.Sentiment, got.Abusive, m.text)
		}
	}
	return s
}

// The accuracy may not fall below these floors (docs/tone.md gives the
// measured figures): on the set written with the lexicons, and on the
// held-out set written after them.
var floors = map[string]map[string]struct{ lang, label float64 }{
	"labelled": {
		English:   {0.95, 0.80},
		French:    {0.95, 0.90},
		Russian:   {0.95, 0.90},
		Bulgarian: {0.95, 0.90},
	},
	"heldout": {
		English:   {0.90, 0.70},
		French:    {0.90, 0.70},
		Russian:   {0.90, 0.70},
		Bulgarian: {0.90, 0.70},
	},
}

func TestLabelledSet(t *testing.T) {
	a := Default()
	for _, set := range []string{"labelled", "heldout"} {
		for _, lang := range []string{English, French, Russian, Bulgarian} {
			s := measure(t, a, set, lang, testing.Verbose())
			t.Logf("%s %s: %v", set, lang, s)
			fl := floors[set][lang]
			if ratio(s.lang, s.n) < fl.lang || ratio(s.label, s.n) < fl.label {
				t.Errorf("%s %s: %v, below the floor (language %.0f%%, label %.0f%%)", set, lang, s, 100*fl.lang, 100*fl.label)
			}
			if s.abuseFN > 1 || s.abuseFP > 1 {
				t.Errorf("%s %s: abuse missed %d, wrongly flagged %d (at most 1 each)", set, lang, s.abuseFN, s.abuseFP)
			}
		}
	}
}
