package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/hearthhq/hearth/core"
)

// Search returns the items matching a person's full-text query, newest
// first; it is Items with f.Query set to query.
func (s *Store) Search(ctx context.Context, query string, f core.ItemFilter) ([]core.Item, error) {
	f.Query = query
	return s.Items(ctx, f)
}

// ftsTokenizer is the tokenizer of items_fts (see the migrations); the
// scratch table that collects terms must tokenize the same way.
const ftsTokenizer = "unicode61 remove_diacritics 2"

// folder normalises text for the index and queries alike: the tokenizer
// folds case and Latin diacritics, but not ё to е, which Russian writers
// use interchangeably.
var folder = strings.NewReplacer("ё", "е", "Ё", "Е")

func fold(s string) string { return folder.Replace(s) }

const (
	// minImplicitPrefix is the shortest bare word matched as a prefix: "ca"
	// would expand to much of the vocabulary without helping anyone. A word
	// the person ends with * is always a prefix.
	minImplicitPrefix = 3
	// maxExpansion is how many terms a prefix may expand to; beyond it
	// FTS5's own prefix matching is cheaper than a long OR.
	maxExpansion = 64
)

// queryTerm is one word or quoted phrase of a person's query, folded.
type queryTerm struct {
	text   string
	phrase bool // was in quotes
	prefix bool // matches words starting with text
}

// parseQuery splits what a person typed into terms: words are ANDed and
// matched as prefixes, "quoted phrases" stay phrases (prefixes if followed
// by *), and terms without a letter or digit are dropped.
func parseQuery(input string) []queryTerm {
	var out []queryTerm
	for _, t := range splitTerms(fold(input)) {
		if !hasWordRune(t.text) {
			continue
		}
		t.prefix = t.prefix || (!t.phrase && utf8.RuneCountInString(t.text) >= minImplicitPrefix)
		out = append(out, t)
	}
	return out
}

// quote makes text one FTS5 string: operators and punctuation inside it
// (AND, NEAR, *, (, :) are plain text, so no query is a syntax error.
func quote(text string) string {
	return `"` + strings.ReplaceAll(text, `"`, `""`) + `"`
}

// matchExpr turns a person's query into an FTS5 expression, or "" when
// nothing searchable remains.
func (s *Store) matchExpr(ctx context.Context, input string) (string, error) {
	var parts []string
	for _, t := range parseQuery(input) {
		if !t.prefix {
			parts = append(parts, quote(t.text))
			continue
		}
		expr, err := s.expandPrefix(ctx, t.text)
		if err != nil {
			return "", err
		}
		parts = append(parts, expr)
	}
	// Explicit AND: FTS5 refuses an implicit one after a parenthesised group.
	return strings.Join(parts, " AND "), nil
}

// expandPrefix matches text as a prefix by listing the index terms that
// start with its last token: ("tok term1" OR "tok term2" ...). When the
// list is empty (or the Go folding disagrees with the tokenizer's) or too
// long, FTS5's own "text"* is used: always correct, slower on common words.
func (s *Store) expandPrefix(ctx context.Context, text string) (string, error) {
	native := quote(text) + "*"
	tokens := tokenize(foldQuery(text))
	if len(tokens) == 0 {
		return native, nil
	}
	last := tokens[len(tokens)-1]
	terms, err := s.termsWithPrefix(ctx, last, maxExpansion+1)
	if err != nil {
		return "", fmt.Errorf("expand %q: %w", text, err)
	}
	if len(terms) == 0 || len(terms) > maxExpansion {
		return native, nil
	}
	head := strings.Join(tokens[:len(tokens)-1], " ")
	alts := make([]string, len(terms))
	for i, term := range terms {
		alts[i] = quote(strings.TrimSpace(head + " " + term))
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return "(" + strings.Join(alts, " OR ") + ")", nil
}

func (s *Store) termsWithPrefix(ctx context.Context, prefix string, limit int) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT term FROM fts_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
		prefix, prefix+string(utf8.MaxRune), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var terms []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
	return terms, rows.Err()
}

// foldQuery folds query text as the tokenizer folds indexed text: lower
// case, and Latin letters without their diacritics (remove_diacritics 2
// strips them from Latin script only: й stays й).
func foldQuery(s string) string {
	var b strings.Builder
	for _, r := range s {
		r = unicode.ToLower(r)
		if r < utf8.RuneSelf || !unicode.Is(unicode.Latin, r) {
			b.WriteRune(r)
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(d)
			}
		}
	}
	return b.String()
}

// tokenize splits text where the unicode61 tokenizer does: at everything
// but letters, numbers, marks and private-use characters.
func tokenize(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r) && !unicode.Is(unicode.Co, r)
	})
}

// splitTerms splits on spaces outside quotes; an unclosed quote runs to the
// end of the input. A * right after a term makes it a prefix.
func splitTerms(s string) []queryTerm {
	var out []queryTerm
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		var t queryTerm
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				end = len(s) - 1
			}
			t = queryTerm{text: s[1 : 1+end], phrase: true}
			s = s[min(len(s), end+2):]
		} else {
			end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
			if end < 0 {
				end = len(s)
			}
			t = queryTerm{text: s[:end]}
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
