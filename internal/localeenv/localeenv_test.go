package localeenv

import (
	"os"
	"testing"

	"github.com/jeandeaual/go-locale"
	"golang.org/x/text/language"
)

// Each environment, once normalised, gives Fyne's locale lookup (the same
// library) tags it parses, and the language a person expects.
func TestNormalizeLetsFyneParseTheLocale(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		set  string // LANGUAGE set by Normalize, "" for none
		want string // first tag go-locale then reports, "" for none (Fyne: English)
	}{
		{"unset", nil, "", ""},
		{"C", map[string]string{"LANG": "C"}, "", ""},
		{"POSIX", map[string]string{"LC_ALL": "POSIX"}, "", ""},
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, "en", "en"},
		{"C.utf8 in LC_ALL over a Russian LANG", map[string]string{"LC_ALL": "C.utf8", "LANG": "ru_RU.UTF-8"}, "en", "en"},
		{"POSIX.UTF-8", map[string]string{"LC_MESSAGES": "POSIX.UTF-8"}, "en", "en"},
		{"ru_RU.UTF-8", map[string]string{"LANG": "ru_RU.UTF-8"}, "", "ru-RU"},
		{"bg_BG", map[string]string{"LANG": "bg_BG"}, "", "bg-BG"},
		{"es_419", map[string]string{"LANG": "es_419.UTF-8"}, "", "es-419"},
		{"modifier", map[string]string{"LANG": "de_DE.UTF-8@euro"}, "de_DE", "de-DE"},
		{"LANGUAGE chosen by the person wins", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr:en"}, "", "fr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
				t.Setenv(k, tt.env[k])
			}
			got, ok := Normalize(os.Getenv)
			if got != tt.set || ok != (tt.set != "") {
				t.Fatalf("Normalize = %q, %v; want %q", got, ok, tt.set)
			}
			if ok {
				os.Setenv("LANGUAGE", got)
			}
			tags, err := locale.GetLocales()
			if err != nil {
				t.Fatal(err)
			}
			for _, tag := range tags {
				if _, err := language.Parse(tag); err != nil {
					t.Errorf("Fyne would log: error parsing user locale %q: %v", tag, err)
				}
			}
			first := ""
			if len(tags) > 0 {
				first = tags[0]
			}
			if first != tt.want {
				t.Errorf("locale = %q, want %q", first, tt.want)
			}
		})
	}
}
