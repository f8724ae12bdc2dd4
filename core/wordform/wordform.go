// Package wordform says when two words are forms of one word ("встреча",
// "встрече", "Встречи"), so that a search or a keyword watch finds every
// form of what a person typed. English, French and Russian use the Snowball
// stemmers; Bulgarian, which Snowball lacks, a light suffix stripper of our
// own (bulgarian.go). Words are compared in the folded form the full-text
// index holds (see Fold): lower case, Latin letters without diacritics,
// ё as е.
package wordform

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"golang.org/x/text/unicode/norm"
)

// Lang is a language whose word forms are known.
type Lang string

// The languages with word forms.
const (
	English   Lang = "en"
	French    Lang = "fr"
	Russian   Lang = "ru"
	Bulgarian Lang = "bg"
)

// Version changes whenever a stemmer's output may change, so that stems
// stored with an older one are rebuilt.
const Version = 1

// MinRunes is the shortest word given forms: shorter words are too
// ambiguous ("in", "на") and their stems say nothing.
const MinRunes = 3

var (
	latin    = []Lang{English, French}
	cyrillic = []Lang{Russian, Bulgarian}
)

// LangsOf returns the languages a folded word may belong to, by its script:
// English and French for Latin letters, Russian and Bulgarian for Cyrillic,
// none for anything else (digits, other scripts, mixed scripts).
func LangsOf(word string) []Lang {
	var lat, cyr bool
	for _, r := range word {
		switch {
		case unicode.Is(unicode.Latin, r):
			lat = true
		case unicode.Is(unicode.Cyrillic, r):
			cyr = true
		case unicode.IsLetter(r):
			return nil
		}
	}
	switch {
	case lat && !cyr:
		return latin
	case cyr && !lat:
		return cyrillic
	}
	return nil
}

// Stem returns the stem of a folded word in lang.
func Stem(lang Lang, word string) string {
	switch lang {
	case English:
		return english.Stem(word, true)
	case French:
		return french.Stem(word, true)
	case Russian:
		return russian.Stem(word, true)
	case Bulgarian:
		return StemBulgarian(word)
	}
	return word
}

// Keys returns the form keys of a folded word, "lang:stem" for each
// language it may belong to: two words are forms of one another when they
// share a key. Words shorter than MinRunes have none.
func Keys(word string) []string {
	if utf8.RuneCountInString(word) < MinRunes {
		return nil
	}
	langs := LangsOf(word)
	keys := make([]string, 0, len(langs))
	for _, l := range langs {
		keys = append(keys, string(l)+":"+Stem(l, word))
	}
	return keys
}

// Same reports whether two folded words are forms of one word.
func Same(a, b string) bool {
	if a == b {
		return true
	}
	for _, ka := range Keys(a) {
		for _, kb := range Keys(b) {
			if ka == kb {
				return true
			}
		}
	}
	return false
}

// Fold normalises text as the full-text index does: lower case, Latin
// letters without their diacritics (é -> e, but й stays й), ё as е.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r == 'ё':
			b.WriteRune('е')
		case r < utf8.RuneSelf || !unicode.Is(unicode.Latin, r):
			b.WriteRune(r)
		default:
			for _, d := range norm.NFD.String(string(r)) {
				if !unicode.Is(unicode.Mn, d) {
					b.WriteRune(d)
				}
			}
		}
	}
	return b.String()
}

// Tokens splits folded text where the index's unicode61 tokenizer does: at
// everything but letters, numbers, marks and private-use characters.
func Tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !InWord(r) })
}

// InWord reports whether r belongs to a word as Tokens splits text:
// letters, numbers, marks and private-use characters.
func InWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || unicode.Is(unicode.Co, r)
}
