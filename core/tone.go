package core

// Tone is what the tone analysis (core/tone) says of what someone wrote:
// its language, how warm or cold it reads, and whether it insults,
// slurs or threatens. Computed at ingest and stored with the item.
type Tone struct {
	// Lang is en, fr, ru, bg or other; empty when the text has no words
	// to tell (an emoji, a link).
	Lang string
	// Sentiment is in [-1, 1]: below zero cold, above zero warm.
	Sentiment float64
	Abusive   bool
}

// ToneLabel is a sentiment score in words.
type ToneLabel string

// The labels of a score.
const (
	TonePositive ToneLabel = "positive"
	ToneNegative ToneLabel = "negative"
	ToneNeutral  ToneLabel = "neutral"
)

// A score at or below SentimentNegativeAt reads negative, at or above
// SentimentPositiveAt positive (VADER's convention for its compound
// score); StronglyNegativeAt and below goes to the moderation queue.
const (
	SentimentNegativeAt = -0.05
	SentimentPositiveAt = 0.05
	StronglyNegativeAt  = -0.5
)

// Label says whether the score reads positive, negative or neutral.
func (t Tone) Label() ToneLabel {
	switch {
	case t.Sentiment <= SentimentNegativeAt:
		return ToneNegative
	case t.Sentiment >= SentimentPositiveAt:
		return TonePositive
	}
	return ToneNeutral
}

// NeedsModeration reports whether a person should look at the item: it
// is abusive or strongly negative.
func (t Tone) NeedsModeration() bool {
	return t.Abusive || t.Sentiment <= StronglyNegativeAt
}

// ToneText is what the tone analysis reads of an item whose tone is not
// computed yet.
type ToneText struct {
	ItemID        int64
	Subject, Text string
}
