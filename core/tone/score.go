package tone

import (
	"math"
	"strings"
)

// The constants of VADER (Hutto and Gilbert, 2014), so that a lexicon's
// score reads on the same scale as the English one and shares its labels.
const (
	negationScalar = -0.74 // a negated word keeps most of its strength, turned
	normAlpha      = 15    // compound = sum / sqrt(sum² + alpha)
	exclaimBoost   = 0.292 // per '!', up to four
	lookBack       = 3     // negations and boosters reach this many words ahead
	// questionScalar weighs the words of a sentence that asks: "can I pay
	// by card?", "comment annuler ma réservation ?" name what they ask
	// about, not how the writer feels. At 0.1 a word needs VADER's weight
	// of 2 (crashing, broken, terrible) to tip a question off neutral.
	questionScalar = 0.1
)

// judged is a text's raw valence and abuse, before normalising.
type judged struct {
	sum     float64
	abusive bool
	hits    int // sentiment-bearing words found
	// phrases is the valence of the abuse and threats of more than one
	// word ("i will find you"), which VADER cannot see.
	phrases float64
}

// judge scores stemmed words with a lexicon: each sentiment word's weight,
// strengthened by boosters and turned by negations in the words before it;
// words after a contrast ("но", "mais") count 1.5 times, those before it
// half. Abuse flags the text unless negated right before ("ты не дурак");
// a threat flags it always.
func (l *Lexicon) judge(stems []string) judged {
	var (
		j          judged
		vals       = make([]float64, 0, len(stems))
		contrastAt = -1
		lastNeg    = -lookBack - 1
		boost      float64
		boostAt    = -lookBack - 1
	)
	// scale weighs sentiment words: questionScalar in a question, 0 in a
	// courtesy and a hypothetical clause; sentenceScale is the sentence's,
	// which a hypothetical clause returns to at its end.
	scale, sentenceScale := 1.0, 1.0
	openerNeg := false // in a rhetorical question, until its first sentiment word
	for i := 0; i < len(stems); {
		switch stems[i] {
		case questionMark, courtesyMark, statementMark, rhetoricMark:
			sentenceScale = map[string]float64{questionMark: questionScalar, courtesyMark: 0, statementMark: 1, rhetoricMark: 1}[stems[i]]
			openerNeg = stems[i] == rhetoricMark
			fallthrough
		case clauseBreak:
			scale = sentenceScale
			lastNeg, boostAt = -lookBack-1, -lookBack-1
		}
		e, ok := l.match(stems, i)
		if !ok {
			i++
			continue
		}
		pos := len(vals)
		negated := i-lastNeg <= lookBack
		switch e.kind {
		case kindNegation:
			if !openerNeg {
				lastNeg = i + len(e.stems) - 1
			}
		case kindBooster:
			boost, boostAt = e.weight, i+len(e.stems)-1
		case kindContrast:
			if contrastAt < 0 {
				contrastAt = pos
			}
			scale = sentenceScale // "je détesterais le perdre mais...": the hypothesis ends
		case kindHypo:
			scale = 0 // to the clause's end: a fear of what has not happened
		case kindSentiment, kindAbuse:
			openerNeg = false
			v := e.weight
			if i-boostAt <= lookBack {
				v += boost * math.Copysign(1, v) // a dampener's boost is below zero
			}
			if negated {
				v *= negationScalar
			}
			if e.kind == kindAbuse && !negated {
				j.abusive = true
			}
			if e.kind == kindAbuse && negated {
				v = 0 // "не дурак": no insult, and no praise either
			}
			if e.kind == kindAbuse && len(e.stems) > 1 {
				j.phrases += v
			}
			if e.kind == kindSentiment {
				v *= scale
			}
			vals = append(vals, v)
			j.hits++
		case kindThreat:
			vals = append(vals, e.weight)
			j.abusive = true
			j.hits++
			if len(e.stems) > 1 {
				j.phrases += e.weight
			}
		}
		i += len(e.stems)
	}
	for i, v := range vals {
		switch {
		case contrastAt < 0:
		case i < contrastAt:
			v *= 0.5
		default:
			v *= 1.5
		}
		j.sum += v
	}
	return j
}

// emphasis adds what punctuation and emoticons say: '!' strengthens the
// leaning of the words, ")))" and ":)" lean warm, "(((" and ":(" cold
// (Russian and Bulgarian comments smile with brackets alone).
func emphasis(text string, sum float64) float64 {
	if sum != 0 {
		ex := min(strings.Count(text, "!"), 4)
		sum += math.Copysign(float64(ex)*exclaimBoost, sum)
	}
	smiles := strings.Count(text, ":)") + strings.Count(text, ":-)") + strings.Count(text, ":D") +
		strings.Count(text, "))") + strings.Count(text, "😊") + strings.Count(text, "👍") +
		strings.Count(text, "❤") + strings.Count(text, "😀") + strings.Count(text, "🙂") +
		strings.Count(text, "😍") + strings.Count(text, "🔥")
	frowns := strings.Count(text, ":(") + strings.Count(text, ":-(") + strings.Count(text, "((") +
		strings.Count(text, "👎") + strings.Count(text, "😡") + strings.Count(text, "😠") +
		strings.Count(text, "🤬") + strings.Count(text, "😢") + strings.Count(text, "😞") +
		strings.Count(text, "💩")
	return sum + 1.5*float64(min(smiles, 3)) - 1.5*float64(min(frowns, 3))
}

// valence is the sum of valences a compound score was normalised from.
func valence(compound float64) float64 {
	c := max(-0.9999, min(0.9999, compound))
	return c * math.Sqrt(normAlpha/(1-c*c))
}

// normalize maps a valence sum into [-1, 1] as VADER's compound does.
func normalize(sum float64) float64 {
	if sum == 0 {
		return 0
	}
	return max(-1, min(1, sum/math.Sqrt(sum*sum+normAlpha)))
}
