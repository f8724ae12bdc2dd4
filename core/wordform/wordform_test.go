package wordform

import (
	"slices"
	"testing"
)

// Each group lists forms of one word; each "not" a word that must stay
// apart from the group. Cyrillic words are compared under the Russian and
// the Bulgarian rules both (the language of a word is not known), so a
// Bulgarian "not" must stay apart under the Russian rules too: срещу
// (against) joins среща by them, and is not listed.
var formTests = []struct {
	name  string
	forms []string
	not   []string
}{
	{"ru meeting", []string{"встреча", "встрече", "встречу", "Встречи", "встречей", "встречами", "встречах"}, []string{"встречный", "встречная", "встать"}},
	{"ru community", []string{"сообщество", "сообщества", "сообществу", "сообществом", "сообществе"}, []string{"сообщение"}},
	{"ru yo folded", []string{"ёлка", "ёлки", "елку"}, []string{"ель"}},
	{"en meetup", []string{"meetup", "meetups"}, []string{"meet"}},
	{"en run", []string{"running", "runs", "run"}, []string{"runner", "rung"}},
	{"en community", []string{"community", "communities"}, []string{"commune"}},
	{"en happy", []string{"happy", "happiness"}, []string{"happen"}},
	{"fr meeting", []string{"réunion", "réunions", "REUNION"}, []string{"réunir"}},
	{"fr sing", []string{"chanter", "chante", "chantez", "chantait"}, []string{"chanson"}},
	{"fr beautiful", []string{"belle", "belles", "bel"}, []string{"bleu"}},
	{"bg meeting", []string{"среща", "срещата", "срещи", "срещите"}, []string{"срещна"}},
	{"bg city", []string{"град", "града", "градът", "градове", "градовете"}, []string{"градина"}},
	{"bg pupil", []string{"ученик", "ученика", "ученикът", "ученици", "учениците"}, []string{"учение"}},
	{"bg friend", []string{"приятел", "приятеля", "приятелят", "приятели", "приятелите"}, []string{"приятен"}},
	{"bg song", []string{"песен", "песента", "песни", "песните"}, []string{"пясък"}},
	{"bg theatre", []string{"театър", "театъра", "театърът", "театри", "театрите"}, nil},
	{"bg red", []string{"червен", "червена", "червено", "червени", "червеният", "червената"}, []string{"черен"}},
	{"bg woman", []string{"жена", "жената"}, []string{"жест"}},
}

func TestSameFindsFormsOnly(t *testing.T) {
	for _, tt := range formTests {
		t.Run(tt.name, func(t *testing.T) {
			first := Fold(tt.forms[0])
			for _, f := range tt.forms[1:] {
				if !Same(first, Fold(f)) {
					t.Errorf("%q and %q are not forms of one word: keys %v and %v", tt.forms[0], f, Keys(first), Keys(Fold(f)))
				}
			}
			for _, n := range tt.not {
				for _, f := range tt.forms {
					if Same(Fold(f), Fold(n)) {
						t.Errorf("%q and %q are taken for forms of one word: keys %v and %v", f, n, Keys(Fold(f)), Keys(Fold(n)))
					}
				}
			}
		})
	}
}

func TestStemBulgarian(t *testing.T) {
	tests := []struct{ in, want string }{
		{"среща", "срещ"}, {"срещите", "срещ"}, {"градовете", "град"}, {"ученици", "ученик"},
		{"дядовци", "дяд"}, {"дядо", "дяд"}, {"приятелят", "приятел"}, {"песента", "песн"}, {"театърът", "театр"},
		{"нов", "нов"}, {"ден", "ден"}, {"", ""}, {"училища", "учил"},
	}
	for _, tt := range tests {
		if got := StemBulgarian(tt.in); got != tt.want {
			t.Errorf("StemBulgarian(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeys(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"встреча", []string{"ru:встреч", "bg:встреч"}},
		{"meetups", []string{"en:meetup", "fr:meetup"}},
		{"in", nil},     // too short
		{"2026", nil},   // no letters
		{"ελλάδα", nil}, // no stemmer for the script
		{"abcжзи", nil}, // mixed scripts
	}
	for _, tt := range tests {
		if got := Keys(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("Keys(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestFoldAndTokens(t *testing.T) {
	if got := Tokens(Fold("Ёлка, CAFÉ l'Éléphant; rendez-vous Йогурт")); !slices.Equal(got,
		[]string{"елка", "cafe", "l", "elephant", "rendez", "vous", "йогурт"}) {
		t.Errorf("Tokens(Fold(...)) = %q", got)
	}
}
