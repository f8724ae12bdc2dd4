package mailparse

import "strings"

// NormalizeMessageID strips <>, whitespace and comments from a Message-Id /
// In-Reply-To value. When the value holds several ids, the first is kept.
func NormalizeMessageID(s string) string {
	ids := messageIDs(s)
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// messageIDs extracts the ids of a References / In-Reply-To / Message-Id
// value: the contents of each <...>, or, when a sender left out the angle
// brackets, each word. Comments ("(your message of ...)") and folding
// whitespace are dropped; quoted phrases some clients put in In-Reply-To are
// skipped.
func messageIDs(s string) []string {
	s = stripComments(s)
	if !strings.Contains(s, "<") {
		return bareIDs(s)
	}
	var ids []string
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return ids
		}
		s = s[i+1:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			j = len(s) // unterminated: take the rest
		}
		if id := compactID(s[:j]); id != "" {
			ids = append(ids, id)
		}
		if j == len(s) {
			return ids
		}
		s = s[j+1:]
	}
}

// bareIDs splits a value without angle brackets into ids: words that look
// like an address ("local@domain"). A lone word is taken as it is, so a
// Message-Id written without brackets still identifies its message.
func bareIDs(s string) []string {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == ','
	})
	if len(words) == 1 {
		return []string{validUTF8(words[0])}
	}
	var ids []string
	for _, w := range words {
		if strings.Contains(w, "@") {
			ids = append(ids, validUTF8(w))
		}
	}
	return ids
}

// compactID removes whitespace that folding left inside an id.
func compactID(s string) string {
	return validUTF8(strings.Join(strings.Fields(s), ""))
}

// stripComments removes RFC 5322 comments (nested parentheses, with
// backslash escapes) outside quoted strings. The obsolete syntax allows
// them even inside a Message-Id's angle brackets.
func stripComments(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var sb strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && (depth > 0 || quoted):
			i++ // escaped character
			continue
		case depth > 0:
			switch c {
			case '(':
				depth++
			case ')':
				depth--
			}
			continue
		case quoted:
			quoted = c != '"'
		case c == '"':
			quoted = true
		case c == '(':
			depth = 1
			sb.WriteByte(' ')
			continue
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// threadRefs builds an item's ancestor chain, root first: the References
// ids in order, then the In-Reply-To ids not already in them. Duplicates
// and the message's own id are dropped: a message is not its own ancestor.
func threadRefs(references, inReplyTo, self string) []string {
	var refs []string
	seen := map[string]bool{self: true, "": true}
	for _, id := range append(messageIDs(references), messageIDs(inReplyTo)...) {
		if !seen[id] {
			seen[id] = true
			refs = append(refs, id)
		}
	}
	return refs
}
