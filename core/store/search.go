package store

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/core/wordform"
)

// Search returns the items matching a query of the query language
// (core/query), newest first; it is Items with f.Query set to query. A
// query that does not parse fails with a *query.Error naming the column.
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

// maxExpansion is how many terms a word or prefix may expand to; beyond it
// FTS5's own prefix matching is cheaper than a long OR.
const maxExpansion = 64

// quote makes text one FTS5 string: operators and punctuation inside it
// (AND, NEAR, *, (, :) are plain text, so no query is a syntax error.
func quote(text string) string {
	return `"` + strings.ReplaceAll(text, `"`, `""`) + `"`
}

// matchExpr matches every word of plain text (no query syntax: an expert
// topic), each in any of its forms; "" when nothing is searchable.
func (s *Store) matchExpr(ctx context.Context, text string) (string, error) {
	var parts []string
	for _, w := range strings.Fields(text) {
		if len(wordform.Tokens(wordform.Fold(w))) == 0 {
			continue
		}
		e, err := s.textExpr(ctx, query.Text{Text: w})
		if err != nil {
			return "", err
		}
		parts = append(parts, e)
	}
	// Explicit AND: FTS5 refuses an implicit one after a parenthesised group.
	return strings.Join(parts, " AND "), nil
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
func foldQuery(s string) string { return wordform.Fold(s) }

// tokenize splits text where the unicode61 tokenizer does.
func tokenize(s string) []string { return wordform.Tokens(s) }
