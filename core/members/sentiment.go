package members

import (
	"strings"
	"unicode"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/tone"
)

// LeanAt is how far a message's sentiment score must lean for loyalty to
// count it warm or cold: a question with a friendly word in it ("how do I
// join?") scores a little above zero, and is no signal of either.
const LeanAt = 0.25

// RateItem says whether a message reads warm (1), cold (-1) or neither
// (0), for loyalty: by the tone stored with it (core/tone, computed at
// ingest), or read now when it has none yet.
func RateItem(text string, t *core.Tone) int {
	if t == nil {
		read := tone.Default().Analyze(text)
		t = &read
	}
	switch {
	case t.Sentiment >= LeanAt:
		return 1
	case t.Sentiment <= -LeanAt:
		return -1
	}
	return 0
}

// Rate is RateItem of a text with no stored tone.
func Rate(text string) int { return RateItem(text, nil) }

// words splits text into lower-cased words, keeping apostrophes inside
// them ("don't") and reading ё as е.
func words(text string) []string {
	text = strings.ReplaceAll(strings.ToLower(text), "ё", "е")
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}
