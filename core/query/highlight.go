package query

import (
	"slices"
	"strings"

	"github.com/hearthhq/hearth/core/wordform"
)

// Span is a part of a text, as byte offsets [Start, End).
type Span struct{ Start, End int }

// Highlights are the words of text a search for q found: every word that
// one of q's words (not those excluded with -) matches, in any of its
// forms, as Match reads them. Phrases highlight their words wherever they
// stand. The spans are in order and do not overlap.
func (q Query) Highlights(text string) []Span {
	terms := positiveTexts(q.Root, false, nil)
	if len(terms) == 0 {
		return nil
	}
	type term struct {
		want   string
		keys   []string
		prefix bool
	}
	var ts []term
	for _, t := range terms {
		want, keys := queryWords(t.Text)
		for i, w := range want {
			ts = append(ts, term{w, keys[i], t.Prefix && i == len(want)-1})
		}
	}
	var out []Span
	d := &Doc{keys: map[string][]string{}}
	forEachWord(text, func(start, end int) {
		got := wordform.Fold(text[start:end])
		for _, t := range ts {
			if d.wordMatches(got, t.want, t.keys, t.prefix) {
				out = append(out, Span{start, end})
				return
			}
		}
	})
	return out
}

// positiveTexts gathers the texts of a query that must be found (under an
// even number of Nots).
func positiveTexts(n Node, negated bool, acc []Text) []Text {
	switch n := n.(type) {
	case Text:
		if !negated && !slices.ContainsFunc(acc, func(t Text) bool { return strings.EqualFold(t.Text, n.Text) }) {
			acc = append(acc, n)
		}
	case And:
		for _, c := range n.Nodes {
			acc = positiveTexts(c, negated, acc)
		}
	case Or:
		for _, c := range n.Nodes {
			acc = positiveTexts(c, negated, acc)
		}
	case Not:
		acc = positiveTexts(n.Node, !negated, acc)
	}
	return acc
}

// forEachWord calls fn with the byte span of each word of s, split where
// wordform.Tokens splits.
func forEachWord(s string, fn func(start, end int)) {
	start := -1
	for i, r := range s {
		inWord := wordform.InWord(r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			fn(start, i)
			start = -1
		}
	}
	if start >= 0 {
		fn(start, len(s))
	}
}
