package feedpeer

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// Entry is one entry of a generated feed. Summary is HTML.
type Entry struct {
	ID        string // GUID; empty leaves the entry without one
	Title     string
	Link      string
	Author    string
	Summary   string
	Published time.Time
}

// Feed is a generated feed's channel and entries, newest first.
type Feed struct {
	Title   string
	Link    string
	Entries []Entry
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // writing to a Builder never fails
	return b.String()
}

// RSS renders the feed as RSS 2.0 in UTF-8.
func RSS(f Feed) []byte {
	b, _ := RSSIn(f, "utf-8") // UTF-8 encodes every text
	return b
}

// RSSIn renders the feed as RSS 2.0 in an encoding its XML declaration
// names (windows-1251, koi8-r...), as old forums serve them.
func RSSIn(f Feed, encoding string) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"%s\"?>\n<rss version=\"2.0\">\n<channel>\n", encoding)
	fmt.Fprintf(&b, "<title>%s</title>\n<link>%s</link>\n<description>%s</description>\n", esc(f.Title), esc(f.Link), esc(f.Title))
	for _, e := range f.Entries {
		b.WriteString("<item>\n")
		fmt.Fprintf(&b, "<title>%s</title>\n", esc(e.Title))
		if e.Link != "" {
			fmt.Fprintf(&b, "<link>%s</link>\n", esc(e.Link))
		}
		if e.ID != "" {
			fmt.Fprintf(&b, "<guid isPermaLink=\"false\">%s</guid>\n", esc(e.ID))
		}
		if e.Author != "" {
			fmt.Fprintf(&b, "<author>nobody@example.invalid (%s)</author>\n", esc(e.Author))
		}
		if !e.Published.IsZero() {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>\n", e.Published.Format(time.RFC1123Z))
		}
		fmt.Fprintf(&b, "<description>%s</description>\n</item>\n", esc(e.Summary))
	}
	b.WriteString("</channel>\n</rss>\n")
	return encode(b.String(), encoding)
}

func encode(s, encoding string) ([]byte, error) {
	enc, name := charset.Lookup(encoding)
	if enc == nil {
		return nil, fmt.Errorf("feedpeer: unknown encoding %q", encoding)
	}
	if name == "utf-8" {
		return []byte(s), nil
	}
	return enc.NewEncoder().Bytes([]byte(s))
}

// Atom renders the feed as Atom 1.0.
func Atom(f Feed) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<link href=\"%s\"/>\n<id>%s</id>\n", esc(f.Title), esc(f.Link), esc(f.Link))
	for _, e := range f.Entries {
		writeAtomEntry(&b, e, e.Title, e.Link)
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

func writeAtomEntry(b *bytes.Buffer, e Entry, titleHTML, link string) {
	b.WriteString("<entry>\n")
	fmt.Fprintf(b, "<title type=\"html\">%s</title>\n", esc(titleHTML))
	if link != "" {
		fmt.Fprintf(b, "<link href=\"%s\"/>\n", esc(link))
	}
	if e.ID != "" {
		fmt.Fprintf(b, "<id>%s</id>\n", esc(e.ID))
	}
	if !e.Published.IsZero() {
		t := e.Published.UTC().Format(time.RFC3339)
		fmt.Fprintf(b, "<published>%s</published>\n<updated>%s</updated>\n", t, t)
	}
	if e.Author != "" {
		fmt.Fprintf(b, "<author><name>%s</name></author>\n", esc(e.Author))
	}
	fmt.Fprintf(b, "<content type=\"html\">%s</content>\n</entry>\n", esc(e.Summary))
}

// JSONFeed renders the feed as JSON Feed 1.1.
func JSONFeed(f Feed) []byte {
	type author struct {
		Name string `json:"name"`
	}
	type item struct {
		ID        string   `json:"id"`
		URL       string   `json:"url,omitempty"`
		Title     string   `json:"title,omitempty"`
		HTML      string   `json:"content_html"`
		Published string   `json:"date_published,omitempty"`
		Authors   []author `json:"authors,omitempty"`
	}
	doc := struct {
		Version string `json:"version"`
		Title   string `json:"title"`
		Home    string `json:"home_page_url"`
		Items   []item `json:"items"`
	}{Version: "https://jsonfeed.org/version/1.1", Title: f.Title, Home: f.Link, Items: []item{}}
	for _, e := range f.Entries {
		it := item{ID: e.ID, URL: e.Link, Title: e.Title, HTML: e.Summary}
		if it.ID == "" {
			it.ID = e.Link
		}
		if !e.Published.IsZero() {
			it.Published = e.Published.UTC().Format(time.RFC3339)
		}
		if e.Author != "" {
			it.Authors = []author{{e.Author}}
		}
		doc.Items = append(doc.Items, it)
	}
	b, _ := json.MarshalIndent(doc, "", "  ") // plain strings always encode
	return b
}

// Alerts renders a web-alert feed in Google Alerts' shape: an Atom feed
// titled "Google Alert - QUERY" whose titles put the query in bold and
// whose links go through a google.com/url redirect.
func Alerts(query string, entries []Entry) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:idx=\"urn:atom-extension:indexing\">\n")
	fmt.Fprintf(&b, "<id>tag:google.com,2005:reader/user/0/state/com.google/alerts/%d</id>\n", len(query))
	fmt.Fprintf(&b, "<title>Google Alert - %s</title>\n", esc(query))
	for _, e := range entries {
		if e.ID == "" {
			e.ID = "tag:google.com,2013:googlealerts/feed:" + url.QueryEscape(e.Link)
		}
		e.Author = ""
		e.Summary = bold(e.Summary, query)
		writeAtomEntry(&b, e, bold(e.Title, query), RedirectLink(e.Link))
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

// RedirectLink wraps a target the way web alerts do.
func RedirectLink(target string) string {
	return "https://www.google.com/url?rct=j&sa=t&url=" + url.QueryEscape(target) + "&ct=ga&cd=CAEYACoU&usg=AOvVaw1demo"
}

// bold puts the words of the query in <b>, as alerts do; s is HTML.
func bold(s, query string) string {
	for _, w := range strings.Fields(query) {
		lower := strings.ToLower(s)
		if i := strings.Index(lower, strings.ToLower(w)); i >= 0 {
			s = s[:i] + "<b>" + s[i:i+len(w)] + "</b>" + s[i+len(w):]
		}
	}
	return s
}
