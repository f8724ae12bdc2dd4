package tone

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/hearthhq/hearth/core/wordform"
)

// A lexicon file has one entry a line: a kind letter, the term (a word or
// a phrase, in any of its forms: entries and text are compared by stem)
// and, for some kinds, a weight. '#' starts a comment.
//
//	s отличный 3      sentiment, weight from -4 to 4 (VADER's scale)
//	n не              negation: turns the sentiment of the next words
//	b очень 0.3       booster (intensifier; below zero, a dampener)
//	c но              contrast: what follows outweighs what came before
//	a идиот           abuse (insult, slur): flags the text; weight -3 unless given
//	t убью тебя       threat: flags the text even under a negation; weight -3.5
//	h не хотелось бы  hypothetical: a fear of the writer's ("I'd hate to
//	                  lose my locker"): it and the words after it, to the
//	                  end of their clause, weigh nothing
//
// A word written with '=' before it (s =ценю 2.3) is matched as written,
// not by its stem, and that form is kept whole in the text too: for a
// word whose stem other words share ("ценю", I value, and "цены", prices,
// are both "цен"; "pourri" and "pourriez", could you, both "pourr").
type kind byte

const (
	kindSentiment kind = 's'
	kindNegation  kind = 'n'
	kindBooster   kind = 'b'
	kindContrast  kind = 'c'
	kindAbuse     kind = 'a'
	kindThreat    kind = 't'
	kindHypo      kind = 'h'
)

// entry is a term of a lexicon.
type entry struct {
	kind   kind
	weight float64
	stems  []string // the term's words as stems; more than one for a phrase
	words  []string // the term's words as written, lower-cased
}

// Lexicon holds a language's entries, keyed by the stem of their first
// word. It is read-only once built, so analyses may share it.
type Lexicon struct {
	lang  wordform.Lang
	terms map[string][]entry // first stem -> entries, longest phrase first
	whole map[string]bool    // folded forms matched as written ('=' in the file)
	// words are the entries of one word by the word as written, for VADER,
	// which matches words whole: "crash", "crashing" and "crashed" share
	// one stem, and so one entry of terms.
	words map[string]entry
	size  int
}

func newLexicon(lang wordform.Lang) *Lexicon {
	return &Lexicon{lang: lang, terms: map[string][]entry{}, whole: map[string]bool{}, words: map[string]entry{}}
}

// Len is the number of entries.
func (l *Lexicon) Len() int { return l.size }

// read adds the entries of a lexicon file; name is for errors.
func (l *Lexicon) read(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if strings.TrimSpace(line) == "" {
			continue
		}
		e, err := l.parseLine(line)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
		l.add(e)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func (l *Lexicon) parseLine(line string) (entry, error) {
	f := strings.Fields(line)
	if len(f) < 2 || len(f[0]) != 1 || !strings.Contains("snbcath", f[0]) {
		return entry{}, fmt.Errorf("want a kind (s, n, b, c, a, t or h) and a term, got %q", strings.TrimSpace(line))
	}
	e := entry{kind: kind(f[0][0])}
	words := f[1:]
	w, err := strconv.ParseFloat(words[len(words)-1], 64)
	hasWeight := err == nil
	if hasWeight {
		words = words[:len(words)-1]
	}
	switch {
	case len(words) == 0:
		return e, fmt.Errorf("no term in %q", strings.TrimSpace(line))
	case (e.kind == kindSentiment || e.kind == kindBooster) && !hasWeight:
		return e, fmt.Errorf("%q needs a weight", strings.Join(words, " "))
	case hasWeight && (w < -4 || w > 4):
		return e, fmt.Errorf("weight %v of %q is outside -4..4", w, strings.Join(words, " "))
	}
	e.weight = w
	if !hasWeight {
		e.weight = map[kind]float64{kindAbuse: -3, kindThreat: -3.5}[e.kind]
	}
	for i, w := range words {
		if rest, ok := strings.CutPrefix(w, "="); ok && rest != "" {
			words[i] = rest
			for _, f := range wordform.Tokens(wordform.Fold(rest)) {
				l.whole[f] = true
			}
		}
		if strings.Trim(words[i], "=") == "" {
			return e, fmt.Errorf("no word in %q", strings.TrimSpace(line))
		}
	}
	e.stems = l.stemsOf(strings.Join(words, " "))
	e.words = strings.Fields(strings.ToLower(strings.Join(words, " ")))
	if len(e.stems) == 0 {
		return e, fmt.Errorf("no word in %q", strings.TrimSpace(line))
	}
	return e, nil
}

func (l *Lexicon) stemsOf(text string) []string {
	words := wordform.Tokens(wordform.Fold(text))
	for i, w := range words {
		words[i] = l.stem(w, wordform.Stem)
	}
	return words
}

// stem is the stem of a folded word, or the word itself marked with '='
// when the lexicon matches it as written: "=класс" meets "класс" only,
// not "классы" or the "класс" of "мастер-классы".
func (l *Lexicon) stem(w string, stem func(wordform.Lang, string) string) string {
	if l.whole[w] {
		return "=" + w
	}
	return stem(l.lang, w)
}

// add files an entry; a later entry of the same term replaces an earlier
// one, so an imported lexicon overrides the bundled weights.
func (l *Lexicon) add(e entry) {
	if len(e.words) == 1 {
		l.words[e.words[0]] = e
	}
	list := l.terms[e.stems[0]]
	for i, old := range list {
		if slices.Equal(old.stems, e.stems) {
			list[i] = e
			return
		}
	}
	l.size++
	list = append(list, e)
	// Longest phrase first, so "pas mal" is tried before "pas".
	for i := len(list) - 1; i > 0 && len(list[i].stems) > len(list[i-1].stems); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	l.terms[e.stems[0]] = list
}

// match returns the entry that starts at stems[i], the longest phrase
// first, and how many words it spans.
func (l *Lexicon) match(stems []string, i int) (entry, bool) {
	for _, e := range l.terms[stems[i]] {
		if i+len(e.stems) <= len(stems) && slices.Equal(stems[i:i+len(e.stems)], e.stems) {
			return e, true
		}
	}
	return entry{}, false
}
