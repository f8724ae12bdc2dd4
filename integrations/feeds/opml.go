package feeds

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// maxOPMLBytes bounds an OPML file: a list of thousands of feeds is well
// under a megabyte. A variable, so a test need not write 8 MB.
var maxOPMLBytes int64 = 8 << 20

// Outline is one feed of an OPML subscription list.
type Outline struct {
	Title    string
	URL      string
	Keywords []string
}

// opml is the document, OPML 1.0 or 2.0. Keywords travel in an attribute
// of Hearth's own (OPML lets outlines carry any); other readers ignore it.
type opml struct {
	XMLName xml.Name      `xml:"opml"`
	Version string        `xml:"version,attr"`
	Title   string        `xml:"head>title"`
	Created string        `xml:"head>dateCreated,omitempty"`
	Body    []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Title    string        `xml:"title,attr,omitempty"`
	Type     string        `xml:"type,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	Keywords string        `xml:"hearthKeywords,attr,omitempty"`
	Children []opmlOutline `xml:"outline"`
}

// ReadOPML reads the feeds of an OPML file, folders flattened, in document
// order. Outlines without a feed address (folders, notes) are skipped.
func ReadOPML(r io.Reader) ([]Outline, error) {
	lr := &io.LimitedReader{R: r, N: maxOPMLBytes + 1}
	dec := xml.NewDecoder(lr)
	dec.CharsetReader = charset.NewReaderLabel
	var doc opml
	if err := dec.Decode(&doc); err != nil {
		if lr.N <= 0 {
			return nil, fmt.Errorf("the OPML file is larger than %d MB", maxOPMLBytes>>20)
		}
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the file is empty, not an OPML subscription list")
		}
		return nil, fmt.Errorf("the file is not an OPML subscription list: %w", err)
	}
	var out []Outline
	var walk func([]opmlOutline)
	walk = func(os []opmlOutline) {
		for _, o := range os {
			if u := strings.TrimSpace(o.XMLURL); u != "" {
				title := strings.TrimSpace(o.Title)
				if title == "" {
					title = strings.TrimSpace(o.Text)
				}
				out = append(out, Outline{Title: cleanLine(title), URL: u, Keywords: splitKeywords(o.Keywords)})
			}
			walk(o.Children)
		}
	}
	walk(doc.Body)
	return out, nil
}

func splitKeywords(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// WriteOPML writes the feeds as an OPML 2.0 subscription list.
func WriteOPML(w io.Writer, title string, feeds []Outline, now time.Time) error {
	doc := opml{Version: "2.0", Title: title, Created: now.UTC().Format(time.RFC1123Z)}
	for _, f := range feeds {
		doc.Body = append(doc.Body, opmlOutline{Text: f.Title, Title: f.Title, Type: "rss", XMLURL: f.URL,
			Keywords: strings.Join(f.Keywords, ", ")})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
