// Package tone reads the tone of what people write: its language (en, fr,
// ru, bg or other), a sentiment score in [-1, 1] and whether it insults,
// slurs or threatens. English goes through VADER (jonreiter/govader);
// French, Russian and Bulgarian through lexicons written for Hearth
// (lexicon/*.txt, CC0), matched on word stems (core/wordform) with
// negation, boosters and contrast handled as VADER does, so that every
// language shares one scale and one set of labels (core.Tone.Label).
// A person may import a lexicon of their own (Import) on top.
package tone

import (
	"embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/wordform"
	"github.com/jonreiter/govader"
)

//go:embed lexicon/*.txt
var bundled embed.FS

// Lexicons are the languages with a lexicon, which Import adds to.
var Lexicons = []string{English, French, Russian, Bulgarian}

// Analyzer reads tone. It is safe for concurrent use.
type Analyzer struct {
	vader *govader.SentimentIntensityAnalyzer
	lex   map[string]*Lexicon // en holds abuse and threats only: VADER scores English
	stems stemCache
}

var (
	defaultOnce sync.Once
	defaultA    *Analyzer
)

// Default is the analyzer with the bundled lexicons, built once.
func Default() *Analyzer {
	defaultOnce.Do(func() {
		a, err := New()
		if err != nil {
			panic(err) // bundled data: TestBundledLexicons catches a bad line first
		}
		defaultA = a
	})
	return defaultA
}

// New builds an analyzer with the bundled lexicons.
func New() (*Analyzer, error) {
	a := &Analyzer{vader: govader.NewSentimentIntensityAnalyzer(), lex: map[string]*Lexicon{}}
	for _, lang := range Lexicons {
		l := newLexicon(wordform.Lang(lang))
		f, err := bundled.Open("lexicon/" + lang + ".txt")
		if err != nil {
			return nil, fmt.Errorf("tone: lexicon %s: %w", lang, err)
		}
		err = l.read(f, "lexicon/"+lang+".txt")
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("tone: %w", err)
		}
		a.lex[lang] = l
	}
	a.lex[English].addToVADER(a.vader.Lexicon)
	return a, nil
}

// addToVADER gives VADER the English sentiment entries of a lexicon:
// words of a community's trouble (crashing, laggy, overpriced) that its
// lexicon lacks.
func (l *Lexicon) addToVADER(vader map[string]float64) {
	for _, list := range l.terms {
		for _, e := range list {
			if e.kind == kindSentiment && len(e.words) == 1 {
				vader[e.words[0]] = e.weight
			}
		}
	}
}

// Import adds the entries of a lexicon file (the format of lexicon/*.txt)
// for lang, over the bundled ones. Call it before analysing.
func (a *Analyzer) Import(lang string, r io.Reader, name string) (int, error) {
	l, ok := a.lex[lang]
	if !ok {
		return 0, fmt.Errorf("tone: no lexicon for %q (want en, fr, ru or bg)", lang)
	}
	before := l.Len()
	if err := l.read(r, name); err != nil {
		return 0, fmt.Errorf("tone: import: %w", err)
	}
	return l.Len() - before, nil
}

// Analyze reads the tone of a text.
func (a *Analyzer) Analyze(text string) core.Tone {
	folded := wordform.Fold(text)
	lang := detectLang(text, folded)
	t := core.Tone{Lang: lang}
	switch lang {
	case English:
		t.Sentiment = a.vader.PolarityScores(text).Compound
		t.Abusive = a.judge(English, folded).abusive
	case French, Russian, Bulgarian:
		j := a.judge(lang, folded)
		t.Sentiment, t.Abusive = normalize(emphasis(text, j.sum)), j.abusive
	default:
		t.Sentiment, t.Abusive = a.other(text, folded)
	}
	return t
}

// other reads a text in none of our languages (or with no words): VADER
// for its emoji and any English in it, and every abuse list.
func (a *Analyzer) other(text, folded string) (float64, bool) {
	s := a.vader.PolarityScores(text).Compound
	if s == 0 {
		s = normalize(emphasis(text, 0)) // VADER names emoji, but scores few of those names
	}
	for _, lang := range []string{English, French, Russian, Bulgarian} {
		if a.judge(lang, folded).abusive {
			return s, true
		}
	}
	return s, false
}

// judge scores folded text with a lexicon.
func (a *Analyzer) judge(lang, folded string) judged {
	l := a.lex[lang]
	var stems []string
	for _, clause := range strings.FieldsFunc(folded, isClauseEnd) {
		for _, w := range wordform.Tokens(clause) {
			stems = append(stems, a.stems.stem(l.lang, w))
		}
		stems = append(stems, clauseBreak)
	}
	return l.judge(stems)
}

// clauseBreak stands between clauses among stems: a negation or a booster
// reaches no further ("не плохо, мне понравилось").
const clauseBreak = ","

func isClauseEnd(r rune) bool {
	return strings.ContainsRune(",.;:!?…—()\n", r)
}

// stemCache remembers stems: a community's vocabulary is small next to
// the number of messages, and stemming is most of a lexicon's cost.
type stemCache struct {
	mu sync.RWMutex
	m  map[stemKey]string
}

type stemKey struct {
	lang wordform.Lang
	word string
}

// maxStems bounds the cache; past it the cache starts over.
const maxStems = 200_000

func (c *stemCache) stem(lang wordform.Lang, word string) string {
	k := stemKey{lang, word}
	c.mu.RLock()
	s, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return s
	}
	s = wordform.Stem(lang, word)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxStems {
		c.m = make(map[stemKey]string, 1024)
	}
	c.m[k] = s
	c.mu.Unlock()
	return s
}

// maxItemText is how much of an item the analysis reads: a long mail's
// tone shows in its first lines, and the cost grows with the length.
const maxItemText = 4096

// ItemText is the text of an item the analysis reads: the subject when it
// is the author's own (not "Re: ..." quoting ours), then the text, cut at
// maxItemText bytes on a character boundary.
func ItemText(subject, text string) string {
	s := strings.TrimSpace(subject)
	if l := strings.ToLower(s); strings.HasPrefix(l, "re:") || strings.HasPrefix(l, "fwd:") || strings.HasPrefix(l, "fw:") {
		s = ""
	}
	if s != "" {
		text = s + "\n" + text
	}
	if len(text) <= maxItemText {
		return text
	}
	cut := maxItemText
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
}

// AnalyzeItem reads the tone of an item's subject and text.
func (a *Analyzer) AnalyzeItem(subject, text string) core.Tone {
	return a.Analyze(ItemText(subject, text))
}
