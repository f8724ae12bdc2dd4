package settings

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/ui/kit"
)

// A decimal setting reads in the person's language ("0,5" in French, not
// 0.5), is read back as it shows, and a refusal writes its bounds as the
// language groups digits.
func TestNumberFieldsInLanguage(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { kit.UseLanguage("en") })
	for _, c := range []struct{ lang, half, big, bounds string }{
		{"en", "0.5", "10000", "from 0 to 10,000"},
		{"fr", "0,5", "10000", "de 0 à 10\u00a0000"},
		{"ru", "0,5", "10000", "от 0 до 10\u00a0000"},
	} {
		if _, err := kit.UseLanguage(c.lang); err != nil {
			t.Fatal(err)
		}
		f := newField("")
		for v, want := range map[float64]string{0.5: c.half, 10000: c.big} {
			f.setFloat(v)
			if f.entry.Text != want {
				t.Errorf("%s: %v shows %q, want %q", c.lang, v, f.entry.Text, want)
			}
			if got, ok := f.floatIn(0, 10000); !ok || got != v {
				t.Errorf("%s: %q read back as %v, %v", c.lang, f.entry.Text, got, ok)
			}
		}
		f.entry.SetText("20000")
		if _, ok := f.floatIn(0, 10000); ok || !strings.Contains(f.problem.Text, c.bounds) {
			t.Errorf("%s: refusal %q, want %q in it", c.lang, f.problem.Text, c.bounds)
		}
	}
}
