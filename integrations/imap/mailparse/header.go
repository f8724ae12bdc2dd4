package mailparse

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// splitHeader separates a header block from its body. go-message reads it
// first; when it refuses the block (a line without a colon, an mbox "From "
// line, a space-indented first line), a tolerant reader takes over so the
// person still sees a subject and a body.
func (p *parser) splitHeader(raw []byte, where string) (textproto.Header, []byte) {
	r := bytes.NewReader(raw)
	br := bufio.NewReaderSize(r, 1024) // most parts are small; long lines still work
	h, err := textproto.ReadHeader(br)
	consumed := len(raw) - r.Len() - br.Buffered()
	switch {
	case err == nil:
		return h, raw[consumed:]
	case errors.Is(err, io.EOF):
		// Header fields only, no blank line and no body.
		return h, nil
	}
	return p.lenientHeader(raw, where)
}

// lenientHeader reads "Key: value" lines up to the first blank line. A
// leading mbox "From " line is skipped. A line that is not a field is a
// broken fold or junk when real fields follow it (it is joined to the field
// before); after the last field it is where a body starts whose sender
// forgot the blank line.
func (p *parser) lenientHeader(raw []byte, where string) (textproto.Header, []byte) {
	var fields [][2]string
	lastField := lastFieldLine(raw)
	rest := raw
	for n := 0; len(rest) > 0; n++ {
		line, next := cutLine(rest)
		switch {
		case len(bytes.TrimRight(line, " \t")) == 0:
			return buildHeader(fields), next
		case n == 0 && bytes.HasPrefix(line, []byte("From ")) && !isField(line):
			// mbox separator, not part of the message.
		case line[0] != ' ' && line[0] != '\t' && isField(line):
			k, v, _ := headerField(line)
			fields = append(fields, [2]string{k, v})
		case n < lastField || line[0] == ' ' || line[0] == '\t':
			if len(fields) > 0 {
				fields[len(fields)-1][1] += " " + string(bytes.TrimSpace(line))
			}
		default:
			if len(fields) > 0 {
				p.problemf("%s: line %q is not a header field; the body is taken to start there", where, clip(string(line), 40))
			}
			return buildHeader(fields), rest
		}
		rest = next
	}
	return buildHeader(fields), nil
}

// lastFieldLine returns the index of the last line before the first blank
// line that is a header field, or -1.
func lastFieldLine(raw []byte) int {
	last := -1
	for n, rest := 0, raw; len(rest) > 0; n++ {
		var line []byte
		line, rest = cutLine(rest)
		if len(bytes.TrimRight(line, " \t")) == 0 {
			break
		}
		if line[0] != ' ' && line[0] != '\t' && isField(line) {
			last = n
		}
	}
	return last
}

func isField(line []byte) bool {
	_, _, ok := headerField(line)
	return ok
}

// cutLine returns the first line of b without its line ending, and the rest.
func cutLine(b []byte) (line, rest []byte) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return bytes.TrimSuffix(b, []byte("\r")), nil
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:]
}

// headerField splits "Key: value"; the key must be printable ASCII without
// spaces, though spaces before the colon are forgiven as go-message does.
func headerField(line []byte) (key, value string, ok bool) {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return "", "", false
	}
	k := bytes.TrimRight(line[:i], " \t")
	if len(k) == 0 {
		return "", "", false
	}
	for _, c := range k {
		if c < 33 || c > 126 {
			return "", "", false
		}
	}
	return string(k), string(bytes.TrimSpace(line[i+1:])), true
}

// buildHeader makes a go-message header from fields in document order.
// textproto.Header.Get returns the most recently added value, so fields are
// added last to first to keep Get returning the first occurrence, as a
// parsed header does.
func buildHeader(fields [][2]string) textproto.Header {
	var h textproto.Header
	for i := len(fields) - 1; i >= 0; i-- {
		h.Add(fields[i][0], fields[i][1])
	}
	return h
}

// clip shortens s to n runes for quoting in a problem.
func clip(s string, n int) string {
	s = validUTF8(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// unfold turns a raw header value into one line (textproto already unfolds;
// the tolerant reader may leave tabs).
func unfold(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
