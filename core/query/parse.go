package query

import (
	"time"
	"unicode"
)

// Parse parses a query, reading days (after:2026-12-01, after:7d) in the
// local time zone at the current time.
func Parse(s string) (Query, error) { return ParseAt(s, time.Now()) }

// ParseAt parses a query, reading days in now's location and spans back
// from now.
func ParseAt(s string, now time.Time) (Query, error) {
	lx := &lexer{rs: []rune(s), now: nowLoc{now}}
	toks, err := lx.all()
	if err != nil {
		return Query{Source: s}, err
	}
	p := &parser{toks: toks}
	root, err := p.and()
	if err != nil {
		return Query{Source: s}, err
	}
	if t := p.peek(); t.kind == tokRParen {
		return Query{Source: s}, &Error{Col: t.col, Msg: "')' without '('"}
	}
	return Query{Source: s, Root: simplify(root)}, nil
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) take() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

// and reads terms side by side (or joined by AND) up to a ')' or the end.
func (p *parser) and() (Node, error) {
	var nodes []Node
	for {
		switch t := p.peek(); t.kind {
		case tokEOF, tokRParen:
			return And{Nodes: nodes}, nil
		case tokAnd:
			p.take()
			if len(nodes) == 0 || !p.startsTerm() {
				return nil, &Error{Col: t.col, Msg: "AND needs a term on each side"}
			}
		}
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
}

// or reads terms joined by OR.
func (p *parser) or() (Node, error) {
	if t := p.peek(); t.kind == tokOr {
		return nil, &Error{Col: t.col, Msg: "OR needs a term on each side"}
	}
	first, err := p.unary()
	if err != nil {
		return nil, err
	}
	nodes := []Node{first}
	for p.peek().kind == tokOr {
		t := p.take()
		if !p.startsTerm() {
			return nil, &Error{Col: t.col, Msg: "OR needs a term on each side"}
		}
		n, err := p.unary()
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	if len(nodes) == 1 {
		return first, nil
	}
	return Or{Nodes: nodes}, nil
}

// startsTerm reports whether the next token can begin a term.
func (p *parser) startsTerm() bool {
	switch p.peek().kind {
	case tokLeaf, tokLParen, tokNot:
		return true
	}
	return false
}

func (p *parser) unary() (Node, error) {
	t := p.take()
	switch t.kind {
	case tokNot:
		if !p.startsTerm() {
			return nil, &Error{Col: t.col, Msg: "'-' or NOT needs a term after it"}
		}
		n, err := p.unary()
		if err != nil {
			return nil, err
		}
		return Not{Node: n}, nil
	case tokLParen:
		inner, err := p.and()
		if err != nil {
			return nil, err
		}
		if p.peek().kind != tokRParen {
			return nil, &Error{Col: t.col, Msg: "'(' without ')'"}
		}
		p.take()
		if len(inner.(And).Nodes) == 0 {
			return nil, &Error{Col: t.col, Msg: "empty parentheses"}
		}
		return inner, nil
	case tokLeaf:
		return t.leaf, nil
	case tokRParen:
		return nil, &Error{Col: t.col, Msg: "')' without '('"}
	}
	return nil, &Error{Col: t.col, Msg: "a term is missing here"}
}

// simplify drops text with nothing to search (punctuation alone) and the
// groups left empty, and unwraps groups of one.
func simplify(n Node) Node {
	switch n := n.(type) {
	case And:
		return group(n.Nodes, func(nodes []Node) Node { return And{Nodes: nodes} })
	case Or:
		return group(n.Nodes, func(nodes []Node) Node { return Or{Nodes: nodes} })
	case Not:
		if inner := simplify(n.Node); inner != nil {
			return Not{Node: inner}
		}
		return nil
	case Text:
		if !hasWordRune(n.Text) {
			return nil
		}
	}
	return n
}

func group(nodes []Node, build func([]Node) Node) Node {
	var kept []Node
	for _, c := range nodes {
		if c = simplify(c); c != nil {
			kept = append(kept, c)
		}
	}
	switch len(kept) {
	case 0:
		return nil
	case 1:
		return kept[0]
	}
	return build(kept)
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
