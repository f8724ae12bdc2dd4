package mailparse

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes: Parse must keep its promises on any
// input. A panic inside is recovered into a problem by design, so the
// test looks for that problem: it means a bug.
func FuzzParse(f *testing.F) {
	for _, path := range []string{
		"testdata/golden/forwarded.eml",
		"testdata/golden/koi8r.eml",
		"testdata/golden/alternative.eml",
		"testdata/golden/broken_base64.eml",
		"testdata/sisimai/lhost-postfix-17.eml",
		"testdata/mikel-mail/multi_charset/japanese_attachment_long_name.eml",
		"testdata/stalwart/malformed/005.eml",
		"testdata/stalwart/rfc/007.eml",
	} {
		f.Add(readFile(f, path))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		it := Parse(raw)
		checkInvariants(t, it.Subject, it.Text, it.Snippet, it.Problems)
		for _, p := range it.Problems {
			if strings.Contains(p, "the parser failed") {
				t.Fatalf("recovered panic: %s", p)
			}
		}
		for _, s := range []string{it.RemoteID, it.Author.Name, it.Author.Address} {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8 in %q", s)
			}
		}
		for _, a := range it.Attachments {
			if !utf8.ValidString(a.Name) || a.Size < 0 {
				t.Errorf("bad attachment %+v", a)
			}
		}
	})
}
