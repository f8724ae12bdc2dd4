package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/core/wordform"
)

// compiled is a parsed query as the item lists run it: an FTS5 expression
// that drives the search newest first (see searchSQL), conditions on the
// items of each hit or list row, and the states the query names at its top
// level, which replace the list's default states.
type compiled struct {
	match  string
	conds  where
	states []core.State
	// hoisted are top-level operators the list filter answers through its
	// indexes (account, kind, unread, tag): see narrow.
	hoisted []query.Field
}

// compileQuery turns a query into SQL. Its top-level terms that FTS5 can
// answer (words, phrases, from:, their ORs and negations) drive the search
// as one MATCH; the others are conditions on items. Text nested under an
// operator condition (channel:vk OR hello) is a MATCH subquery.
func (s *Store) compileQuery(ctx context.Context, q query.Query) (compiled, error) {
	var (
		c        compiled
		pos, neg []string
	)
	for _, n := range conjuncts(q.Root) {
		if f, ok := n.(query.Field); ok {
			switch {
			case f.Op == query.OpState && c.states == nil:
				c.states = []core.State{core.State(f.Value)}
				continue
			case hoistable(f):
				c.hoisted = append(c.hoisted, f)
				continue
			}
		}
		inner, negated := n.(query.Not)
		switch {
		case ftsable(n):
			e, err := s.ftsExpr(ctx, n)
			if err != nil {
				return c, err
			}
			pos = append(pos, e)
		case negated && ftsable(inner.Node):
			e, err := s.ftsExpr(ctx, inner.Node)
			if err != nil {
				return c, err
			}
			neg = append(neg, e)
		default:
			cond, args, err := s.condSQL(ctx, n)
			if err != nil {
				return c, err
			}
			c.conds.add(cond, args...)
		}
	}
	switch {
	case len(pos) > 0 && len(neg) > 0:
		c.match = "(" + strings.Join(pos, " AND ") + ") NOT (" + strings.Join(neg, " OR ") + ")"
	case len(pos) > 0:
		c.match = strings.Join(pos, " AND ")
	default:
		for _, e := range neg {
			c.conds.add("i.fts_key NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)", e)
		}
	}
	return c, nil
}

func hoistable(f query.Field) bool {
	switch f.Op {
	case query.OpAccount, query.OpKind, query.OpTag:
		return true
	}
	return f.Op == query.OpIs && f.Value == query.IsUnread
}

// narrow moves the hoisted operators into the list filter, where they use
// the (account, state, time), (kind, state, time) and unseen indexes, as
// the inbox's own filters do; one the filter already holds otherwise stays
// a condition. An account: naming no account is an error at its column.
func (s *Store) narrow(ctx context.Context, f core.ItemFilter, c *compiled) (core.ItemFilter, error) {
	for _, h := range c.hoisted {
		switch h.Op {
		case query.OpIs:
			f.Unread = true
			continue
		case query.OpKind:
			if f.Kind == "" || f.Kind == core.ItemKind(h.Value) {
				f.Kind = core.ItemKind(h.Value)
				continue
			}
		case query.OpTag:
			if f.Tag == "" || f.Tag == h.Value {
				f.Tag = h.Value
				continue
			}
		case query.OpAccount:
			var id int64
			err := s.r.QueryRowContext(ctx, "SELECT id FROM accounts WHERE name = ? COLLATE NOCASE ORDER BY name = ? DESC LIMIT 1",
				h.Value, h.Value).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				return f, &query.Error{Col: h.Col, Msg: fmt.Sprintf("no account is named %q", h.Value)}
			}
			if err != nil {
				return f, err
			}
			if f.AccountID == 0 || f.AccountID == id {
				f.AccountID = id
				continue
			}
		}
		cond, args, err := s.fieldSQL(ctx, h)
		if err != nil {
			return f, err
		}
		c.conds.add(cond, args...)
	}
	return f, nil
}

