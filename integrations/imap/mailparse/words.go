package mailparse

import (
	"fmt"
	"io"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"
)

// headerText decodes a header value for display: RFC 2047 encoded words in
// any charset go-message knows. An encoded word in an unknown charset is
// kept undecoded and reported instead of failing the whole value.
func (p *parser) headerText(field, v string) string {
	v = p.prepHeader(field, v)
	if !strings.Contains(v, "=?") {
		return v
	}
	var unknown string
	d := mime.WordDecoder{CharsetReader: func(label string, in io.Reader) (io.Reader, error) {
		b, err := io.ReadAll(in)
		if err != nil {
			return nil, err
		}
		s, ok := decodeCharset(label, b)
		if !ok && unknown == "" {
			unknown = label
		}
		return strings.NewReader(s), nil
	}}
	out, err := d.DecodeHeader(v)
	if err != nil {
		return v
	}
	if unknown != "" {
		p.problemf("%s: unknown charset %q, shown undecoded", field, unknown)
	}
	if encodedWord.MatchString(out) {
		p.problemf("%s: a malformed encoded word is shown as it is", field)
	}
	return validUTF8(out)
}

// prepHeader makes a raw header value one valid UTF-8 line, with encoded
// words still encoded.
func (p *parser) prepHeader(field, v string) string {
	return unfold(p.raw8bit(field, escapeQWords(v)))
}

var (
	qWord       = regexp.MustCompile(`=\?[^?\s]+\?[qQ]\?[^?]*\?=`)
	encodedWord = regexp.MustCompile(`=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=`)
)

// escapeQWords encodes raw 8-bit bytes inside Q encoded words, which some
// clients leave unescaped ("=?iso-8859-1?Q?Fr\xf6sche?="): they then decode in
// the charset the word names, as the sender meant.
func escapeQWords(v string) string {
	if utf8.ValidString(v) && !strings.Contains(v, "=?") {
		return v
	}
	return qWord.ReplaceAllStringFunc(v, func(w string) string {
		var sb strings.Builder
		for i := 0; i < len(w); i++ {
			if c := w[i]; c >= 0x80 {
				fmt.Fprintf(&sb, "=%02X", c)
			} else {
				sb.WriteByte(c)
			}
		}
		return sb.String()
	})
}

// raw8bit makes a header value valid UTF-8. Raw 8-bit bytes in headers are
// not allowed by RFC 5322, but common; they are read in the charset the
// message declares for its text, else as windows-1252, which is reported
// because it may be a wrong guess.
func (p *parser) raw8bit(field, v string) string {
	if utf8.ValidString(v) {
		return v
	}
	if !p.hinted {
		p.hint, p.hinted = charsetHint(p.raw), true // only messages with raw bytes pay for the search
	}
	if p.hint != "" {
		s, _ := decodeCharset(p.hint, []byte(v))
		return s
	}
	p.problemf("%s: raw 8-bit text without a charset, read as windows-1252", field)
	return windows1252([]byte(v))
}
