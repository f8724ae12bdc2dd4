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
	if !t.Abusive && mayBeAd(folded) && adMarks().MatchString(folded) {
		t.Sentiment = 0 // "cheap and safe!!!" praises what it sells, not us
	}
	return t
}

// mayBeAd tells cheaply whether adMarks may match: every mark has a
// number or one of adWords.
func mayBeAd(folded string) bool {
	return strings.ContainsAny(folded, "0123456789") || slices.ContainsFunc(adWords, func(w string) bool { return strings.Contains(folded, w) })
}

var adWords = []string{"dm ", "selected", "claim", "link", "promo", "buy ", "order ", "click", "cliquez", "ecrivez", "пишите", "промокод", "пишете"}

// adMarks are the marks of an advertisement ("Get 10K followers in 24h!!!
// cheap and safe, DM now"), whose selling words are no one's feeling
// about the community: an ad reads neutral (unless it insults or
// threatens). Folded text: lower case, no accents.
var adMarks = lazyRegexp(`(?:^|[^\p{L}])(?:dm\s+now|you\s+have\s+been\s+selected|claim\s+your|link\s+in\s+(?:bio|profile)|promo\s*code|buy\s+now|order\s+now|click\s+here|` +
	`\d+\s*k?\s+(?:followers|likes|subscribers|views|abonnes|vues|подписчиков|лайков|просмотров|последователи|харесвания|абонати)|` +
	`code\s+promo|cliquez\s+ici|ecrivez\s+en\s+mp|пишите\s+в\s+лс|промокод|пишете\s+на\s+лично)(?:$|[^\p{L}])`)

// other reads a text in none of our languages (or with no words): VADER
// for its emoji and any English in it, and every abuse list.
func (a *Analyzer) other(text, folded string) (float64, bool) {
	s := a.polarity(text)
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
// something (asks) at questionScalar of its valence: VADER rates words out
// of context, and a question names what it asks about ("can I pay by
// card?", "how do I cancel?") without saying how the writer feels. A
// hypothetical clause ("I'd hate to lose my locker") weighs nothing: it
// names a fear of what has not happened, not a grievance. A text with
// neither, and no question that exclaims, is scored whole, as VADER does.
//
// phrases is the valence of the English list's abuse and threats of more
// than one word, which VADER cannot match ("i will find you").
func (a *Analyzer) english(text string, phrases float64) float64 {
	text = englishIdioms(text)
	parts := hypotheticals(sentences(text))
	if !slices.ContainsFunc(parts, func(s sentence) bool { return s.asks || s.hypo || s.rhetoric || s.courtesy }) {
		if len(parts) > 1 && hasBut(text) {
			// VADER halves every word before a "but" and raises every
			// one after it, across the whole text: "It says Wednesday,
			// but..." halved the "wrong day" of the sentence before it.
			// Each sentence keeps its own contrast.
			sum := phrases
			for _, s := range parts {
				sum += valence(a.polarity(s.text))
			}
			return normalize(sum)
		}
		c := a.polarity(text)
		if phrases == 0 {
			return c
		}
		return normalize(valence(c) + phrases)
	}
	var rest strings.Builder
	sum := phrases
	but := hasBut(text)
	for _, s := range parts {
		switch {
		case s.courtesy || s.hypo:
			continue
		case s.asks:
			sum += questionScalar * valence(a.polarity(s.text))
			continue
		case s.rhetoric:
			s.text = negatedOpener().ReplaceAllString(s.text, "${1}${2}")
		}
		if but {
			sum += valence(a.polarity(s.text))
			continue
		}
		rest.WriteString(s.text)
		rest.WriteByte(' ')
	}
	if rest.Len() > 0 {
		sum += valence(a.polarity(rest.String()))
	}
	return normalize(sum)
}

// hasBut reports whether a text has VADER's contrast word.
func hasBut(text string) bool {
	return (strings.Contains(text, "but") || strings.Contains(text, "But") || strings.Contains(text, "BUT")) && butWord().MatchString(text)
}

var butWord = lazyRegexp(`(?i)\bbut\b`)

// polarity is VADER's compound score of a text. VADER splits words at
// spaces only: a word at a line's start or end ("furious.\n\nRegards")
// would go unread, so other white space becomes spaces first.
func (a *Analyzer) polarity(text string) float64 {
	if strings.ContainsAny(text, "\n\r\t") {
		text = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' || r == '\t' {
				return ' '
			}
			return r
		}, text)
	}
	return a.vader.PolarityScores(text).Compound
}

