package kit

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/assets"
)

// translatedText is one text of a translation file: a key's text, or one
// plural form of it.
type translatedText struct {
	file, lang, key, text string
}

// translatedTexts reads every translation file (feature.lang.json) the
// scans look through.
func translatedTexts(t *testing.T) []translatedText {
	t.Helper()
	entries, err := assets.Translations.ReadDir(assets.TranslationsDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []translatedText
	for _, e := range entries {
		parts := strings.Split(e.Name(), ".")
		data, err := assets.Translations.ReadFile(assets.TranslationsDir + "/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]any
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		for k, v := range raw {
			switch v := v.(type) {
			case string:
				out = append(out, translatedText{e.Name(), parts[len(parts)-2], k, v})
			case map[string]any:
				for _, f := range v {
					if s, ok := f.(string); ok {
						out = append(out, translatedText{e.Name(), parts[len(parts)-2], k, s})
					}
				}
			}
		}
	}
	return out
}
