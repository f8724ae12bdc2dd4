package demo

import (
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// legacyCharsets are the encoders for draft.charset; go-message writes
// only UTF-8, so these messages are assembled by hand.
var legacyCharsets = map[string]encoding.Encoding{
	"koi8-r":       charmap.KOI8R,
	"windows-1251": charmap.Windows1251,
	"iso-8859-1":   charmap.ISO8859_1,
}

// encodeLegacy converts UTF-8 text to a legacy charset; a character the
// charset lacks is an error, so a template typo cannot go unnoticed.
func encodeLegacy(charset, s string) (string, error) {
	enc, ok := legacyCharsets[charset]
	if !ok {
		return "", fmt.Errorf("unknown charset %q", charset)
	}
	out, err := enc.NewEncoder().String(s)
	if err != nil {
		return "", fmt.Errorf("encode to %s: %w", charset, err)
	}
	return out, nil
}

// writeLegacy writes the body in d.charset: KOI8-R as raw 8-bit bytes (as
// The Bat! did), the others quoted-printable.
func (d draft) writeLegacy(w io.Writer) error {
	body, err := encodeLegacy(d.charset, strings.TrimRight(d.text, "\n")+"\n")
	if err != nil {
		return err
	}
	cte := "quoted-printable"
	if d.charset == "koi8-r" {
		cte = "8bit"
	}
	head := "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=" + d.charset +
		"\r\nContent-Transfer-Encoding: " + cte + "\r\n\r\n"
	if _, err := io.WriteString(w, head); err != nil {
		return err
	}
	if cte == "8bit" {
		_, err = io.WriteString(w, crlf(body))
		return err
	}
	qp := quotedprintable.NewWriter(w) // text mode: it writes line ends as CRLF
	if _, err := io.WriteString(qp, body); err != nil {
		return err
	}
	return qp.Close()
}

// legacyWords encodes single-byte charset text as encoded words short
// enough to fold (the standard library leaves a non-UTF-8 word whole).
func legacyWords(enc mime.WordEncoder, charset, s string) string {
	const chunk = 30 // bytes of text per word: one byte is one character here
	var words []string
	for len(s) > chunk {
		words = append(words, encodeWord(enc, charset, s[:chunk]))
		s = s[chunk:]
	}
	return strings.Join(append(words, encodeWord(enc, charset, s)), " ")
}

// encodeWord always encodes, even ASCII text, so that a chunk boundary
// inside a word does not become a visible space when decoded.
func encodeWord(enc mime.WordEncoder, charset, s string) string {
	if w := enc.Encode(charset, s); strings.HasPrefix(w, "=?") {
		return w
	}
	if enc == mime.BEncoding {
		return "=?" + charset + "?b?" + base64.StdEncoding.EncodeToString([]byte(s)) + "?="
	}
	return "=?" + charset + "?q?" + qWord(s) + "?="
}

// qWord is the Q encoding of RFC 2047 for ASCII text.
func qWord(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			b.WriteByte('_')
		case c > ' ' && c < 0x7f && !strings.ContainsRune("=?_", rune(c)):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "=%02X", c)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
