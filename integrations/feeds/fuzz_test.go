package feeds

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzReadFeed feeds arbitrary documents through the whole reading path
// (encoding, parser, entries, HTML to text, links): it must never panic,
// and whatever it keeps is valid UTF-8 with an identity.
func FuzzReadFeed(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil && filepath.Base(name) != "LICENSE" {
			f.Add(b, "text/xml")
		}
	}
	f.Add([]byte(`<rss><channel><item><title>&lt;b&gt;x</title></item></channel></rss>`), "text/xml; charset=koi8-r")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_html":"<a href=x>"}]}`), "application/json")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		doc, err := parse(body, contentType)
		if err != nil {
			return
		}
		for _, e := range entries(doc, "") {
			if e.id == "" {
				t.Fatalf("entry without identity: %+v", e)
			}
			for _, s := range []string{e.title, e.summary, e.author, e.link} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 kept: %q", s)
				}
			}
		}
	})
}
