package tone

import (
	"strings"
	"testing"
)

// Lexicons in the shapes people bring convert to entries that score.
func TestConvert(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		skipped  int
	}{
		{"hearth", "# mine\ns фиолетово -2\na гад\n", []string{"s фиолетово -2", "a гад"}, 0},
		{"term;score in [-1,1]", "term;tag;value\nфиолетово;NEUT;-0.5\nлазурный;ADJ;1\n",
			[]string{"s фиолетово -1.5", "s лазурный 3"}, 1},
		{"tab, [-2,2]", "фиолетово\t-2\nлазурный\t1\n", []string{"s фиолетово -3", "s лазурный 1.5"}, 0},
		{"rusentilex", "!comment\nфиолетового, Adj, фиолетовый, negative, opinion\nлазурь, Noun, лазурь, neutral, fact\n",
			[]string{"s фиолетовый -2"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, n, skipped, err := Convert(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Split(strings.TrimSpace(string(out)), "\n")
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || n != len(tt.want) || skipped != tt.skipped {
				t.Errorf("Convert = %q (%d, skipped %d), want %q (skipped %d)", got, n, skipped, tt.want, tt.skipped)
			}
			a, _ := New()
			if _, err := a.Import(Russian, strings.NewReader(string(out)), "converted"); err != nil {
				t.Errorf("converted lexicon does not import: %v", err)
			}
		})
	}
	if _, _, _, err := Convert(strings.NewReader("just words\nno scores\n")); err == nil {
		t.Error("Convert of a file with no entries succeeded")
	}
}
