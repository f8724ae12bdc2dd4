package mailparse

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/emersion/go-message/charset" // also registers go-message's charset reader
	"golang.org/x/text/encoding/charmap"
)

// charsetAliases maps labels seen in real mail that the charset tables do
// not know to the charset their senders meant.
var charsetAliases = map[string]string{
	"utf8":              "utf-8",
	"unicode-1-1-utf-7": "utf-7",
	"unknown-8bit":      "windows-1252",
	"x-unknown-8bit":    "windows-1252",
	"ks_c_5601-1987":    "euc-kr",
	"x-sjis":            "shift_jis",
	"cp932":             "shift_jis",
	"iso-2022-jp-2":     "iso-2022-jp",
	"x-euc-jp":          "euc-jp",
	"x-gbk":             "gbk",
}

// normalizeCharset lower-cases a charset label and strips what senders
// wrap around it: quotes, spaces, an RFC 2231 language suffix ("utf-8*en").
func normalizeCharset(label string) string {
	label = strings.ToLower(strings.Trim(label, " \t\"'"))
	if i := strings.IndexByte(label, '*'); i >= 0 {
		label = label[:i]
	}
	if a, ok := charsetAliases[label]; ok {
		return a
	}
	if strings.HasPrefix(label, "cp125") && len(label) == 6 {
		return "windows-" + label[2:]
	}
	return label
}

// isUTF8Label reports whether a charset label means UTF-8 or its subset.
func isUTF8Label(label string) bool {
	switch label {
	case "utf-8", "us-ascii", "ascii", "":
		return true
	}
	return false
}

// decodeCharset converts b from the named charset to UTF-8. ok is false when
// the charset is unknown: b is then returned undecoded (made valid UTF-8).
func decodeCharset(label string, b []byte) (s string, ok bool) {
	label = normalizeCharset(label)
	switch {
	case isUTF8Label(label):
		return validUTF8(string(b)), true
	case label == "utf-7":
		return validUTF8(decodeUTF7(b)), true
	}
	r, err := charset.Reader(label, bytes.NewReader(b))
	if err != nil {
		return validUTF8(string(b)), false
	}
	out, _ := io.ReadAll(r) // decoders substitute bad input, they do not fail
	return validUTF8(string(out)), true
}

// knownCharset reports whether decodeCharset can convert from label.
func knownCharset(label string) bool {
	label = normalizeCharset(label)
	if isUTF8Label(label) || label == "utf-7" {
		return true
	}
	_, err := charset.Reader(label, bytes.NewReader(nil))
	return err == nil
}

// windows1252 decodes bytes of unknown 8-bit origin: it maps every byte to a
// character, and is what senders without a charset label mostly used.
func windows1252(b []byte) string {
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return validUTF8(string(b))
	}
	return string(out)
}

// looksLatin reports whether bytes that are not valid UTF-8 were most likely
// written in a single-byte charset: no valid multi-byte sequence at all.
// UTF-8 text with a stray bad byte still has its valid sequences.
func looksLatin(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != utf8.RuneError && n > 1 {
			return false
		}
		b = b[n:]
	}
	return true
}

var charsetParam = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)charset\s*=\s*"?([a-z0-9_.:-]+)`) })

// charsetHint guesses the charset of raw 8-bit bytes in header fields from
// the first charset the message declares: senders that put unencoded
// KOI8-R in a Subject wrote the body in KOI8-R too.
func charsetHint(raw []byte) string {
	const window = 64 << 10
	if len(raw) > window {
		raw = raw[:window]
	}
	m := charsetParam().FindSubmatch(raw)
	if m == nil {
		return ""
	}
	label := normalizeCharset(string(m[1]))
	if isUTF8Label(label) || !knownCharset(label) {
		return ""
	}
	return label
}
