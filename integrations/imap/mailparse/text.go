package mailparse

import (
	"html"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jaytaylor/html2text"
)

// decodeText returns a text part as UTF-8: transfer encoding undone, then
// its charset converted.
func (p *parser) decodeText(e *entity) string {
	b := p.decodeBody(e)
	if len(b) > maxTextBytes {
		b = b[:maxTextBytes]
		p.problemf(textCut, maxTextBytes>>20)
	}
	label := normalizeCharset(e.params["charset"])
	if isUTF8Label(label) {
		return p.utf8Text(e, b)
	}
	s, ok := decodeCharset(label, b)
	if !ok {
		p.problemf("%s: unknown charset, shown undecoded", e.describe())
	}
	return s
}

// utf8Text reads text labelled UTF-8 or not labelled. When it is not UTF-8,
// HTML may name its charset in a <meta> tag; otherwise it was almost always
// written in a Windows code page, so it is read as windows-1252 and
// reported.
func (p *parser) utf8Text(e *entity, b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	if e.mediaType == "text/html" {
		if s, ok := metaCharset(b); ok {
			return s
		}
	}
	if looksLatin(b) {
		p.problemf("%s: the text is not valid UTF-8; read as windows-1252", e.describe())
		return windows1252(b)
	}
	p.problemf("%s: invalid UTF-8 bytes replaced", e.describe())
	return validUTF8(string(b))
}

// metaCharset decodes HTML by the charset its <meta> tag declares, for
// HTML parts whose MIME header names none.
func metaCharset(b []byte) (string, bool) {
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	m := charsetParam().FindSubmatch(head)
	if m == nil || isUTF8Label(normalizeCharset(string(m[1]))) || !knownCharset(string(m[1])) {
		return "", false
	}
	return decodeCharset(string(m[1]), b)
}

// htmlText converts HTML to readable text. The converter only reads the
// markup: nothing is fetched, so remote images and trackers stay unloaded;
// scripts, styles and the head are dropped; links read "text ( url )".
// HTML the converter refuses (nesting deeper than the parser allows) has
// its tags stripped instead. Conversion costs about 0.3 s per MB, so only
// the first maxHTMLBytes are converted (Gmail clips at 102 KB).
func (p *parser) htmlText(e *entity, src string) string {
	if len(src) > maxHTMLBytes {
		src = cutUTF8(src, maxHTMLBytes)
		p.problemf("%s: the HTML is longer than %d MB; only its beginning is shown", e.describe(), maxHTMLBytes>>20)
	}
	text, err := html2text.FromString(src, html2text.Options{})
	if err != nil {
		p.problemf("%s: the HTML could not be converted (%v); its tags are stripped", e.describe(), err)
		return stripTags(src)
	}
	return text
}

var (
	invisible = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?is)<(script|style|head)\b.*?</(script|style|head)\s*>`)
	})
	tag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)<[^>]*>`) })
)

// stripTags is the crude fallback: drop invisible elements and tags, then
// decode entities.
func stripTags(s string) string {
	s = invisible().ReplaceAllString(s, " ")
	s = tag().ReplaceAllString(s, " ")
	return html.UnescapeString(s)
}

// unflow joins the soft line breaks of RFC 3676 format=flowed text: a line
// ending in a space continues on the next line of the same quote depth.
// The signature separator "-- " is never joined.
func unflow(text string, delsp bool) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var sb strings.Builder
	joining := false
	for i, line := range lines {
		depth, content := quoteDepth(line)
		content = strings.TrimPrefix(content, " ") // space-stuffing
		soft := strings.HasSuffix(content, " ") && content != "-- " && i < len(lines)-1
		if soft && delsp {
			content = content[:len(content)-1]
		}
		if !joining && depth > 0 {
			sb.WriteString(strings.Repeat(">", depth) + " ")
		}
		sb.WriteString(content)
		if joining = soft && nextDepth(lines, i) == depth; !joining {
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

func quoteDepth(line string) (int, string) {
	n := 0
	for n < len(line) && line[n] == '>' {
		n++
	}
	return n, line[n:]
}

func nextDepth(lines []string, i int) int {
	if i+1 >= len(lines) {
		return -1
	}
	d, _ := quoteDepth(lines[i+1])
	return d
}
