package posttext

import (
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"
)

// config is a twitter-text configuration: code point ranges that weigh
// less than the default, the weight of a URL and whether emoji sequences
// count as one character.
type config struct {
	maxWeighted   int
	scale         int
	defaultWeight int
	urlLength     int
	emoji         bool
	ranges        []weightRange
}

type weightRange struct {
	from, to rune
	weight   int
}

// Latin, Cyrillic and most alphabets, plus general punctuation and
// spaces, weigh 1; everything else (CJK, emoji) weighs 2.
var lightRanges = []weightRange{
	{0, 4351, 100}, {8192, 8205, 100}, {8208, 8223, 100}, {8242, 8247, 100},
}

var (
	configV2 = config{maxWeighted: XMaxWeighted, scale: 100, defaultWeight: 200, urlLength: 23, ranges: lightRanges}
	configV3 = config{maxWeighted: XMaxWeighted, scale: 100, defaultWeight: 200, urlLength: 23, emoji: true, ranges: lightRanges}
)

func (c config) weight(r rune) int {
	for _, wr := range c.ranges {
		if r >= wr.from && r <= wr.to {
			return wr.weight
		}
	}
	return c.defaultWeight
}

// span is an entity counted as a whole: a URL or an emoji sequence, in
// rune indices.
type span struct{ start, end int }

// parse follows twitter-text's parseTweet: walk the NFC text, counting a
// URL as urlLength, an emoji sequence as one default-weight character,
// and every other code point by its range.
func parse(text string, c config) XResult {
	normalized := []rune(norm.NFC.String(text))
	shift := utf16Len([]rune(text)) - utf16Len(normalized)
	if len(normalized) == 0 {
		return XResult{Display: Range{0, -1}, ValidRange: Range{0, -1}}
	}
	urls := indexSpans(extractURLSpans(normalized))
	var emoji map[int]int
	if c.emoji {
		emoji = indexSpans(emojiSpans(normalized))
	}
	limit := c.maxWeighted * c.scale
	var weighted, display, valid int
	invalid := false
	for i := 0; i < len(normalized); {
		end, w := c.entityAt(urls, emoji, i)
		if end > 0 {
			n := utf16Len(normalized[i:end])
			weighted += w
			display += n
			if weighted <= limit {
				valid += n
			}
			i = end
			continue
		}
		r := normalized[i]
		weighted += c.weight(r)
		invalid = invalid || isInvalidChar(r)
		n := utf16.RuneLen(r)
		display += n
		if !invalid && weighted <= limit {
			valid += n
		}
		i++
	}
	length := weighted / c.scale
	return XResult{
		WeightedLength: length,
		Valid:          !invalid && length > 0 && length <= c.maxWeighted,
		Permillage:     length * 1000 / c.maxWeighted,
		Display:        Range{0, display + shift - 1},
		ValidRange:     Range{0, valid + shift - 1},
	}
}

// entityAt returns the end and weight of a URL or emoji starting at i,
// or 0 when none does.
func (c config) entityAt(urls, emoji map[int]int, i int) (end, weight int) {
	if end, ok := urls[i]; ok {
		return end, c.urlLength * c.scale
	}
	if end, ok := emoji[i]; ok {
		return end, c.defaultWeight
	}
	return 0, 0
}

func indexSpans(spans []span) map[int]int {
	m := make(map[int]int, len(spans))
	for _, s := range spans {
		m[s.start] = s.end
	}
	return m
}

// isInvalidChar reports the characters X refuses in a post.
func isInvalidChar(r rune) bool {
	return r == 0xFFFE || r == 0xFEFF || r == 0xFFFF
}

func utf16Len(rs []rune) int {
	n := 0
	for _, r := range rs {
		n += utf16.RuneLen(r)
	}
	return n
}
