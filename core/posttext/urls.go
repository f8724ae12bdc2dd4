package posttext

import (
	"strings"
	"unicode"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// maxLabel is the longest DNS label, in its punycode form.
const maxLabel = 63

// extractURLSpans finds the URLs X would shorten: with a protocol on any
// domain with a real top-level domain, without one on ASCII domains only.
// A candidate whose host is not a valid domain name is no URL at all.
func extractURLSpans(text []rune) []span {
	var out []span
	for i := 0; i < len(text); {
		if !urlMayStart(text, i) {
			i++
			continue
		}
		end, skip := urlAt(text, i)
		if end > i {
			out = append(out, span{i, end})
			i = end
			continue
		}
		i += max(skip, 1)
	}
	return out
}

// urlMayStart: a URL does not continue a word, an @handle, a $cashtag or
// a #hashtag.
func urlMayStart(text []rune, i int) bool {
	if i == 0 {
		return true
	}
	p := text[i-1]
	return !(p < unicode.MaxASCII && (isASCIIAlnum(p) || strings.ContainsRune("@$#", p))) &&
		p != '＠' && p != '＃' && p != '＄'
}

// urlAt returns the end of a URL at i, or i with how far to skip past a
// rejected candidate so that no part of it is taken for a URL.
func urlAt(text []rune, i int) (end, skip int) {
	j, protocol := i, hasProtocol(text, i)
	if protocol > 0 {
		j += protocol
	} else if !asciiDomainStart(text, i) {
		return i, 1
	}
	hostEnd := domainEnd(text, j, protocol > 0)
	if hostEnd == j || !validHost(string(text[j:hostEnd]), protocol > 0) {
		return i, hostEnd - i
	}
	end = pathEnd(text, portEnd(text, hostEnd))
	if protocol == 0 && end == hostEnd && isShortCCDomain(string(text[j:hostEnd])) {
		return i, hostEnd - i // "example.co" alone is too often not a link
	}
	return end, 0
}

func hasProtocol(text []rune, i int) int {
	rest := strings.ToLower(string(text[i:min(len(text), i+8)]))
	switch {
	case strings.HasPrefix(rest, "https://"):
		return 8
	case strings.HasPrefix(rest, "http://"):
		return 7
	}
	return 0
}

// asciiDomainStart: without a protocol only ASCII domains are links, and
// not right after a dot, dash, slash or underscore (a path, a file name).
func asciiDomainStart(text []rune, i int) bool {
	if i > 0 && strings.ContainsRune("-_./", text[i-1]) {
		return false
	}
	return isASCIIAlnum(text[i])
}

// domainEnd consumes labels and dots; without a protocol, ASCII only.
func domainEnd(text []rune, j int, unicodeOK bool) int {
	for j < len(text) {
		r := text[j]
		ok := r == '.' || isASCIIAlnum(r) || r == '-' || r == '_' || unicodeOK && isDomainRune(r)
		if !ok {
			break
		}
		j++
	}
	for j > 0 && text[j-1] == '.' {
		j-- // a sentence's full stop
	}
	return j
}

func isDomainRune(r rune) bool {
	return r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// validHost: two or more non-empty labels, each at most 63 characters in
// punycode, ending in a top-level domain ICANN lists.
func validHost(host string, protocol bool) bool {
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return false
		}
		a, err := idna.Punycode.ToASCII(strings.ToLower(l))
		if err != nil || len(a) > maxLabel {
			return false
		}
		if !protocol && strings.Contains(l, "_") && l == labels[len(labels)-1] {
			return false
		}
	}
	return isTLD(labels[len(labels)-1])
}

func isTLD(label string) bool {
	a, err := idna.Punycode.ToASCII(strings.ToLower(label))
	if err != nil || a == "" || strings.Trim(a, "0123456789") == "" {
		return false
	}
	suffix, icann := publicsuffix.PublicSuffix(a)
	return icann && suffix == a
}

// isShortCCDomain: a bare "name.cc" without protocol or path.
func isShortCCDomain(host string) bool {
	labels := strings.Split(host, ".")
	return len(labels) == 2 && len(labels[1]) == 2
}

func portEnd(text []rune, j int) int {
	if j < len(text) && text[j] == ':' {
		k := j + 1
		for k < len(text) && text[k] >= '0' && text[k] <= '9' {
			k++
		}
		if k > j+1 {
			return k
		}
	}
	return j
}

// pathEnd consumes a path, query and fragment up to a space, then gives
// back trailing punctuation and unbalanced closing brackets.
func pathEnd(text []rune, j int) int {
	if j >= len(text) || !strings.ContainsRune("/?#", text[j]) {
		return j
	}
	end := j
	for end < len(text) && isPathRune(text[end]) {
		end++
	}
	for end > j+1 && trailingNotURL(text[j:end]) {
		end--
	}
	return end
}

func isPathRune(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) && !unicode.IsControl(r) && !strings.ContainsRune(`"<>{}^|\`+"`", r)
}

// trailingNotURL: the last rune ends the sentence rather than the URL.
func trailingNotURL(p []rune) bool {
	last := p[len(p)-1]
	switch {
	case strings.ContainsRune(".,;:!?'", last):
		return true
	case last == ')':
		return strings.Count(string(p), "(") < strings.Count(string(p), ")")
	case last == ']':
		return strings.Count(string(p), "[") < strings.Count(string(p), "]")
	}
	return false
}
