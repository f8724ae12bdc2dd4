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
	"regexp"
	"slices"
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
// lexicon lacks, and weights it rates out of a community's context (pay),
// and the insults of one word that it lacks (retards, clowns).
func (l *Lexicon) addToVADER(vader map[string]float64) {
	for w, e := range l.words {
		_, known := vader[w]
		if e.kind == kindSentiment || e.kind == kindAbuse && !known {
			vader[w] = e.weight
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
		j := a.judge(English, folded)
		t.Sentiment, t.Abusive = a.english(text, j.phrases), j.abusive
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

// english scores English with VADER, each sentence that asks for
// something (asks) at questionScalar of its valence: VADER rates words
// out of context, and a question names what it asks about ("can I pay by
// card?", "how do I cancel?") without saying how the writer feels. A
// text with no such question is scored whole, exactly as VADER does.
//
// phrases is the valence of the English list's abuse and threats of more
// than one word, which VADER cannot match ("i will find you").
func (a *Analyzer) english(text string, phrases float64) float64 {
	if strings.Contains(text, "ike") || strings.Contains(text, "IKE") {
		text = wouldLike.ReplaceAllString(text, "${1} want")
	}
	parts := sentences(text)
	if !slices.ContainsFunc(parts, func(s sentence) bool { return s.asks }) {
		c := a.vader.PolarityScores(text).Compound
		if phrases == 0 {
			return c
		}
		return normalize(valence(c) + phrases)
	}
	var rest strings.Builder
	sum := phrases
	for _, s := range parts {
		if s.courtesy {
			continue
		}
		if s.asks {
			sum += questionScalar * valence(a.vader.PolarityScores(s.text).Compound)
			continue
		}
		rest.WriteString(s.text)
		rest.WriteByte(' ')
	}
	if rest.Len() > 0 {
		sum += valence(a.vader.PolarityScores(rest.String()).Compound)
	}
	return normalize(sum)
}

// wouldLike is "I'd like", "we would like": a request, where VADER reads
// the "like" of liking.
var wouldLike = regexp.MustCompile(`(?i)(\b(?:i|we|you|they|he|she)(?:['’]d|\s+would))\s+like\b`)

// judge scores folded text with a lexicon.
func (a *Analyzer) judge(lang, folded string) judged {
	l := a.lex[lang]
	var stems []string
	stem := a.stems.stem
	for _, s := range sentences(folded) {
		mark := statementMark
		switch {
		case s.courtesy:
			mark = courtesyMark
		case s.asks:
			mark = questionMark
		}
		stems = append(stems, mark)
		for _, clause := range strings.FieldsFunc(s.text, isClauseEnd) {
			for _, w := range wordform.Tokens(clause) {
				stems = append(stems, l.stem(w, stem))
			}
			stems = append(stems, clauseBreak)
		}
	}
	return l.judge(stems)
}

// Marks among stems (no word stems to punctuation): clauseBreak stands
// between clauses, where a negation or a booster reaches no further ("не
// плохо, мне понравилось"); questionMark starts a sentence that asks,
// courtesyMark a closing courtesy of a text that asks, statementMark any
// other.
const (
	clauseBreak   = ","
	questionMark  = "?"
	courtesyMark  = "!"
	statementMark = "."
)

// sentence is a sentence of a text and whether it asks for something: it
// ends in '?' and has no word that asks why ("why", "pourquoi",
// "почему", "защо"), which makes a question a reproach ("why is the
// event on a weekday again?"); or whether it is a closing courtesy of a
// text that asks.
type sentence struct {
	text     string
	asks     bool
	courtesy bool
}

// sentences splits a text after each run of '.', '!', '?', '…' and line
// ends. In a text that asks, the closing courtesies ("Thanks, Hannah",
// "Merci d'avance", "All the best") weigh nothing: they thank for the
// answer to come, where VADER would read "thanks" and "best" as praise.
func sentences(text string) []sentence {
	out := splitSentences(text)
	if slices.ContainsFunc(out, func(s sentence) bool { return s.asks }) {
		for i := range out {
			out[i].courtesy = !out[i].asks && isCourtesy(out[i].text)
		}
	}
	return out
}

// isCourtesy reports whether a sentence is a closing courtesy: at most
// five words, one of them a word of thanks or regards.
func isCourtesy(text string) bool {
	words := wordform.Tokens(wordform.Fold(text))
	return len(words) <= 5 && slices.ContainsFunc(words, func(w string) bool { return courtesyWords[w] })
}

// courtesyWords thank or send regards, in folded form.
var courtesyWords = map[string]bool{
	"thanks": true, "thank": true, "thx": true, "cheers": true, "regards": true, "best": true, "wishes": true,
	"merci": true, "cordialement": true, "amities": true, "salutations": true,
	"спасибо": true, "благодарю": true, "уважением": true,
	"благодаря": true, "поздрави": true,
}

func splitSentences(text string) []sentence {
	var out []sentence
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isSentenceEnd(r) {
			i += n
			continue
		}
		end := i
		for end < len(text) {
			r, n := utf8.DecodeRuneInString(text[end:])
			if !isSentenceEnd(r) && r != ' ' && r != '\t' && r != '\r' {
				break
			}
			end += n
		}
		out = append(out, newSentence(text[start:end], text[i:end]))
		start, i = end, end
	}
	if start < len(text) {
		out = append(out, newSentence(text[start:], ""))
	}
	return out
}

func newSentence(text, ending string) sentence {
	asks := strings.ContainsRune(ending, '?')
	if asks {
		for _, w := range wordform.Tokens(wordform.Fold(text)) {
			if whyWords[w] {
				asks = false
				break
			}
		}
	}
	return sentence{text: text, asks: asks}
}

func isSentenceEnd(r rune) bool {
	return strings.ContainsRune(".!?…\n", r)
}

// whyWords ask why, in folded form: a question with one reproaches more
// often than it asks.
var whyWords = map[string]bool{
	"why": true, "pourquoi": true, "почему": true, "зачем": true, "отчего": true, "защо": true,
}

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
