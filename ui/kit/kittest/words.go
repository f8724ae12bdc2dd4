// Package kittest holds checks that the tests of several ui packages share.
package kittest

import (
	"encoding/json"
	"testing"

	"github.com/hearthhq/hearth/assets"
)

// Languages are the languages every window string is translated into.
var Languages = []string{"en", "fr", "ru", "bg"}

// WordsTranslated fails t for each word without a key in
// assets/translations/<feature>.<lang>.json, in every language. It is for
// the words a screen translates by value (lang.L(v)), which the source
// scan of ui/kit cannot see: core's names of quadrants, KPIs, units.
func WordsTranslated(t testing.TB, feature string, words []string) {
	t.Helper()
	for _, l := range Languages {
		name := "translations/" + feature + "." + l + ".json"
		data, err := assets.Translations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := json.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, w := range words {
			if w == "" {
				t.Errorf("an empty word among %s's: a name core does not give", feature)
				continue
			}
			if _, ok := msgs[w]; !ok {
				t.Errorf("%s: no %q", name, w)
			}
		}
	}
}
