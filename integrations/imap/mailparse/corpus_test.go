package mailparse

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// corpus lists every .eml of the three test corpora under testdata.
func corpus(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"mikel-mail", "sisimai", "stalwart"} {
		err := filepath.WalkDir(filepath.Join("testdata", dir), func(path string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(path, ".eml") {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatalf("walk %s: %v", dir, err)
		}
	}
	if len(files) < 360 {
		t.Fatalf("found %d corpus messages, want the ~367 of the three corpora", len(files))
	}
	return files
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return b
}

// TestCorpus checks what a person relies on for every real message: the
// parse does not crash, there is a readable subject, the text is valid
// UTF-8, and an empty text is explained by attachments or a problem.
func TestCorpus(t *testing.T) {
	for _, path := range corpus(t) {
		t.Run(strings.TrimPrefix(path, "testdata/"), func(t *testing.T) {
			it := Parse(readFile(t, path))
			checkInvariants(t, it.Subject, it.Text, it.Snippet, it.Problems)
			if strings.TrimSpace(it.Text) == "" && len(it.Attachments) == 0 && len(it.Problems) == 0 {
				t.Errorf("empty text, no attachments and no problem explaining why")
			}
			if it.RemoteID == "" {
				t.Errorf("empty RemoteID")
			}
			for _, a := range it.Attachments {
				if a.Name == "" || a.MIMEType == "" || !utf8.ValidString(a.Name) {
					t.Errorf("attachment without a usable name or type: %+v", a)
				}
			}
		})
	}
}

// checkInvariants holds for any input, corpus or fuzzed.
func checkInvariants(t testing.TB, subject, text, snippet string, problems []string) {
	t.Helper()
	if strings.TrimSpace(subject) == "" {
		t.Errorf("empty subject")
	}
	for name, s := range map[string]string{"subject": subject, "text": text, "snippet": snippet} {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", name, clip(s, 80))
		}
	}
	for _, p := range problems {
		if !utf8.ValidString(p) {
			t.Errorf("problem is not valid UTF-8: %q", p)
		}
	}
}