// englishIdioms rewrites what VADER reads as a feeling where English
// names a request or a thing: "I'd like" (a request, not liking) reads
// "I want"; a "save file" or "save slot" of a game is a noun, not a
// rescue; "happy to help", "glad to stay" offer a hand (the adjective
// reads "willing"), where "happy to be here", "glad to have you" stay
// feelings.
func englishIdioms(text string) string {
	if strings.Contains(text, "ike") || strings.Contains(text, "IKE") {
		text = wouldLike().ReplaceAllString(text, "${1} want")
	}
	if strings.Contains(text, "ave") || strings.Contains(text, "AVE") {
		text = saveNoun().ReplaceAllString(text, "savegame${1}")
	}
	if strings.Contains(text, "ove") || strings.Contains(text, "ore") || strings.Contains(text, "joy") || strings.Contains(text, "about") {
		text = hobbyEN().ReplaceAllString(text, "does ${1}")
	}
	if strings.Contains(text, " to ") || strings.Contains(text, " TO ") {
		text = happyTo().ReplaceAllStringFunc(text, func(m string) string {
			sub := happyTo().FindStringSubmatch(m)
			if feelingVerbs[strings.ToLower(sub[2])] {
				return m
			}
			return "willing" + m[len(sub[1]):]
		})
	}
	return text
}

var (
	// wouldLike is "I'd like", "we would like": a request, where VADER
	// reads the "like" of liking.
	wouldLike = lazyRegexp(`(?i)(\b(?:i|we|you|they|he|she)(?:['’]d|\s+would))\s+like\b`)
	// saveNoun is the "save" of a game's save files, and of "save me a
	// seat" (keep).
	saveNoun = lazyRegexp(`(?i)\bsave(\s+(?:files?|games?|data|slots?|states?|points?|the\s+date|(?:me|us|them|him|her)\s+(?:a\s+|two\s+)?(?:seats?|spots?|places?|tables?|slots?))\b)`)
	// hobbyEN is someone else's liking for an activity ("she loves
	// building things", "my son enjoys drawing", "is crazy about
	// soldering"): it tells who they are, not what the writer thinks of
	// the community. The writer's own ("I love coming here") and a
	// liking of a thing ("she loves your events") keep their weight.
	hobbyEN = lazyRegexp(`(?i)\b(?:loves|adores|enjoys|likes|(?:is|and)\s+(?:crazy|mad|nuts)\s+about)\s+(to\s+[a-z]+|[a-z]+ing)\b`)
	// happyTo is an offer ("happy to stay with her", "glad to help").
	happyTo = lazyRegexp(`(?i)\b(happy|glad|pleased)\s+to\s+([a-z]+)`)
	// negatedOpener is the negation of a question that exclaims ("Wasn't
	// that amazing?"), which VADER would read as turning "amazing".
	negatedOpener = lazyRegexp(`(?i)^(\W*)(was|is|are|were|did|do|does|has|have)n['’]?t\b`)
	// hypoEN opens a hypothetical clause: what the writer would hate,
	// dread or be sad to see ("I'd hate to lose my locker", "I wouldn't
	// want to miss it", "it would be a shame to lose the room").
	hypoEN = lazyRegexp(`(?i)\b(?:(?:i|we)(?:['’]d|\s+would)(?:\s+(?:really|so|just))?\s+(?:hate|dread|not\s+(?:want|like)|be\s+(?:so\s+|really\s+|very\s+)?(?:sad|sorry|gutted|upset|devastated|heartbroken|disappointed))|(?:i|we)\s+wouldn['’]?t\s+(?:want|like)|it(?:['’]d|\s+would)\s+be\s+(?:such\s+)?(?:a\s+)?(?:shame|pity|sad))\b`)
)

// feelingVerbs after "happy to", "glad to" make a feeling ("happy to be
// here", "glad to have you", "happy to see it back"), not an offer.
var feelingVerbs = map[string]bool{
	"be": true, "have": true, "see": true, "hear": true, "meet": true, "find": true, "know": true,
	"learn": true, "read": true, "get": true, "receive": true, "announce": true, "share": true,
	"say": true, "report": true, "welcome": true, "join": true, "become": true, "finally": true,
	"win": true, "say,": true,
}

