package kit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestShortenWordsCutsAfterAWord(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"Game night this Friday at 19:00", 40, "Game night this Friday at 19:00"},
		{"Game night this Friday at 19:00", 18, "Game night this…"},
		{"Game night this Friday at 19:00", 16, "Game night this…"},
		{"Game night, this Friday", 13, "Game night…"},
		{"Вечер настольных игр в пятницу", 20, "Вечер настольных…"},
		{"Supercalifragilistic", 8, "Superca…"},
		{"abc", 1, "…"},
	} {
		if got := ShortenWords(c.in, c.n); got != c.want {
			t.Errorf("ShortenWords(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
		if got := []rune(ShortenWords(c.in, c.n)); len(got) > max(c.n, 1) {
			t.Errorf("ShortenWords(%q, %d) is %d long", c.in, c.n, len(got))
		}
	}
}

func TestFitWordsCutsAfterAWord(t *testing.T) {
	test.NewTempApp(t)
	size, style := theme.TextSize(), fyne.TextStyle{}
	width := func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
	text := "13:00 Game night this Friday at 19:00! New games: Cascadia, Brass."
	for _, w := range []float32{width("13:00 Game ni…"), width("13:00 Game night this Fri…"), width(text) - 1} {
		got := FitWords(text, size, style, w)
		if width(got) > w {
			t.Errorf("at %v: %q is wider", w, got)
		}
		body := strings.TrimSuffix(got, "…")
		if !strings.HasSuffix(got, "…") || !strings.HasPrefix(text, body) || (len(body) < len(text) && !strings.ContainsRune(" ,;:", rune(text[len(body)]))) {
			t.Errorf("at %v: %q is not cut after a word", w, got)
		}
	}
	if got := FitWords(text, size, style, width(text)); got != text {
		t.Errorf("a text that fits was cut: %q", got)
	}
	if got := FitWords("Supercalifragilistic", size, style, width("Super…")); got != "Super…" {
		t.Errorf("one long word: %q", got)
	}
	// A long word in a narrow chip: cut inside it rather than keep the
	// time alone.
	if got := FitWords("09:30 Осенняя ярмарка настольных игр", size, style, width("09:30 Осення…")); got != "09:30 Осення…" {
		t.Errorf("a long word in a narrow space: %q", got)
	}
	if got := FitWords(text, size, style, 0); got != "" {
		t.Errorf("no room: %q", got)
	}
}

// A rule's query is cut between its terms, never inside one, even when a
// word cut leaves much of the room empty; a first word too long still
// shows what fits.
func TestFitWholeWordsNeverCutsATerm(t *testing.T) {
	test.NewTempApp(t)
	size, style := theme.TextSize(), fyne.TextStyle{}
	s := "если is:abusive kind:vk_comment → hide"
	width := fyne.MeasureText("если is:abusive kind:vk_co…", size, style).Width
	if got := FitWholeWords(s, size, style, width); got != "если is:abusive…" {
		t.Errorf("got %q, want the cut after is:abusive", got)
	}
	if got := FitWords(s, size, style, width); got != "если is:abusive kind:vk_co…" {
		t.Errorf("FitWords keeps the most text: %q", got)
	}
	long := "channel:vk_community_with_a_long_name"
	if got := FitWholeWords(long, size, style, fyne.MeasureText("channel:vk_…", size, style).Width); got != "channel:vk_…" {
		t.Errorf("one long term: %q", got)
	}
}

// A rule's place before its name is no word to cut after: "3. Жал…", not
// "3.…" with the name gone.
func TestFitWholeWordsKeepsANameAfterItsNumber(t *testing.T) {
	test.NewTempApp(t)
	size, style := theme.TextSize(), fyne.TextStyle{}
	room := fyne.MeasureText("3. Жалобы на…", size, style).Width
	if got := FitWholeWords("3. Жалобы на доставку", size, style, room); got != "3. Жалобы на…" {
		t.Errorf("got %q", got)
	}
	room = fyne.MeasureText("3. Жал…", size, style).Width
	if got := FitWholeWords("3. Жалобы на доставку", size, style, room); got != "3. Жал…" {
		t.Errorf("got %q, want the name's start after its number", got)
	}
}

// The cut starts from an estimate of each character's width, which is off
// by kerning ("AVA", "To"), tabs and emoji: whatever the estimate, the
// prefix kept is the longest that fits with its "…", at every width, and a
// text that fits is kept whole.
func TestLongestFitKeepsTheLongestPrefixThatFits(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	for _, s := range []string{
		"AVAWAY To Tatyana, Yves: ATAVA VAVAVA LTA",
		"Вечер настольных игр в пятницу, приходите все",
		"Soirée jeux 🎲🎉 vendredi\tà 19h 👋🏽 ffi fl",
		"Famille 👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦 é",
		"Събрание на доброволците в неделя",
		"W",
	} {
		r := []rune(s)
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			full := fyne.MeasureText(s, size, style).Width
			for w := float32(0); w < full+10; w += 3 {
				n := longestFit(r, size, style, w)
				if n > 0 && fyne.MeasureText(string(r[:n])+"…", size, style).Width > w {
					t.Errorf("%q, bold %v, width %.0f: %q does not fit", s, style.Bold, w, string(r[:n])+"…")
				}
				if n < len(r) && fyne.MeasureText(string(r[:n+1])+"…", size, style).Width <= w {
					t.Errorf("%q, bold %v, width %.0f: kept %d characters, %q fits too", s, style.Bold, w, n, string(r[:n+1])+"…")
				}
				got := FitWords(s, size, style, w)
				if whole := fyne.MeasureText(s, size, style).Width <= w; whole != (got == s) {
					t.Errorf("%q, bold %v, width %.0f: FitWords gave %q", s, style.Bold, w, got)
				}
				if got != "" && fyne.MeasureText(got, size, style).Width > w {
					t.Errorf("%q, bold %v, width %.0f: FitWords gave %q, too wide", s, style.Bold, w, got)
				}
			}
		}
	}
}
