package posttext

// Emoji sequences per Unicode TR51, enough for X's counting: a pictograph
// with its presentation selector, skin tone, tags and ZWJ-joined parts; a
// keycap; a flag of two regional indicators. Each counts as one character.

const (
	zwj           = 0x200D
	vs16          = 0xFE0F
	vs15          = 0xFE0E
	keycapMark    = 0x20E3
	tagCancel     = 0xE007F
	regionalFirst = 0x1F1E6
	regionalLast  = 0x1F1FF
)

// pictographRanges approximate Extended_Pictographic where X's counting
// can tell: below U+2000 only © and ® are pictographs, and they count as
// emoji only with the emoji presentation selector.
var pictographRanges = [][2]rune{
	{0x203C, 0x203C}, {0x2049, 0x2049}, {0x2122, 0x2122}, {0x2139, 0x2139},
	{0x2194, 0x21AA}, {0x231A, 0x23FF}, {0x24C2, 0x24C2}, {0x25AA, 0x25FE},
	{0x2600, 0x27BF}, {0x2934, 0x2935}, {0x2B05, 0x2B55}, {0x3030, 0x3030},
	{0x303D, 0x303D}, {0x3297, 0x3297}, {0x3299, 0x3299},
	{0x1F000, 0x1F1E5}, {0x1F200, 0x1FAFF},
}

func isPictograph(r rune) bool {
	for _, rg := range pictographRanges {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

func isSkinTone(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }
func isTag(r rune) bool      { return r >= 0xE0020 && r <= tagCancel }
func isRegional(r rune) bool { return r >= regionalFirst && r <= regionalLast }

// emojiSpans finds every emoji sequence in text.
func emojiSpans(text []rune) []span {
	var out []span
	for i := 0; i < len(text); {
		if n := emojiAt(text, i); n > 0 {
			out = append(out, span{i, i + n})
			i += n
			continue
		}
		i++
	}
	return out
}

// emojiAt returns the length in runes of an emoji sequence at i, or 0.
func emojiAt(text []rune, i int) int {
	r := text[i]
	switch {
	case isKeycap(text, i):
		return keycapLen(text, i)
	case isRegional(r):
		if i+1 < len(text) && isRegional(text[i+1]) {
			return 2
		}
		return 1
	case (r == 0xA9 || r == 0xAE) && i+1 < len(text) && text[i+1] == vs16:
		return 2
	case isPictograph(r):
		return pictographSeqLen(text, i)
	}
	return 0
}

// isKeycap: a digit, # or * with an optional VS16 and the keycap mark.
func isKeycap(text []rune, i int) bool { return keycapLen(text, i) > 0 }

func keycapLen(text []rune, i int) int {
	r := text[i]
	if !(r >= '0' && r <= '9' || r == '#' || r == '*') {
		return 0
	}
	j := i + 1
	if j < len(text) && text[j] == vs16 {
		j++
	}
	if j < len(text) && text[j] == keycapMark {
		return j + 1 - i
	}
	return 0
}

// pictographSeqLen consumes a pictograph with its modifiers and any
// ZWJ-joined pictographs after it.
func pictographSeqLen(text []rune, i int) int {
	j := modifiedEnd(text, i+1)
	for j+1 < len(text) && text[j] == zwj && isPictograph(text[j+1]) {
		j = modifiedEnd(text, j+2)
	}
	return j - i
}

// modifiedEnd skips a presentation selector, a skin tone and tags.
func modifiedEnd(text []rune, j int) int {
	if j < len(text) && (text[j] == vs16 || text[j] == vs15) {
		j++
	}
	if j < len(text) && isSkinTone(text[j]) {
		j++
	}
	for j < len(text) && isTag(text[j]) {
		j++
	}
	return j
}