// hypotheticals splits off each English hypothetical clause (hypoEN to
// the end of its clause: a comma, a semicolon, "but" or the sentence's
// end) as a sentence of its own, without its opening words, so that
// "I'd hate to lose my locker" weighs nothing and "I'd hate to say it,
// but the app is broken" keeps its complaint.
func hypotheticals(in []sentence) []sentence {
	var out []sentence
	for _, s := range in {
		var loc []int
		if strings.Contains(s.text, "ould") || strings.Contains(s.text, "OULD") || strings.ContainsAny(s.text, "'’") {
			loc = hypoEN().FindStringIndex(s.text)
		}
		if loc == nil || s.courtesy {
			out = append(out, s)
			continue
		}
		end := len(s.text)
		if m := clauseEndEN().FindStringIndex(s.text[loc[1]:]); m != nil {
			end = loc[1] + m[0]
		}
		if loc[0] > 0 {
			out = append(out, sentence{text: s.text[:loc[0]], asks: s.asks, rhetoric: s.rhetoric, negOpener: s.negOpener})
		}
		out = append(out, sentence{text: s.text[loc[1]:end], hypo: true})
		if end < len(s.text) {
			out = append(out, hypotheticals([]sentence{{text: s.text[end:], asks: s.asks}})...)
		}
	}
	return out
}

// clauseEndEN ends an English clause within a sentence.
var clauseEndEN = lazyRegexp(`(?i)[,;:—(]|\sbut\b`)

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
		case s.negOpener:
			mark = rhetoricMark
		}
		stems = append(stems, mark)
		for _, clause := range strings.FieldsFunc(s.text, isClauseEnd) {
			words := wordform.Tokens(clause)
			for i, w := range words {
				if hobby(lang, words, i) {
					continue
				}
				stems = append(stems, l.stem(w, stem))
			}
			stems = append(stems, clauseBreak)
		}
	}
	return l.judge(stems)
}

// hobby reports whether words[i] (folded) is someone else's liking for an
// activity ("ma fille adore bricoler", "дочь обожает мастерить", "обича
// да майстори"): it tells who they are, not what the writer thinks of
// the community, and weighs nothing. The writer's own ("j'adore venir
// ici", "обожаю", "обичам") keeps its weight, as does a liking of a
// thing ("elle adore Wingspan").
func hobby(lang string, words []string, i int) bool {
	if i+1 >= len(words) {
		return false
	}
	w, next := words[i], words[i+1]
	switch lang {
	case French:
		switch w {
		case "adore", "adorent", "aime", "aiment":
			if next == "tout" && i+2 < len(words) { // "adore tout bricoler"
				next = words[i+2]
			}
			first := i > 0 && (words[i-1] == "j" || words[i-1] == "je" || words[i-1] == "on")
			return !first && len(next) > 3 && (strings.HasSuffix(next, "er") || strings.HasSuffix(next, "ir") || strings.HasSuffix(next, "re"))
		}
	case Russian:
		switch w {
		case "обожает", "обожают", "любит", "любят":
			if next == "все" && i+2 < len(words) { // "обожает всё мастерить"
				next = words[i+2]
			}
			return strings.HasSuffix(next, "ть") || strings.HasSuffix(next, "ться") || strings.HasSuffix(next, "чь")
		}
	case Bulgarian:
		switch w {
		case "обожава", "обожават", "обича", "обичат":
			return next == "да"
		}
	}
	return false
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
	// rhetoricMark starts a question that exclaims opened by a negation
	// ("Разве это не здорово?"): a statement whose negations before its
	// first sentiment word turn nothing.
	rhetoricMark = "¿"
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
	// rhetoric is a question that exclaims ("Wasn't that amazing?", "Нали
	// беше страхотно?"): it counts whole, its opening negation turns
	// nothing.
	rhetoric bool
	// negOpener is a rhetorical question opened by its negation ("Wasn't
	// that...", "N'était-ce pas...", "Разве это не...", "Не беше ли..."),
	// not closed by a tag: that negation turns nothing.
	negOpener bool
	hypo      bool // an English hypothetical clause (hypotheticals)
}

