package store

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
)

// Search returns the items matching a person's full-text query, newest
// first; it is Items with f.Query set to query.
func (s *Store) Search(ctx context.Context, query string, f core.ItemFilter) ([]core.Item, error) {
	f.Query = query
	return s.Items(ctx, f)
}

// folder normalises text for the index and queries alike: the tokenizer
// folds case and Latin diacritics, but not ё to е, which Russian writers
// use interchangeably.
var folder = strings.NewReplacer("ё", "е", "Ё", "Е")

func fold(s string) string { return folder.Replace(s) }

// minImplicitPrefix is the shortest bare word matched as a prefix: "ca"
// would expand to most of the vocabulary and make the search slow without
// helping anyone. A word the person ends with * is always a prefix.
const minImplicitPrefix = 3

// ftsQuery turns what a person typed into an FTS5 query that cannot be a
// syntax error: words are ANDed and matched as prefixes, "quoted phrases"
// stay phrases, and every term is quoted so that operators and punctuation
// (AND, NEAR, *, (, :) are plain text. It returns "" when nothing
// searchable remains.
func ftsQuery(input string) string {
	var terms []string
	for _, t := range splitTerms(fold(input)) {
		if !hasWordRune(t.text) {
			continue
		}
		q := `"` + strings.ReplaceAll(t.text, `"`, `""`) + `"`
		if t.prefix || (!t.phrase && utf8.RuneCountInString(t.text) >= minImplicitPrefix) {
			q += "*"
		}
		terms = append(terms, q)
	}
	return strings.Join(terms, " ")
}

// term is one word or quoted phrase of a query.
type term struct {
	text   string
	phrase bool // was in quotes: matched as typed
	prefix bool // ended with *
}

// splitTerms splits on spaces outside quotes; an unclosed quote runs to the
// end of the input.
func splitTerms(s string) []term {
	var out []term
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		var t term
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				end = len(s) - 1
			}
			t = term{text: s[1 : 1+end], phrase: true}
			s = s[min(len(s), end+2):]
		} else {
			end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
			if end < 0 {
				end = len(s)
			}
			t = term{text: s[:end]}
			s = s[end:]
		}
		if strings.HasPrefix(s, "*") {
			t.prefix, s = true, s[1:]
		}
		if trimmed := strings.TrimRight(t.text, "*"); trimmed != t.text {
			t.text, t.prefix = trimmed, true
		}
		out = append(out, t)
	}
	return out
}

func hasWordRune(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