func conjuncts(n query.Node) []query.Node {
	if a, ok := n.(query.And); ok {
		return a.Nodes
	}
	return []query.Node{n}
}

// ftsable reports whether FTS5 alone answers a node: FTS5 has no unary
// NOT, so a negation must sit beside a positive term of an AND.
func ftsable(n query.Node) bool {
	switch n := n.(type) {
	case query.Text:
		return true
	case query.Field:
		return n.Op == query.OpFrom
	case query.Or:
		for _, c := range n.Nodes {
			if _, neg := c.(query.Not); neg || !ftsable(c) {
				return false
			}
		}
		return true
	case query.And:
		positive := false
		for _, c := range n.Nodes {
			if inner, neg := c.(query.Not); neg {
				if !ftsable(inner.Node) {
					return false
				}
				continue
			}
			if !ftsable(c) {
				return false
			}
			positive = true
		}
		return positive
	}
	return false
}

// ftsExpr writes an ftsable node as an FTS5 expression.
func (s *Store) ftsExpr(ctx context.Context, n query.Node) (string, error) {
	switch n := n.(type) {
	case query.Text:
		return s.textExpr(ctx, n)
	case query.Field: // from:
		e, err := s.textExpr(ctx, query.FromText(n))
		return "author : (" + e + ")", err
	case query.Or:
		parts, err := s.ftsExprs(ctx, n.Nodes)
		return "(" + strings.Join(parts, " OR ") + ")", err
	case query.And:
		var pos, neg []query.Node
		for _, c := range n.Nodes {
			if inner, ok := c.(query.Not); ok {
				neg = append(neg, inner.Node)
			} else {
				pos = append(pos, c)
			}
		}
		p, err := s.ftsExprs(ctx, pos)
		if err != nil {
			return "", err
		}
		e := "(" + strings.Join(p, " AND ") + ")"
		if len(neg) == 0 {
			return e, nil
		}
		ng, err := s.ftsExprs(ctx, neg)
		return "(" + e + " NOT (" + strings.Join(ng, " OR ") + "))", err
	}
	return "", fmt.Errorf("query: %T is not full-text", n)
}

