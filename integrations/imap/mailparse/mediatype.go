package mailparse

import (
	"mime"
	"sort"
	"strconv"
	"strings"
)

// mediaType parses a Content-Type or Content-Disposition value. The
// standard parser is tried first; when it refuses the value (duplicate or
// unquoted parameters) or drops an RFC 2231 parameter in a charset it does
// not decode, a tolerant reader fills in what is missing.
func mediaType(v string) (string, map[string]string) {
	mt, params, err := mime.ParseMediaType(v)
	if params == nil {
		params = map[string]string{}
	}
	if err == nil && !strings.Contains(v, "*") {
		return mt, params
	}
	lmt, lparams := lenientMediaType(v)
	if mt == "" {
		mt = lmt
	}
	for k, val := range lparams {
		if _, ok := params[k]; !ok {
			params[k] = val
		}
	}
	return mt, params
}

// fixMediaType completes a media type written without its subtype.
func fixMediaType(mt string) string {
	mt = strings.ToLower(strings.TrimSpace(mt))
	if strings.Contains(mt, "/") {
		return mt
	}
	switch mt {
	case "text", "":
		return "text/plain"
	case "multipart":
		return "multipart/mixed"
	}
	return "application/octet-stream"
}

// param2231 is one segment of an RFC 2231 parameter ("name*1*=...").
type param2231 struct {
	index   int
	value   string
	encoded bool
}

// lenientMediaType splits "type; k=v; k2="v2"" by hand and joins RFC 2231
// continuations, decoding their charset.
func lenientMediaType(v string) (string, map[string]string) {
	pieces := splitParams(v)
	params := map[string]string{}
	segs := map[string][]param2231{}
	for _, kv := range pieces[1:] {
		k, val, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		val = unquote(strings.TrimSpace(val))
		base, seg, is2231 := split2231(k, val)
		if !is2231 {
			if _, dup := params[k]; !dup {
				params[k] = val
			}
			continue
		}
		segs[base] = append(segs[base], seg)
	}
	for base, ss := range segs {
		params[base] = join2231(ss)
	}
	return strings.ToLower(strings.TrimSpace(pieces[0])), params
}

// splitParams splits on semicolons outside quoted strings.
func splitParams(v string) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && quoted:
			i++
		case c == '"':
			quoted = !quoted
		case c == ';' && !quoted:
			out = append(out, v[start:i])
			start = i + 1
		}
	}
	return append(out, v[start:])
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
		if strings.Contains(s, `\`) {
			var sb strings.Builder
			for i := 0; i < len(s); i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				sb.WriteByte(s[i])
			}
			s = sb.String()
		}
	}
	return strings.Trim(s, `"`)
}

// split2231 recognises "name*", "name*N" and "name*N*".
func split2231(k, val string) (string, param2231, bool) {
	base, rest, ok := strings.Cut(k, "*")
	if !ok {
		return k, param2231{}, false
	}
	seg := param2231{value: val}
	if rest == "" {
		seg.encoded = true
		return base, seg, true
	}
	seg.encoded = strings.HasSuffix(rest, "*")
	n, err := strconv.Atoi(strings.TrimSuffix(rest, "*"))
	if err != nil {
		return k, param2231{}, false
	}
	seg.index = n
	return base, seg, true
}

// join2231 orders the segments, percent-decodes the encoded ones and
// converts the result from the charset named by the first.
func join2231(segs []param2231) string {
	sort.Slice(segs, func(i, j int) bool { return segs[i].index < segs[j].index })
	var buf []byte
	label := ""
	for i, s := range segs {
		val := s.value
		if s.encoded && i == 0 {
			if parts := strings.SplitN(val, "'", 3); len(parts) == 3 {
				label, val = parts[0], parts[2]
			}
		}
		if s.encoded {
			buf = append(buf, percentDecode(val)...)
		} else {
			buf = append(buf, val...)
		}
	}
	out, _ := decodeCharset(label, buf)
	return out
}

func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}
