package core

import (
	"strings"
	"unicode"
)

// MatchKeywords reports whether text mentions one of the keywords, as whole
// words, ignoring case (and ё/е): "hearth" matches "Hearth's" and "HEARTH"
// but not "hearthstone"; a keyword of several words matches them in a row.
// No keywords match everything. It knows no word forms: the query language
// (core/query) adds them and replaces this matcher where it is wired.
func MatchKeywords(text string, keywords []string) bool {
	if len(keywords) == 0 {
		return true
	}
	words := Words(text)
	for _, k := range keywords {
		if kw := Words(k); len(kw) > 0 && containsRun(words, kw) {
			return true
		}
	}
	return false
}

// Words splits text into lower-cased words of letters and digits, with ё
// folded to е; an apostrophe ends a word ("Hearth's" gives "hearth", "s").
func Words(text string) []string {
	f := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range f {
		f[i] = strings.ReplaceAll(strings.ToLower(w), "ё", "е")
	}
	return f
}

func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		match := true
		for j, w := range run {
			if words[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
