package tone

import (
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
)

// Each language handles negation, boosters, contrast and abuse.
func TestAnalyze(t *testing.T) {
	tests := []struct {
		text    string
		lang    string
		label   core.ToneLabel
		abusive bool
	}{
		// Russian
		{"Спасибо, всё отлично!", Russian, core.TonePositive, false},
		{"Это плохо.", Russian, core.ToneNegative, false},
		{"Не плохо, мне понравилось.", Russian, core.TonePositive, false},
		{"Неплохо получилось", Russian, core.TonePositive, false},
		{"Это не хорошо, звук отвратительный.", Russian, core.ToneNegative, false},
		{"Дизайн красивый, но приложение вылетает", Russian, core.ToneNegative, false},
		{"Ты идиот", Russian, core.ToneNegative, true},
		{"Ты не дурак, просто устал", Russian, core.ToneNeutral, false},
		{"Я тебя найду и убью", Russian, core.ToneNegative, true},
		{"Когда следующая встреча?", Russian, core.ToneNeutral, false},
		{"Спасибо)))", Russian, core.TonePositive, false},
		// French
		{"Merci beaucoup, c'est génial !", French, core.TonePositive, false},
		{"Pas mal du tout !", French, core.TonePositive, false},
		{"Ce n'est pas mal, j'aime bien.", French, core.TonePositive, false},
		{"Ce n'est pas bon du tout.", French, core.ToneNegative, false},
		{"C'est joli mais ça plante sans arrêt", French, core.ToneNegative, false},
		{"Ferme ta gueule, connard", French, core.ToneNegative, true},
		{"Je sais où tu habites.", French, core.ToneNegative, true},
		{"La rencontre est à quelle heure ?", French, core.ToneNeutral, false},
		// Bulgarian
		{"Благодаря, беше страхотно!", Bulgarian, core.TonePositive, false},
		{"Не е лошо, хареса ми.", Bulgarian, core.TonePositive, false},
		{"Не е добре, звукът е ужасен.", Bulgarian, core.ToneNegative, false},
		{"Ти си пълен идиот", Bulgarian, core.ToneNegative, true},
		{"Ще те убия", Bulgarian, core.ToneNegative, true},
		{"Кога е следващата среща?", Bulgarian, core.ToneNeutral, false},
		// English (VADER)
		{"Thanks, the meetup was great!", English, core.TonePositive, false},
		{"Not bad at all.", English, core.TonePositive, false},
		{"The app keeps crashing, this is terrible.", English, core.ToneNegative, false},
		{"You are an idiot.", English, core.ToneNegative, true},
		{"Go kill yourself", English, core.ToneNegative, true},
		{"When is the next meetup?", English, core.ToneNeutral, false},
		// No words
		{"👍👍", "", core.TonePositive, false},
		{"", "", core.ToneNeutral, false},
	}
	a := Default()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := a.Analyze(tt.text)
			if got.Lang != tt.lang || got.Label() != tt.label || got.Abusive != tt.abusive {
				t.Errorf("Analyze(%q) = %s %s (%.2f) abusive %v, want %s %s abusive %v", tt.text,
					got.Lang, got.Label(), got.Sentiment, got.Abusive, tt.lang, tt.label, tt.abusive)
			}
			if got.Sentiment < -1 || got.Sentiment > 1 {
				t.Errorf("sentiment %v outside [-1, 1]", got.Sentiment)
			}
		})
	}
}

// A booster makes a word count more, a dampener less.
func TestBoosters(t *testing.T) {
	a := Default()
	for _, tt := range [][3]string{
		{"Это хорошо сделано", "Это очень хорошо сделано", "Это немного хорошо сделано"},
		{"C'est bien fait", "C'est très bien fait", "C'est un peu bien fait"},
		{"Това е добре направено", "Това е много добре направено", "Това е малко добре направено"},
	} {
		plain, boosted, damped := a.Analyze(tt[0]).Sentiment, a.Analyze(tt[1]).Sentiment, a.Analyze(tt[2]).Sentiment
		if !(boosted > plain && plain > damped && damped > 0) {
			t.Errorf("%q %.3f, %q %.3f, %q %.3f: want boosted > plain > damped > 0", tt[1], boosted, tt[0], plain, tt[2], damped)
		}
	}
}

// The bundled lexicons parse, and each has a good number of entries.
func TestBundledLexicons(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for lang, min := range map[string]int{English: 60, French: 240, Russian: 280, Bulgarian: 200} {
		if n := a.lex[lang].Len(); n < min {
			t.Errorf("%s lexicon has %d entries, want at least %d", lang, n, min)
		}
	}
}

// Bad lexicon lines are refused with their line number; nothing is added.
func TestImport(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"x слово 1", "s слово", "s слово 9", "s 2", "a"} {
		if _, err := a.Import(Russian, strings.NewReader("s хорошо 2\n"+bad+"\n"), "my.txt"); err == nil || !strings.Contains(err.Error(), "my.txt:2") {
			t.Errorf("Import(%q) = %v, want an error at my.txt:2", bad, err)
		}
	}
	if _, err := a.Import("de", strings.NewReader("s gut 2\n"), "de.txt"); err == nil {
		t.Error("Import of an unknown language succeeded")
	}
	if got := a.Analyze("Это фиолетово").Label(); got != core.ToneNeutral {
		t.Fatalf("before import: %s", got)
	}
	n, err := a.Import(Russian, strings.NewReader("# mine\ns фиолетово -2\n"), "my.txt")
	if err != nil || n != 1 {
		t.Fatalf("Import = %d, %v", n, err)
	}
	if got := a.Analyze("Это фиолетово").Label(); got != core.ToneNegative {
		t.Errorf("after import: %s, want negative", got)
	}
}
