package posttext

import (
	"strings"
	"unicode"
)

// Mention is an @handle (or @handle/list) in a text, with its position in
// runes: Start is the @, End is just past the handle or list.
type Mention struct {
	Handle   string
	ListSlug string // "/list-name" when the mention names a list
	Start    int
	End      int
}

const (
	maxHandle = 20
	maxSlug   = 25 // the slash's letter and 24 more
)

// Mentions extracts the @handles X would link, without lists.
func Mentions(text string) []Mention {
	var out []Mention
	for _, m := range MentionsOrLists(text) {
		if m.ListSlug == "" {
			out = append(out, m)
		}
	}
	return out
}

// MentionsOrLists extracts @handles and @handle/list mentions, following
// twitter-text: not inside a word or after !#$%&*@, except "RT@"; not when
// followed by another @, an accented Latin letter or "://".
func MentionsOrLists(text string) []Mention {
	rs := []rune(text)
	var out []Mention
	for i := 0; i < len(rs); i++ {
		if !isAt(rs[i]) || !mentionMayStart(rs, i) {
			continue
		}
		m, ok := mentionAt(rs, i)
		if !ok {
			continue
		}
		out = append(out, m)
		i = m.End - 1
	}
	return out
}

// Reply returns the handle a text replies to: an @mention at its very
// start, after whitespace only; "" when it is not a reply.
func Reply(text string) string {
	rs := []rune(text)
	i := 0
	for i < len(rs) && unicode.IsSpace(rs[i]) {
		i++
	}
	if i == len(rs) || !isAt(rs[i]) {
		return ""
	}
	m, ok := mentionAt(rs, i)
	if !ok {
		return ""
	}
	return m.Handle
}

func isAt(r rune) bool { return r == '@' || r == '＠' }

func isHandleRune(r rune) bool { return isASCIIAlnum(r) || r == '_' }

// mentionMayStart checks what precedes the @.
func mentionMayStart(rs []rune, i int) bool {
	if i == 0 {
		return true
	}
	p := rs[i-1]
	if !isHandleRune(p) && !strings.ContainsRune("!#$%&*@＠", p) {
		return true
	}
	return retweetBefore(rs, i)
}

// retweetBefore: "RT@x" or "RT:@x", with the RT not inside a word.
func retweetBefore(rs []rune, i int) bool {
	j := i
	if j > 0 && rs[j-1] == ':' {
		j--
	}
	if j < 2 || !strings.EqualFold(string(rs[j-2:j]), "rt") {
		return false
	}
	return j == 2 || !(isHandleRune(rs[j-3]) || strings.ContainsRune("+~.-", rs[j-3]))
}

// mentionAt reads the handle and list after the @ at i and checks what
// follows.
func mentionAt(rs []rune, i int) (Mention, bool) {
	j := i + 1
	for j < len(rs) && j-i-1 < maxHandle && isHandleRune(rs[j]) {
		j++
	}
	if j == i+1 {
		return Mention{}, false
	}
	m := Mention{Handle: string(rs[i+1 : j]), Start: i}
	if j+1 < len(rs) && rs[j] == '/' && isASCIILetter(rs[j+1]) {
		k := j + 2
		for k < len(rs) && k-j-1 < maxSlug && (isHandleRune(rs[k]) || rs[k] == '-') {
			k++
		}
		m.ListSlug = string(rs[j:k])
		j = k
	}
	m.End = j
	return m, !badAfterMention(rs[j:])
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func badAfterMention(rest []rune) bool {
	if len(rest) == 0 {
		return false
	}
	return isAt(rest[0]) || unicode.Is(unicode.Latin, rest[0]) || strings.HasPrefix(string(rest), "://")
}
