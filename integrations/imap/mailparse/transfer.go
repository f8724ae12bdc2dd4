package mailparse

import (
	"bytes"
	"strings"
	"unicode/utf16"
)

// transferEncoding names how a body is encoded in transit, reduced to the
// three cases that need work; misspellings seen in real mail ("7-bit",
// "8bits", "quoted printable", "base64;") count as what they meant.
func transferEncoding(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	v = strings.TrimRight(v, "; \t")
	switch strings.Join(strings.Fields(v), "") {
	case "", "7bit", "7-bit", "7bits", "8bit", "8-bit", "8bits", "binary", "plain", "none", "text/plain":
		return "identity"
	case "quoted-printable", "quotedprintable", "qp":
		return "quoted-printable"
	case "base64", "base-64":
		return "base64"
	case "x-uuencode", "uuencode", "x-uue", "uue":
		return "uuencode"
	}
	return v
}

// decodeTransfer undoes the transfer encoding. broken reports damaged input
// (invalid base64 characters, a uuencoded body without its begin line); what
// could be decoded is returned anyway.
func decodeTransfer(enc string, body []byte) (out []byte, broken bool) {
	switch enc {
	case "base64":
		return decodeBase64(body)
	case "quoted-printable":
		return decodeQP(body), false
	case "uuencode":
		return decodeUU(body)
	}
	return body, false
}

var b64 = func() (t [256]byte) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := range t {
		t[i] = 0xff
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = byte(i)
	}
	return t
}()

// decodeBase64 decodes tolerantly: whitespace is skipped, padding ends a
// group and decoding resumes after it (some senders concatenate encoded
// blocks), and other stray bytes are skipped and reported.
func decodeBase64(in []byte) (out []byte, broken bool) {
	out = make([]byte, 0, len(in)*3/4)
	var acc uint32
	n := 0
	flush := func() {
		switch n {
		case 1:
			broken = true // six bits cannot make a byte
		case 2:
			out = append(out, byte(acc>>4))
		case 3:
			out = append(out, byte(acc>>10), byte(acc>>2))
		}
		acc, n = 0, 0
	}
	for _, c := range in {
		switch v := b64[c]; {
		case v != 0xff:
			acc = acc<<6 | uint32(v)
			if n++; n == 4 {
				out = append(out, byte(acc>>16), byte(acc>>8), byte(acc))
				acc, n = 0, 0
			}
		case c == '=':
			flush()
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		default:
			broken = true
		}
	}
	flush()
	return out, broken
}

// decodeQP decodes quoted-printable leniently: "=XY" is a byte, "=" at the
// end of a line is a soft break, any other "=" is kept as it is (senders
// often leave "=" in URLs unencoded), and trailing spaces that transport
// added to lines are dropped.
func decodeQP(in []byte) []byte {
	out := make([]byte, 0, len(in))
	for len(in) > 0 {
		line, rest := cutLine(in)
		line = bytes.TrimRight(line, " \t")
		soft := bytes.HasSuffix(line, []byte("="))
		if soft {
			line = line[:len(line)-1]
		}
		out = appendQPLine(out, line)
		if !soft && (len(rest) > 0 || bytes.HasSuffix(in, []byte("\n"))) {
			out = append(out, '\n')
		}
		in = rest
	}
	return out
}

func appendQPLine(out, line []byte) []byte {
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '=' && i+2 < len(line) && isHex(line[i+1]) && isHex(line[i+2]) {
			out = append(out, unhex(line[i+1])<<4|unhex(line[i+2]))
			i += 2
			continue
		}
		out = append(out, c)
	}
	return out
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	default:
		return c - 'a' + 10
	}
}

// decodeUU decodes a uuencoded body ("begin 644 name" ... "end").
// Without a begin line the body is returned as it is, and reported.
func decodeUU(in []byte) (out []byte, broken bool) {
	begin := false
	for rest := in; len(rest) > 0; {
		var line []byte
		line, rest = cutLine(rest)
		switch {
		case !begin:
			begin = bytes.HasPrefix(line, []byte("begin "))
		case bytes.Equal(bytes.TrimSpace(line), []byte("end")):
			return out, false
		case len(line) > 0:
			out = appendUULine(out, line)
		}
	}
	if !begin {
		return in, true
	}
	return out, true
}

func appendUULine(out, line []byte) []byte {
	n := int((line[0] - ' ') & 63)
	var group [4]byte
	got := 0
	for i := 1; i < len(line) && n > 0; i += 4 {
		for j := range group {
			group[j] = 0
			if i+j < len(line) {
				group[j] = (line[i+j] - ' ') & 63
			}
		}
		b := [3]byte{group[0]<<2 | group[1]>>4, group[1]<<4 | group[2]>>2, group[2]<<6 | group[3]}
		for k := 0; k < 3 && got < n; k++ {
			out = append(out, b[k])
			got++
		}
	}
	return out
}

// uuName returns the file name of a uuencoded body's begin line.
func uuName(body []byte) string {
	for len(body) > 0 {
		var line []byte
		line, body = cutLine(body)
		if f := strings.Fields(string(line)); len(f) >= 3 && f[0] == "begin" {
			return strings.Join(f[2:], " ")
		}
	}
	return ""
}

// decodeUTF7 decodes RFC 2152 UTF-7, which the charset tables lack and old
// Outlook versions used: "+" starts modified base64 of UTF-16, "-" or any
// non-base64 byte ends it, "+-" is a plus sign.
func decodeUTF7(in []byte) string {
	var sb strings.Builder
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c != '+' {
			sb.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(in) && b64[in[j]] != 0xff {
			j++
		}
		if j == i+1 && j < len(in) && in[j] == '-' {
			sb.WriteByte('+')
			i = j
			continue
		}
		sb.WriteString(utf16Base64(in[i+1 : j]))
		i = j - 1
		if j < len(in) && in[j] == '-' {
			i = j
		}
	}
	return sb.String()
}

// utf16Base64 decodes unpadded base64 of big-endian UTF-16.
func utf16Base64(run []byte) string {
	raw, _ := decodeBase64(run)
	units := make([]uint16, 0, len(raw)/2)
	for k := 0; k+1 < len(raw); k += 2 {
		units = append(units, uint16(raw[k])<<8|uint16(raw[k+1]))
	}
	return string(utf16.Decode(units))
}
