package mailparse

import (
	"bytes"
	"regexp"
	"sync"
)

// splitMultipart cuts a multipart body at its boundary lines and returns
// each part (header and body). It is written for tolerance rather than
// taken from a streaming reader: a missing final boundary, a part without
// headers or text around the boundary lines still yield the parts, where a
// strict reader stops at the first fault and loses the rest of the message.
// At most limit parts are returned; more reports truncated.
func splitMultipart(body []byte, boundary string, limit int) (parts [][]byte, truncated bool) {
	delim := []byte("--" + boundary)
	start := -1 // where the current part's content begins
	for pos := 0; pos < len(body); {
		line, next := cutLine(body[pos:])
		lineStart := pos
		pos = len(body) - len(next)
		closing, ok := isDelimiter(line, delim)
		if !ok {
			continue
		}
		if start >= 0 {
			parts = append(parts, trimLineEnd(body[start:lineStart]))
			if len(parts) == limit {
				return parts, !closing && pos < len(body)
			}
		}
		if closing {
			return parts, false
		}
		start = pos
	}
	if start >= 0 && start < len(body) {
		parts = append(parts, body[start:]) // no closing boundary
	}
	return parts, false
}

// isDelimiter reports whether line is "--boundary" or "--boundary--",
// allowing trailing whitespace. Anything else after the boundary means a
// different boundary that starts the same ("--abc" versus "--abc-def").
func isDelimiter(line, delim []byte) (closing, ok bool) {
	if !bytes.HasPrefix(line, delim) {
		return false, false
	}
	rest := line[len(delim):]
	if bytes.HasPrefix(rest, []byte("--")) {
		closing = true
		rest = rest[2:]
	}
	return closing, len(bytes.TrimRight(rest, " \t")) == 0
}

// trimLineEnd drops the line break before a boundary: it belongs to the
// boundary, not to the part.
func trimLineEnd(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

var boundaryLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^--(\S{1,70})\r?$`) })

// guessBoundary finds the boundary of a multipart whose Content-Type lost
// its boundary parameter: the first line that looks like a delimiter and is
// not a rule of dashes.
func guessBoundary(body []byte) string {
	for _, m := range boundaryLine().FindAllSubmatch(body, 8) {
		b := bytes.TrimSuffix(m[1], []byte("--"))
		if len(bytes.Trim(b, "-")) > 0 {
			return string(b)
		}
	}
	return ""
}