func (s *Store) ftsExprs(ctx context.Context, nodes []query.Node) ([]string, error) {
	out := make([]string, 0, len(nodes))
	for _, c := range nodes {
		e, err := s.ftsExpr(ctx, c)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// textExpr matches a word or phrase: each of its words as itself or one of
// its forms found in the index (term_forms), the last as a prefix when
// asked. A phrase with alternatives becomes an OR of phrases, at most
// maxExpansion of them: past that, the later words keep their own form
// only.
func (s *Store) textExpr(ctx context.Context, t query.Text) (string, error) {
	words := wordform.Tokens(wordform.Fold(t.Text))
	if len(words) == 0 {
		return quote(t.Text), nil // matches nothing: the index holds no such term
	}
	alts := make([][]string, len(words))
	native := false // the last word is too common a prefix to list
	for i, w := range words {
		var (
			more []string
			err  error
		)
		if t.Prefix && i == len(words)-1 {
			more, err = s.termsWithPrefix(ctx, w, maxExpansion+1)
			if len(more) == 0 || len(more) > maxExpansion {
				more, native = nil, true
			}
		} else {
			more, err = s.formsOf(ctx, w)
		}
		if err != nil {
			return "", fmt.Errorf("forms of %q: %w", w, err)
		}
		alts[i] = append([]string{w}, slices.DeleteFunc(more, func(m string) bool { return m == w })...)
	}
	for product(alts) > maxExpansion {
		longest := 0
		for i := range alts {
			if len(alts[i]) > len(alts[longest]) {
				longest = i
			}
		}
		alts[longest] = alts[longest][:1]
	}
	phrases := cartesian(alts)
	for i, p := range phrases {
		phrases[i] = quote(p)
		if native {
			phrases[i] += "*"
		}
	}
	if len(phrases) == 1 {
		return phrases[0], nil
	}
	return "(" + strings.Join(phrases, " OR ") + ")", nil
}

func product(alts [][]string) int {
	n := 1
	for _, a := range alts {
		n *= len(a)
	}
	return n
}

// cartesian joins one word of each position, every way.
func cartesian(alts [][]string) []string {
	out := []string{""}
	for _, a := range alts {
		next := make([]string, 0, len(out)*len(a))
		for _, head := range out {
			for _, w := range a {
				next = append(next, strings.TrimSpace(head+" "+w))
			}
		}
		out = next
	}
	return out
}

// condSQL writes any node as a condition on items i.
func (s *Store) condSQL(ctx context.Context, n query.Node) (string, []any, error) {
	if ftsable(n) {
		e, err := s.ftsExpr(ctx, n)
		return "i.fts_key IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)", []any{e}, err
	}
	switch n := n.(type) {
	case query.Not:
		if f, ok := n.Node.(query.Field); ok && f.Op == query.OpIs && f.Value == query.IsUnread {
			// seen is 0 or 1; this form picks the read-messages indexes
			// (migration 22), where NOT (i.seen = 0) walked every row.
			return "i.seen = 1", nil, nil
		}
		cond, args, err := s.condSQL(ctx, n.Node)
		return "NOT (" + cond + ")", args, err
	case query.And:
		return s.joinSQL(ctx, n.Nodes, " AND ")
	case query.Or:
		return s.joinSQL(ctx, n.Nodes, " OR ")
	case query.Field:
		return s.fieldSQL(ctx, n)
	}
	return "", nil, fmt.Errorf("query: cannot compile %T", n)
}

func (s *Store) joinSQL(ctx context.Context, nodes []query.Node, op string) (string, []any, error) {
	var (
		conds []string
		args  []any
	)
	for _, c := range nodes {
		cond, a, err := s.condSQL(ctx, c)
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, cond)
		args = append(args, a...)
	}
	return "(" + strings.Join(conds, op) + ")", args, nil
}

// fieldSQL writes an operator as a condition on items i. Unknown values
// never reach here: the parser checked them.
func (s *Store) fieldSQL(ctx context.Context, f query.Field) (string, []any, error) {
	switch f.Op {
	case query.OpChannel:
		kinds := query.ChannelKinds[f.Value]
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(kinds)), ", ")
		args := make([]any, len(kinds))
		for i, k := range kinds {
			args[i] = string(k)
		}
		return "i.kind IN (" + marks + ")", args, nil
	case query.OpAccount:
		return "i.account_id IN (SELECT id FROM accounts WHERE name = ? COLLATE NOCASE)", []any{f.Value}, nil
	case query.OpKind:
		return "i.kind = ?", []any{f.Value}, nil
	case query.OpTag:
		return `i.id IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id
			WHERE t.name = ?)`, []any{f.Value}, nil
	case query.OpHas:
		if f.Value == query.HasAttachment {
			return "i.attachments IS NOT NULL", nil, nil
		}
		// As query.HasLinkIn; LIKE ignores ASCII case like its ToLower.
		return "(i.text LIKE '%://%' OR i.text LIKE '%www.%')", nil, nil
	case query.OpFollowers:
		cmp := "followers > ?"
		if f.Cmp == query.Less {
			cmp = "followers >= 0 AND followers < ?"
		}
		return "EXISTS (SELECT 1 FROM identities WHERE id = i.author_identity_id AND " + cmp + ")", []any{int64(f.Num)}, nil
	case query.OpAfter:
		return "i.created_at >= ?", []any{ms(f.Time)}, nil
	case query.OpBefore:
		return "i.created_at < ?", []any{ms(f.Time)}, nil
	case query.OpState:
		return "i.state = ?", []any{f.Value}, nil
	case query.OpHour:
		return "hearth_hour(i.created_at, ?) = ?", []any{zoneArg(f.Loc), int64(f.Num)}, nil
	case query.OpWeekday:
		return "hearth_weekday(i.created_at, ?) = ?", []any{zoneArg(f.Loc), int64(f.Num)}, nil
	case query.OpWait:
		// Our replies and the wait of each, as the dashboard's reply times
		// measure it (reply_waits: from the oldest message not answered yet
		// to the reply, all hours); a reply that answers nothing new has none.
		if f.Max == 0 {
			return "i.id IN (SELECT reply_id FROM reply_waits WHERE since IS NOT NULL AND at - since >= ?)",
				[]any{f.Min.Milliseconds()}, nil
		}
		return "i.id IN (SELECT reply_id FROM reply_waits WHERE since IS NOT NULL AND at - since >= ? AND at - since < ?)",
			[]any{f.Min.Milliseconds(), f.Max.Milliseconds()}, nil
	case query.OpIs:
		switch f.Value {
		case query.IsUnread:
			return "i.seen = 0", nil, nil
		case query.IsVIP:
			return "i.vip = 1", nil, nil
		case query.IsMine:
			return "i.outgoing = 1", nil, nil
		}
	}
	return s.toneSQL(ctx, f)
}

