package report

import (
	"testing"

	"github.com/hearthhq/hearth/core/stats"
)

// Counts take the language's plural form (CLDR categories through
// go-i18n), and numbers its separators.
func TestWordsPluralsAndNumbers(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 comment"}, {"en", 0, "0 comments"}, {"en", 1234, "1,234 comments"},
		{"fr", 0, "0 commentaire"}, {"fr", 1, "1 commentaire"}, {"fr", 2, "2 commentaires"},
		{"fr", 1234, "1\u00a0234 commentaires"},
		{"ru", 1, "1 комментарий"}, {"ru", 3, "3 комментария"}, {"ru", 5, "5 комментариев"},
		{"ru", 11, "11 комментариев"}, {"ru", 21, "21 комментарий"}, {"ru", 1234, "1\u00a0234 комментария"},
		{"bg", 1, "1 коментар"}, {"bg", 2, "2 коментара"},
	} {
		w, err := wordsFor(c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.N("{{.Count}} comments", c.n, nil); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

// A tile's value and change read as stats.Format writes them, in the
// language: units, signs (a minus sign, not a hyphen), percent.
func TestWordsValues(t *testing.T) {
	cur := stats.KPIs{"reply_median_seconds": {Num: 3900, Known: true}, "answered_share": {Num: 0.5, Known: true},
		"items_in": {Num: 1500, Known: true}, "sentiment_mean": {Num: -0.13, Known: true},
		"sentiment_negative_share": {Num: 0.153, Known: true}, "ugc_share": {Num: 0.66, Known: true}}
	prev := stats.KPIs{"reply_median_seconds": {Num: 7800, Known: true}, "answered_share": {Num: 0.25, Known: true},
		"items_in": {Num: 1200, Known: true}, "sentiment_mean": {Num: -0.13, Known: true},
		"sentiment_negative_share": {Num: 0.15, Known: true}, "ugc_share": {Num: 0.6, Known: true}}
	for _, c := range []struct {
		lang, key, value, change string
	}{
		{"en", "reply_median_seconds", "1 h 05 min", "−1 h 05 min (−50%)"},
		{"ru", "reply_median_seconds", "1 ч 05 мин", "−1 ч 05 мин (−50\u00a0%)"},
		{"bg", "reply_median_seconds", "1 ч 05 мин", "−1 ч 05 мин (−50%)"},
		{"fr", "answered_share", "50\u00a0%", "+25 pts"},
		{"ru", "answered_share", "50\u00a0%", "+25 п. п."},
		{"en", "items_in", "1,500", "+300 (+25%)"},
		{"fr", "items_in", "1\u00a0500", "+300 (+25\u00a0%)"},
		{"ru", "sentiment_mean", "−0,13", "без изменений"},
		// 15.3% against 15%: both read 15 %, and the change is none, not
		// a red "+0 п. п.".
		{"ru", "sentiment_negative_share", "15\u00a0%", "без изменений"},
		{"en", "ugc_share", "66%", "+6 pts"},
	} {
		w, err := wordsFor(c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.value(c.key, cur[c.key]); got != c.value {
			t.Errorf("%s %s value %q, want %q", c.lang, c.key, got, c.value)
		}
		if got := w.change(cur, prev, c.key); got != c.change {
			t.Errorf("%s %s change %q, want %q", c.lang, c.key, got, c.change)
		}
	}
}

// A change too small to show is no news either way: no colour.
func TestNegligibleChangeIsNoNews(t *testing.T) {
	d := stats.Dashboard{KPIs: stats.KPIs{"sentiment_negative_share": {Num: 0.153, Known: true}, "ugc_share": {Num: 0.66, Known: true}},
		Prior: stats.KPIs{"sentiment_negative_share": {Num: 0.15, Known: true}, "ugc_share": {Num: 0.6, Known: true}}}
	for _, g := range Tiles(d) {
		for _, tl := range g.Tiles {
			want := map[string]int{"sentiment_negative_share": 0, "ugc_share": 1}
			if w, ok := want[tl.Key]; ok && (tl.Better != w || (w == 0) != (tl.Change == "no change")) {
				t.Errorf("%s: %q better %d, want %d", tl.Key, tl.Change, tl.Better, w)
			}
		}
	}
}

// A share's move is written in points with their plural form: "+1 pt"
// beside "+2 pts" on a tile, in each language (the CLI's English too).
func TestPointsTakeTheirPluralForm(t *testing.T) {
	share := func(v float64) stats.KPIs { return stats.KPIs{"answered_share": {Num: v, Known: true}} }
	for _, c := range []struct {
		lang      string
		cur, prev float64
		change    string
	}{
		{"en", 0.51, 0.50, "+1 pt"}, {"en", 0.48, 0.50, "−2 pts"}, {"en", 0.71, 0.50, "+21 pts"},
		{"fr", 0.51, 0.50, "+1 pt"}, {"fr", 0.52, 0.50, "+2 pts"},
		{"ru", 0.51, 0.50, "+1 п. п."}, {"ru", 0.53, 0.50, "+3 п. п."}, {"ru", 0.55, 0.50, "+5 п. п."},
		{"bg", 0.51, 0.50, "+1 пр. п."}, {"bg", 0.52, 0.50, "+2 пр. п."},
	} {
		w, err := wordsFor(c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.change(share(c.cur), share(c.prev), "answered_share"); got != c.change {
			t.Errorf("%s %.2f against %.2f: %q, want %q", c.lang, c.cur, c.prev, got, c.change)
		}
		if c.lang != "en" {
			continue
		}
		if got := stats.FormatChange(share(c.cur), share(c.prev), "answered_share"); got != c.change {
			t.Errorf("stats.FormatChange %.2f against %.2f: %q, want %q", c.cur, c.prev, got, c.change)
		}
	}
}

// A move of under half a percent has no percent: a reply time 15 minutes
// slower over 61 hours read "+15 min (+0 %)", a faster one "(−0 %)".
func TestChangeWithoutAZeroPercent(t *testing.T) {
	wait := func(h float64) stats.KPIs { return stats.KPIs{"reply_median_seconds": {Num: h * 3600, Known: true}} }
	for _, c := range []struct {
		lang      string
		cur, prev float64
		change    string
	}{
		{"en", 61, 61.25, "−15 min"}, {"en", 61.25, 61, "+15 min"}, {"en", 2, 1.75, "+15 min (+14%)"},
		{"fr", 61, 61.25, "−15 min"}, {"ru", 61.25, 61, "+15 мин"},
	} {
		w, err := wordsFor(c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.change(wait(c.cur), wait(c.prev), "reply_median_seconds"); got != c.change {
			t.Errorf("%s %v h against %v h: %q, want %q", c.lang, c.cur, c.prev, got, c.change)
		}
		if c.lang != "en" {
			continue
		}
		if got := stats.FormatChange(wait(c.cur), wait(c.prev), "reply_median_seconds"); got != c.change {
			t.Errorf("stats.FormatChange %v h against %v h: %q, want %q", c.cur, c.prev, got, c.change)
		}
	}
}
