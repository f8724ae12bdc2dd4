package feeds

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"sync"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
)

// xmlEncoding finds the encoding an XML declaration names.
var xmlEncoding = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']`) })

// errNotFeed says the document is neither RSS, Atom nor JSON Feed.
var errNotFeed = errors.New("the document is not an RSS, Atom or JSON feed")

// parse reads a feed document in any encoding it declares. The XML
// declaration is the document's own word and gofeed decodes by it; a
// document without one is decoded by the charset of the HTTP Content-Type
// (a forum's windows-1251 feed often says so only there).
func parse(body []byte, contentType string) (*gofeed.Feed, error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	declared := xmlEncoding().FindSubmatch(body[:min(len(body), 256)])
	if declared == nil {
		var err error
		if body, err = toUTF8(body, contentType); err != nil {
			return nil, err
		}
	}
	doc, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return nil, errNotFeed
	case err != nil && declared != nil && strings.Contains(err.Error(), "charset"):
		return nil, fmt.Errorf("the feed declares the encoding %q, which Hearth does not know: %w", declared[1], err)
	case err != nil:
		return nil, err
	}
	return doc, nil
}

// toUTF8 decodes a document by the charset of its Content-Type, when that
// names one other than UTF-8.
func toUTF8(body []byte, contentType string) ([]byte, error) {
	_, params, _ := mime.ParseMediaType(contentType)
	label := strings.ToLower(strings.TrimSpace(params["charset"]))
	if label == "" || label == "utf-8" || label == "utf8" {
		return body, nil
	}
	enc, name := charset.Lookup(label)
	if enc == nil {
		return nil, fmt.Errorf("the server says the feed is in %q, an encoding Hearth does not know", label)
	}
	if name == "utf-8" {
		return body, nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decode the feed from %s: %w", name, err)
	}
	return out, nil
}

// looksLikeHTML reports a web page where a feed was expected.
func looksLikeHTML(body []byte) bool {
	head := bytes.ToLower(body[:min(len(body), 1024)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html"))
}
