package mailparse

import (
	"strings"

	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"github.com/hearthhq/hearth/core"
)

// author is the first From address; bounces and some robots only fill
// Sender or Return-Path, so those follow.
func (p *parser) author(h textproto.Header) core.Person {
	for _, key := range []string{"From", "Sender", "Return-Path"} {
		if ps := p.addresses(key, h.Get(key)); len(ps) > 0 {
			return ps[0]
		}
	}
	p.problemf("from: the message names no sender")
	return core.Person{}
}

// recipients lists To then Cc.
func (p *parser) recipients(h textproto.Header) []core.Person {
	return append(p.addresses("To", h.Get("To")), p.addresses("Cc", h.Get("Cc"))...)
}

// addresses parses an address list with go-message; when it refuses the
// value (unquoted dots or @ in names, raw 8-bit bytes, missing brackets), a
// tolerant split still yields the names and addresses a person can read.
func (p *parser) addresses(field, v string) []core.Person {
	v = p.prepHeader(strings.ToLower(field), v)
	if strings.TrimSpace(v) == "" {
		return nil
	}
	if list, err := mail.ParseAddressList(v); err == nil {
		out := make([]core.Person, 0, len(list))
		for _, a := range list {
			out = append(out, person(a.Name, a.Address))
		}
		return out
	}
	var out []core.Person
	for _, piece := range splitAddressList(v) {
		name, addr := splitAddress(piece)
		name = p.headerText(strings.ToLower(field), name)
		if pr := person(name, addr); pr != (core.Person{}) {
			out = append(out, pr)
		}
	}
	return out
}

// person cleans a name and address for display.
func person(name, addr string) core.Person {
	name = strings.TrimSpace(strings.Trim(strings.TrimSpace(name), `"'`))
	addr = strings.TrimSpace(strings.Trim(addr, "<>"))
	if name == addr {
		name = ""
	}
	return core.Person{Name: validUTF8(name), Address: validUTF8(addr)}
}

// splitAddressList splits on commas outside quotes, angle brackets and
// comments, and drops group syntax ("friends: a@b, c@d;").
func splitAddressList(v string) []string {
	var pieces []string
	var cur strings.Builder
	quoted, angle, depth := false, false, 0
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			pieces = append(pieces, s)
		}
		cur.Reset()
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\\' && i+1 < len(v):
			cur.WriteByte(v[i+1])
			i++
			continue
		case quoted:
			quoted = c != '"'
		case c == '"':
			quoted = true
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth > 0:
		case c == '<':
			angle = true
		case c == '>':
			angle = false
		case !angle && (c == ',' || c == ';'):
			flush()
			continue
		case !angle && c == ':':
			cur.Reset() // a group name
			continue
		}
		cur.WriteByte(c)
	}
	flush()
	return pieces
}

// splitAddress separates "Name <addr>", "addr (Name)" and "Name addr".
func splitAddress(piece string) (name, addr string) {
	if i := strings.LastIndexByte(piece, '<'); i >= 0 {
		addr = piece[i+1:]
		if j := strings.IndexByte(addr, '>'); j >= 0 {
			addr = addr[:j]
		}
		return strings.TrimSpace(stripComments(piece[:i])), strings.Join(strings.Fields(stripComments(addr)), "")
	}
	var rest []string
	for _, w := range strings.Fields(piece) {
		if addr == "" && strings.Contains(w, "@") {
			addr = strings.Trim(w, "()<>,;")
			continue
		}
		rest = append(rest, w)
	}
	return strings.Trim(strings.Join(rest, " "), "()"), addr
}