// The tone of items (issue 10, item 5) lives in items.lang (TEXT),
// items.sentiment (REAL in [-1, 1]) and items.abusive (0 or 1), NULL while
// unknown. In a workspace without them, the operators on them are refused
// with a parse error at their column.
var toneColumns = []string{"lang", "sentiment", "abusive"}

// toneSQL writes the operators on an item's tone; unknown tone matches
// none of them, as in query.Doc.
func (s *Store) toneSQL(ctx context.Context, f query.Field) (string, []any, error) {
	ok, err := s.hasTone(ctx)
	if err != nil {
		return "", nil, err
	}
	if !ok {
		return "", nil, &query.Error{Col: f.Col, Msg: fmt.Sprintf("%s needs the tone of each item (language, sentiment, abuse), which this workspace does not hold yet", fieldName(f))}
	}
	switch {
	case f.Op == query.OpLang && f.Value == "other":
		return "(i.lang <> '' AND i.lang NOT IN ('en', 'fr', 'ru', 'bg'))", nil, nil
	case f.Op == query.OpLang:
		return "i.lang = ?", []any{f.Value}, nil
	case f.Op == query.OpSentiment && f.Cmp == query.Less:
		return "COALESCE(i.sentiment < ?, 0)", []any{f.Num}, nil
	case f.Op == query.OpSentiment:
		return "COALESCE(i.sentiment > ?, 0)", []any{f.Num}, nil
	case f.Value == query.IsAbusive:
		return "COALESCE(i.abusive = 1, 0)", nil, nil
	case f.Value == query.IsNegative:
		return "COALESCE(i.sentiment <= ?, 0)", []any{core.SentimentNegativeAt}, nil
	case f.Value == query.IsPositive:
		return "COALESCE(i.sentiment >= ?, 0)", []any{core.SentimentPositiveAt}, nil
	}
	return "", nil, fmt.Errorf("query: cannot compile %s", fieldName(f))
}

func fieldName(f query.Field) string {
	if f.Op == query.OpIs {
		return "is:" + f.Value
	}
	return string(f.Op) + string(rune(f.Cmp))
}

// hasTone reports whether items have the tone columns. The answer is
// kept once known: a migration runs only at open.
func (s *Store) hasTone(ctx context.Context) (bool, error) {
	s.tone.mu.Lock()
	defer s.tone.mu.Unlock()
	if s.tone.known {
		return s.tone.ok, nil
	}
	rows, err := s.r.QueryContext(ctx, "SELECT name FROM pragma_table_info('items')")
	if err != nil {
		return false, err // a cancelled context is no answer: ask again next time
	}
	defer rows.Close()
	found := 0
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return false, err
		}
		if slices.Contains(toneColumns, name) {
			found++
		}
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	s.tone.ok, s.tone.known = found == len(toneColumns), true
	return s.tone.ok, nil
}

// toneCheck caches hasTone.
type toneCheck struct {
	mu    sync.Mutex
	known bool
	ok    bool
}
