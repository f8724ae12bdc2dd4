package query

import (
	"strings"
	"unicode"
)

type tokKind int

const (
	tokEOF tokKind = iota
	tokLParen
	tokRParen
	tokOr
	tokAnd
	tokNot // NOT or a leading -
	tokLeaf
)

type token struct {
	kind tokKind
	col  int
	leaf Node // Text or Field, for tokLeaf
}

// lexer splits a query into tokens; columns count characters from 1.
type lexer struct {
	rs  []rune
	i   int
	now nowLoc
}

func (l *lexer) all() ([]token, error) {
	var out []token
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		out = append(out, t)
		if t.kind == tokEOF {
			return out, nil
		}
	}
}

func (l *lexer) next() (token, error) {
	for l.i < len(l.rs) && unicode.IsSpace(l.rs[l.i]) {
		l.i++
	}
	col := l.i + 1
	if l.i >= len(l.rs) {
		return token{kind: tokEOF, col: col}, nil
	}
	switch r := l.rs[l.i]; {
	case r == '(':
		l.i++
		return token{kind: tokLParen, col: col}, nil
	case r == ')':
		l.i++
		return token{kind: tokRParen, col: col}, nil
	case r == '-' && l.i+1 < len(l.rs) && !unicode.IsSpace(l.rs[l.i+1]) && l.rs[l.i+1] != ')' && l.rs[l.i+1] != '-':
		l.i++
		return token{kind: tokNot, col: col}, nil
	case r == '"':
		text, err := l.quoted()
		if err != nil {
			return token{}, err
		}
		t := Text{Text: text, Phrase: true, Col: col}
		if l.i < len(l.rs) && l.rs[l.i] == '*' {
			t.Prefix = true
			for l.i < len(l.rs) && l.rs[l.i] == '*' {
				l.i++
			}
		}
		return token{kind: tokLeaf, col: col, leaf: t}, nil
	}
	word := l.word()
	switch word {
	case "OR":
		return token{kind: tokOr, col: col}, nil
	case "AND":
		return token{kind: tokAnd, col: col}, nil
	case "NOT":
		return token{kind: tokNot, col: col}, nil
	}
	if f, ok, err := l.field(word, col); ok || err != nil {
		return token{kind: tokLeaf, col: col, leaf: f}, err
	}
	t := Text{Text: word, Col: col}
	if trimmed := strings.TrimRight(word, "*"); trimmed != word {
		t.Text, t.Prefix = trimmed, true
	}
	return token{kind: tokLeaf, col: col, leaf: t}, nil
}

// quoted reads a "quoted string" starting at the quote.
func (l *lexer) quoted() (string, error) {
	start := l.i
	for j := l.i + 1; j < len(l.rs); j++ {
		if l.rs[j] == '"' {
			l.i = j + 1
			return string(l.rs[start+1 : j]), nil
		}
	}
	return "", &Error{Col: start + 1, Msg: `'"' without a closing '"'`}
}

// word reads up to a space, a parenthesis or a quote.
func (l *lexer) word() string {
	start := l.i
	for l.i < len(l.rs) {
		r := l.rs[l.i]
		if unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' {
			break
		}
		l.i++
	}
	return string(l.rs[start:l.i])
}

// field reads name:value, name<value or name>value when name is an
// operator. An unknown name before ':' is an error (a mistyped operator
// would silently match nothing), unless the word cannot be one: "10:30",
// "https://...", "Re:".
func (l *lexer) field(word string, col int) (Field, bool, error) {
	k := strings.IndexAny(word, ":<>")
	if k <= 0 || !asciiLetters(word[:k]) {
		return Field{}, false, nil
	}
	name, sep, value := strings.ToLower(word[:k]), Cmp(word[k]), word[k+1:]
	op, known := ops[name]
	if !known {
		if sep != Eq || value == "" || strings.HasPrefix(value, "/") || k < 2 {
			return Field{}, false, nil
		}
		return Field{}, false, &Error{Col: col, Msg: "unknown operator '" + name + ":' (known: " + opNames() +
			"); put it in quotes to search for the text"}
	}
	valueCol := col + len([]rune(word[:k+1]))
	if value == "" && l.i < len(l.rs) && l.rs[l.i] == '"' {
		q, err := l.quoted()
		if err != nil {
			return Field{}, false, err
		}
		value = q
	}
	f, err := makeField(op, sep, strings.TrimSpace(value), l.now)
	if err != nil {
		return Field{}, false, &Error{Col: valueCol, Msg: err.Error()}
	}
	f.Col = col
	return f, true, nil
}

func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
