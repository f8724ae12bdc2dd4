package kit

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit/kittest"
)

// Every fixed sentence about a channel has its words in each language, and
// is still written by an integration or core (a sentence reworded there
// would show English again): its quoted literal is in their source.
func TestChannelWordsTranslatedAndStillUsed(t *testing.T) {
	kittest.WordsTranslated(t, "kit", ChannelWords)
	root := filepath.Join("..", "..")
	var src strings.Builder
	for _, dir := range []string{"integrations", "core"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			b, err := os.ReadFile(p)
			src.Write(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range ChannelWords {
		if !strings.Contains(src.String(), strconv.Quote(w)) {
			t.Errorf("%q: no integration or core package writes it any more", w)
		}
	}
	kittest.WordsTranslated(t, "kit", ChannelPatterns)
	for _, p := range ChannelPatterns {
		rest := strings.TrimPrefix(p, "{{.Who}}")
		if !strings.Contains(src.String(), strings.TrimSuffix(strconv.Quote(rest), `"`)) {
			t.Errorf("%q: no integration or core package writes it any more", p)
		}
	}
}

// A refused token reads in Russian, the remote's own words as they came.
func TestErrorTextSaysChannelWordsInTheLanguage(t *testing.T) {
	inLanguage(t, "ru", func() {
		err := &core.RemoteError{Message: "token revoked or expired", Action: "paste a new token in Accounts"}
		if got, want := ErrorText(err), "Токен отозван или истёк: вставьте новый токен в разделе «Аккаунты»."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		err = &core.RemoteError{Message: "VK refused wall.post: access denied"}
		if got := ErrorText(err); got != "VK refused wall.post: access denied." {
			t.Errorf("a remote's own words: %q", got)
		}
	})
}
