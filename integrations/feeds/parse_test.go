package feeds

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenEntry is what a person sees of an entry, as the golden files keep it.
type goldenEntry struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Link      string `json:"link"`
	Author    string `json:"author"`
	Summary   string `json:"summary"`
	Published string `json:"published,omitempty"`
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestParseFixtures reads every kind of feed Hearth meets into entries:
// titles, links, authors, plain-text summaries and dates, in any declared
// encoding, compared with reviewed golden files.
func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file        string
		contentType string
	}{
		{"rss091.xml", "text/xml"},
		{"rss2.xml", "application/rss+xml"},
		{"atom.xml", "application/atom+xml"},
		{"jsonfeed.json", "application/feed+json"},
		{"alerts.xml", "application/atom+xml; charset=utf-8"},
		{"forum-cp1251.xml", "text/xml"},
		// The charset named only by the server.
		{"forum-cp1251-nodecl.xml", "application/rss+xml; charset=windows-1251"},
		{"news-koi8r.xml", "text/xml; charset=koi8-r"},
		{"repeated-ids.xml", "text/xml"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := parse(readFixture(t, tt.file), tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			var got []goldenEntry
			for _, e := range entries(doc, "") {
				g := goldenEntry{ID: e.id, Title: e.title, Link: e.link, Author: e.author, Summary: e.summary}
				if !e.published.IsZero() {
					g.Published = e.published.UTC().Format(time.RFC3339)
				}
				for _, s := range []string{g.Title, g.Summary, g.Author} {
					if !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
						t.Errorf("undecoded text %q", s)
					}
				}
				got = append(got, g)
			}
			compareGolden(t, strings.TrimSuffix(tt.file, filepath.Ext(tt.file))+".json", got)
		})
	}
}

func compareGolden(t *testing.T, name string, v any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	compareGoldenText(t, name, buf.Bytes())
}

func compareGoldenText(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update, then review the file)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs:\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// TestParseRefusals: what is not a feed is said in words, and nothing of
// it is taken.
func TestParseRefusals(t *testing.T) {
	c := &Conn{}
	tests := []struct {
		file, contentType, want string
	}{
		{"truncated.xml", "text/xml", "the feed cannot be read"},
		// The Guardian's feed cut in the middle of an entry, as a dropped
		// connection leaves it (testdata/real/README.md).
		{"real/rss-parser/guardian-truncated.rss", "application/rss+xml", "the feed cannot be read"},
		{"page.html", "text/html", "the address serves a web page, not a feed"},
	}
	for _, tt := range tests {
		body := readFixture(t, tt.file)
		_, err := parse(body, tt.contentType)
		if err == nil {
			t.Errorf("%s: parsed without error", tt.file)
			continue
		}
		err = c.unreadable(err, fetched{body: body})
		if re := core.AsRemote(err); re == nil || !strings.HasPrefix(re.Message, tt.want) {
			t.Errorf("%s: %v, want a message starting %q", tt.file, err, tt.want)
		}
	}
	if _, err := parse([]byte("<rss><channel/></rss>"), "text/xml; charset=x-made-up"); err == nil ||
		!strings.Contains(err.Error(), "x-made-up") {
		t.Errorf("an unknown charset: %v, want it named", err)
	}
}

func TestUnwrapRedirect(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.google.com/url?rct=j&sa=t&url=https://reviews.example.com/a%3Fb%3D1&ct=ga", "https://reviews.example.com/a?b=1"},
		{"https://www.google.fr/url?url=http://forum.example.ru/t/1", "http://forum.example.ru/t/1"},
		{"https://google.co.uk/url?q=https://status.example.com/&sa=D", "https://status.example.com/"},
		{"https://www.google.com.ua/url?url=https://ua.example/", "https://ua.example/"},
		// Not a redirect, or not Google's: left alone.
		{"https://www.google.com/search?q=hearth", "https://www.google.com/search?q=hearth"},
		{"https://evil.example/url?url=https://elsewhere.example/", "https://evil.example/url?url=https://elsewhere.example/"},
		{"https://google.evil.example/url?url=https://x.example/", "https://google.evil.example/url?url=https://x.example/"},
		{"https://www.google.com/url?url=javascript:alert(1)", "https://www.google.com/url?url=javascript:alert(1)"},
	}
	for _, tt := range tests {
		if got := unwrapRedirect(tt.in); got != tt.want {
			t.Errorf("unwrapRedirect(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"<b>Hearth</b> &amp; friends", "Hearth & friends"},
		{`<p>One</p><p>Two<br>lines</p>`, "One\n\nTwo\nlines"},
		{`See <a href="https://a.example/x">the guide</a>.`, "See the guide (https://a.example/x)."},
		{`<a href="https://a.example/x">https://a.example/x</a>`, "https://a.example/x"},
		{`<a href="javascript:alert(1)">click</a> <a href="/rel">rel</a>`, "click rel"},
		{`<img src="https://tracker.example/p.gif">Hi<script>steal()</script><style>p{}</style>`, "Hi"},
		{`<ul><li>one</li><li>two</li></ul>`, "• one\n• two"},
		// An image link (Reddit, ad slots) has no words: its address stands alone.
		{`<a href="https://a.example/p"><img src="https://a.example/p.jpg"></a> submitted`, "https://a.example/p submitted"},
	}
	for _, tt := range tests {
		if got := htmlText(tt.in); got != tt.want {
			t.Errorf("htmlText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
