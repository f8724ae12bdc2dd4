package posttext

import (
	"strings"
	"testing"
)

func TestXLengthForTheComposer(t *testing.T) {
	cases := []struct {
		name string
		text string
		want int
	}{
		{"empty", "", 0},
		{"cyrillic weighs one", "Привет, сообщество!", 19},
		{"french accents in NFD count once", "e\u0301te\u0301", 3},
		{"link counts 23 whatever its length", "Notes: https://hearth.gg/patch-notes/season-3?lang=fr#changes", 30},
		{"link without protocol", "see hearth.com/news today", 33},
		{"trailing full stop is not the link", "Read https://hearth.gg/a.", 29},
		{"CJK weighs two", "季節", 4},
		{"flag is one emoji", "GG 🇫🇷", 5},
		{"keycap with selector", "#️⃣", 2},
		{"handle and hashtag are plain text", "@hearthgame #coop", 17},
		{"email is not a link", "write to team@hearthgame.com", 28},
		{"reserved test domain is no link", "https://hearth.example/x", 24},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := XLength(tc.text); got != tc.want {
				t.Errorf("XLength(%q) = %d, want %d", tc.text, got, tc.want)
			}
		})
	}
}

func TestRemainingGoesNegativeOverTheLimit(t *testing.T) {
	r := ParseX(strings.Repeat("a", 279) + "季")
	if r.Valid || r.Remaining() != -1 {
		t.Errorf("279 latin + 1 CJK: valid %v remaining %d, want invalid and -1", r.Valid, r.Remaining())
	}
	if r := ParseX(strings.Repeat("a", 280)); !r.Valid || r.Remaining() != 0 {
		t.Errorf("280 latin: valid %v remaining %d", r.Valid, r.Remaining())
	}
}

func FuzzParseX(f *testing.F) {
	for _, s := range []string{"", "Hi http://test.co", "👨‍👩‍👧‍👦", "1⃣", "\uFFFE", "https://x.co/(a)", "@a/b", "é\u0301", "\U000E007F🏴"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := ParseX(s)
		if r.WeightedLength < 0 || r.Permillage < 0 {
			t.Fatalf("%q: negative length %+v", s, r)
		}
		if r.Valid && (r.WeightedLength == 0 || r.WeightedLength > XMaxWeighted) {
			t.Fatalf("%q: valid with length %d", s, r.WeightedLength)
		}
		if r.ValidRange.End > r.Display.End {
			t.Fatalf("%q: valid range %+v beyond display %+v", s, r.ValidRange, r.Display)
		}
		for _, m := range MentionsOrLists(s) {
			if m.Start < 0 || m.End <= m.Start || m.End > len([]rune(s)) {
				t.Fatalf("%q: mention %+v out of the text", s, m)
			}
		}
	})
}