// sentences splits a text after each run of '.', '!', '?', '…' and line
// ends. In a text that asks, the closing courtesies ("Thanks, Hannah",
// "Merci d'avance", "All the best") weigh nothing: they thank for the
// answer to come, where VADER would read "thanks" and "best" as praise.
//
// In any text, the name signed under a sign-off ("All the best,\nGrace")
// weighs nothing: Grace, Joy and Hope are names there, not feelings.
func sentences(text string) []sentence {
	out := splitSentences(text)
	if slices.ContainsFunc(out, func(s sentence) bool { return s.asks }) {
		for i := range out {
			out[i].courtesy = !out[i].asks && isCourtesy(out[i].text)
		}
	}
	if n := len(out); n >= 2 && isSignature(out[n-1].text) && isCourtesy(out[n-2].text) {
		out[n-1].courtesy = true
	}
	return out
}

// isSignature reports whether the last sentence of a text is a name: at
// most three words and no sentence's end.
func isSignature(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || strings.ContainsAny(t[len(t)-1:], ".!?…") {
		return false
	}
	return len(wordform.Tokens(t)) <= 3
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
	if !strings.ContainsRune(ending, '?') {
		return sentence{text: text}
	}
	words := wordform.Tokens(wordform.Fold(text))
	if slices.ContainsFunc(words, func(w string) bool { return whyWords[w] }) {
		return sentence{text: text}
	}
	if r, opener := rhetorical(words); r {
		return sentence{text: text, rhetoric: true, negOpener: opener}
	}
	return sentence{text: text, asks: true}
}

// rhetorical reports whether the folded words of a question exclaim
// rather than ask: opened by a negation that expects "yes" ("Wasn't that
// amazing?", "Isn't it great?", "N'était-ce pas génial ?", "Разве не
// здорово?", "Не беше ли страхотно?", "Нали беше страхотно?") or closed by
// a tag ("..., wasn't it?", "..., non ?", "..., правда?", "..., нали?").
// opener is true when a negation opens it, false for a tag.
func rhetorical(w []string) (r, opener bool) {
	n := len(w)
	if n < 2 {
		return false, false
	}
	if k := negAux(w, 0); k > 0 && k < n && pronouns[w[k]] { // "wasn't that", "isnt it"
		return true, true
	}
	switch {
	case n >= 4 && w[0] == "n" && (w[2] == "ce" || w[2] == "il" || w[2] == "elle") && w[3] == "pas",
		w[0] == "разве",
		n >= 3 && w[0] == "не" && slices.Contains(w[2:min(n, 4)], "ли"):
		return true, true
	case w[0] == "нали", w[n-1] == "non" || w[n-1] == "нали" || w[n-1] == "правда",
		n >= 5 && w[n-4] == "n" && w[n-3] == "est" && w[n-2] == "ce" && w[n-1] == "pas":
		return true, false
	}
	for i := max(0, n-3); i < n-1; i++ { // "..., wasn't it?"
		if k := negAux(w, i); k > 0 && i+k == n-1 && pronouns[w[n-1]] {
			return true, false
		}
	}
	return false, false
}

// negAux is the number of folded tokens of a negated English auxiliary at
// w[i] ("wasn't" is "wasn" and "t", "wasnt" one token), or 0.
func negAux(w []string, i int) int {
	switch {
	case negatedAux[w[i]] && i+1 < len(w) && w[i+1] == "t":
		return 2
	case negatedAux[strings.TrimSuffix(w[i], "t")] && strings.HasSuffix(w[i], "nt"):
		return 1
	}
	return 0
}

// negatedAux are the English auxiliaries a question opens with negated,
// as folded tokens before the "t" of "n't".
var negatedAux = map[string]bool{
	"wasn": true, "isn": true, "aren": true, "weren": true, "didn": true, "don": true, "doesn": true,
}

// pronouns follow the negated auxiliary of a question that exclaims.
var pronouns = map[string]bool{"that": true, "it": true, "this": true, "they": true, "he": true, "she": true, "we": true, "you": true}

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

// lazyRegexp compiles pattern at its first use. Compiled in the package's
// initialisation, the patterns above cost every command 0.4 ms of its
// start and 230 KB, and a command that only reads never analyses.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
