package calendar

import (
	"testing"

	"github.com/hearthhq/hearth/ui/kit"
)

// loadLanguage loads the translations of the language in use, English
// unless a test chose another, as the window does before it is built (the
// English plural forms, "1 picture", are in the files).
func loadLanguage(t *testing.T) {
	t.Helper()
	if _, err := kit.UseLanguage(kit.Language()); err != nil {
		t.Fatal(err)
	}
}
