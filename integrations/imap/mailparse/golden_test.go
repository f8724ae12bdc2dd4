package mailparse

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.txt from the current parser")

// goldens are representative messages, each written to
// testdata/golden/NAME.txt as a person would read it. Messages written for
// these tests live in testdata/golden/NAME.eml; the others are corpus files.
var goldens = []struct{ name, source string }{
	{"koi8r", ""},
	{"cp1251", ""},
	{"iso2022jp", "mikel-mail/multi_charset/japanese_iso_2022.eml"},
	{"encoded_subject", ""},
	{"alternative", ""},
	{"html_only", ""},
	{"attachment_nonascii_name", "mikel-mail/multi_charset/japanese_attachment_long_name.eml"},
	{"forwarded", ""},
	{"dsn_bounce", "sisimai/lhost-postfix-17.eml"},
	{"missing_message_id", ""},
	{"malformed_date", ""},
	{"unknown_charset", ""},
	{"broken_base64", ""},
}

func TestGolden(t *testing.T) {
	for _, g := range goldens {
		t.Run(g.name, func(t *testing.T) {
			src := filepath.Join("testdata", "golden", g.name+".eml")
			if g.source != "" {
				src = filepath.Join("testdata", g.source)
			}
			got := render(Parse(readFile(t, src)))
			path := filepath.Join("testdata", "golden", g.name+".txt")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if want := string(readFile(t, path)); got != want {
				t.Errorf("parse of %s differs from %s (run go test -update, then review the diff):\n%s", src, path, got)
			}
		})
	}
}

// render writes the fields of an item a person sees, in a stable layout.
func render(it core.Item) string {
	var b strings.Builder
	fmt.Fprintf(&b, "remote id: %s\n", it.RemoteID)
	fmt.Fprintf(&b, "thread refs: %s\n", strings.Join(it.ThreadRefs, " | "))
	fmt.Fprintf(&b, "subject: %s\n", it.Subject)
	fmt.Fprintf(&b, "author: %s\n", it.Author)
	to := make([]string, len(it.To))
	for i, p := range it.To {
		to[i] = p.String()
	}
	fmt.Fprintf(&b, "to: %s\n", strings.Join(to, " | "))
	date := "(none)"
	if !it.CreatedAt.IsZero() {
		date = it.CreatedAt.Format(time.RFC3339)
	}
	fmt.Fprintf(&b, "date: %s\n", date)
	b.WriteString("attachments:\n")
	for _, a := range it.Attachments {
		fmt.Fprintf(&b, "  - %s (%s, %d bytes)\n", a.Name, a.MIMEType, a.Size)
	}
	b.WriteString("problems:\n")
	for _, p := range it.Problems {
		fmt.Fprintf(&b, "  - %s\n", p)
	}
	fmt.Fprintf(&b, "snippet: %s\n", it.Snippet)
	fmt.Fprintf(&b, "text:\n%s\n", it.Text)
	return b.String()
}
