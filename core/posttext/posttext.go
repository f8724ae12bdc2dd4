// Package posttext measures and inspects post text per channel: each
// channel's limits and the one counting and warning rule of every composer
// (Count), X's weighted length (twitter-text v3: URLs count 23, CJK and
// emoji 2, text normalised to NFC) and @mention extraction. Pure Go with no
// vendor types, so a composer can warn before a channel refuses a post.
package posttext

// XMaxWeighted is the most weighted characters an X post may have.
const XMaxWeighted = 280

// XDMMax is the most characters of an X direct message.
const XDMMax = 10000

// VK limits, in characters, as Hearth enforces them before posting.
const (
	VKPostMax    = 16384 // a wall post's message
	VKCommentMax = 16384 // a wall comment's message
	VKMessageMax = 4096  // a community direct message
)

// Range is a span of the text in UTF-16 code units, inclusive at both
// ends, as twitter-text reports it; End is -1 for empty text.
type Range struct {
	Start, End int
}

// XResult is what X makes of a post's text.
type XResult struct {
	// WeightedLength is the length X counts against XMaxWeighted.
	WeightedLength int
	// Valid reports a non-empty text within the limit and without
	// characters X refuses.
	Valid bool
	// Permillage is WeightedLength in thousandths of the limit.
	Permillage int
	// Display spans the whole text; ValidRange the part within the limit.
	Display, ValidRange Range
}

// Remaining is how many weighted characters are left (negative over).
func (r XResult) Remaining() int { return XMaxWeighted - r.WeightedLength }

// XLength is the weighted length of text as X counts it today.
func XLength(text string) int { return ParseX(text).WeightedLength }

// ParseX measures text with X's current (v3) configuration.
func ParseX(text string) XResult { return parse(text, configV3) }
