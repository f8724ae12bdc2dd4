package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
)

// Page sizes of Items.
const (
	defaultLimit = 100
	maxLimit     = 1000
)

// Items returns a page of items, newest first (created_at, then id), after
// the keyset f.Before/f.BeforeID when set; with f.VIPFirst, VIP items come
// first and the keyset includes f.BeforeVIP. Empty f.States is the triage
// view: new, open, and snoozed items whose time has come (at f.Now), none
// deleted remotely. With f.Query set, items match the full-text query (see
// Search). Lists carry Snippet, Tags and the account name, but neither Text
// nor Raw.
func (s *Store) Items(ctx context.Context, f core.ItemFilter) ([]core.Item, error) {
	f = withDefaults(f, s.now)
	query, args, err := s.itemsSQL(ctx, f)
	if errors.Is(err, errNoTerms) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: items: %w", err)
	}
	if f.Conversations {
		items, err := s.queryConversations(ctx, f.Limit, query, args...)
		if err != nil {
			return nil, fmt.Errorf("store: items: %w", err)
		}
		return items, nil
	}
	items, err := s.queryItems(ctx, false, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: items: %w", err)
	}
	return items, nil
}

// rowCols is what a list reads of each row, and the join it needs: a
// conversation's row also reads its thread's size and participants (kept
// on the thread at ingest), in the same statement as the face.
func rowCols(f core.ItemFilter) (cols, join string) {
	if f.Conversations {
		return itemCols + ", th.size, th.participants", " JOIN threads th ON th.id = i.thread_id"
	}
	return itemCols, ""
}

// queryConversations reads a page of at most limit conversation rows (see
// rowCols) and adds the tags of all their messages.
func (s *Store) queryConversations(ctx context.Context, limit int, query string, args ...any) ([]core.Item, error) {
	st, err := s.reads.get(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	items := make([]core.Item, 0, limit)
	for rows.Next() {
		var (
			size  int
			names string
		)
		it, err := scanItem(rows, false, &size, &names)
		if err != nil {
			return nil, err
		}
		it.ThreadSize, it.Participants = size, decodeNames(names)
		items = append(items, it)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	// A tag on any message tags its conversation; each row's thread is
	// its own, so the rows are found by thread.
	return items, s.fillBy(ctx, items, func(it core.Item) int64 { return it.ThreadID },
		`SELECT DISTINCT m.thread_id, t.name FROM items m JOIN item_tags it ON it.item_id = m.id
		JOIN tags t ON t.id = it.tag_id WHERE m.thread_id IN (SELECT value FROM json_each(?)) ORDER BY t.name`,
		func(it *core.Item, v string) { it.Tags = append(it.Tags, v) })
}

// decodeNames decodes a thread's participants, a JSON list of strings
// that the store writes (json_group_array). Without a backslash, and in
// valid UTF-8, every quote delimits a name, which spares the JSON decoder's
// reflection for each row of a page; anything else goes to the decoder.
func decodeNames(v string) []string {
	if names, ok := plainNames(v); ok {
		return names
	}
	var names []string
	_ = json.Unmarshal([]byte(v), &names) // a damaged list shows no names rather than failing the page
	return names
}

// plainNames reads ["a", "b"] with no escapes; ok is false for any other
// form.
func plainNames(v string) (names []string, ok bool) {
	if strings.ContainsRune(v, '\\') || !utf8.ValidString(v) {
		return nil, false
	}
	rest, ok := strings.CutPrefix(strings.TrimSpace(v), "[")
	if !ok {
		return nil, false
	}
	names = []string{}
	if rest, ok = strings.CutPrefix(strings.TrimSpace(rest), "]"); ok {
		return names, strings.TrimSpace(rest) == ""
	}
	for {
		rest, ok = strings.CutPrefix(strings.TrimSpace(rest), `"`)
		if !ok {
			return nil, false
		}
		name, after, ok := strings.Cut(rest, `"`)
		if !ok || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 }) {
			return nil, false
		}
		names = append(names, name)
		rest = strings.TrimSpace(after)
		switch {
		case strings.HasPrefix(rest, ","):
			rest = rest[1:]
		case strings.HasPrefix(rest, "]"):
			return names, strings.TrimSpace(rest[1:]) == ""
		default:
			return nil, false
		}
	}
}

// errNoTerms: the query had nothing searchable, or asks for states the
// list excludes, so nothing matches.
var errNoTerms = errors.New("no search terms")

func withDefaults(f core.ItemFilter, now func() time.Time) core.ItemFilter {
	if f.Limit <= 0 {
		f.Limit = defaultLimit
	}
	f.Limit = min(f.Limit, maxLimit)
	if f.Now.IsZero() {
		f.Now = now()
	}
	f.Conversations = f.Conversations && !f.NeedsModeration // the queue lists messages
	return f
}

// itemsSQL parses f.Query (core/query) and builds the page's SQL: a query
// with words, phrases or from: walks the full-text hits (searchSQL), any
// other walks the list's indexes (listSQL), both with the query's
// conditions. A parse error is a *query.Error.
func (s *Store) itemsSQL(ctx context.Context, f core.ItemFilter) (string, []any, error) {
	q, err := query.ParseAt(f.Query, f.Now)
	if err != nil {
		return "", nil, err
	}
	if q.Blank() {
		return listSQL(f, where{})
	}
	if q.Root == nil {
		return "", nil, errNoTerms
	}
	c, err := s.compileQuery(ctx, q)
	if err != nil {
		return "", nil, err
	}
	if f.States, err = queryStates(f.States, c.states); err != nil {
		return "", nil, err
	}
	if f, err = s.narrow(ctx, f, &c); err != nil {
		return "", nil, err
	}
	if c.match == "" {
		return listSQL(f, c.conds)
	}
	return s.searchSQL(ctx, f, c.match, c.conds)
}

// queryStates combines the states a list asks for with those its query
// names (state:done): the query's replace the default triage view and
// narrow explicit ones.
func queryStates(asked, named []core.State) ([]core.State, error) {
	switch {
	case len(named) == 0:
		return asked, nil
	case len(asked) == 0:
		return named, nil
	}
	var both []core.State
	for _, st := range named {
		if slices.Contains(asked, st) {
			both = append(both, st)
		}
	}
	if len(both) == 0 {
		return nil, errNoTerms
	}
	return both, nil
}

// where collects the conditions of a query and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// and adds the conditions of another where.
func (w *where) and(o where) {
	w.conds = append(w.conds, o.conds...)
	w.args = append(w.args, o.args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return "1"
	}
	return strings.Join(w.conds, " AND ")
}

// filters adds the conditions on columns other than state and time.
func filters(w *where, f core.ItemFilter) {
	// The account, kind and state are literals in the text, not bound
	// values: SQLite (built with STAT4) re-prepares a statement whenever a
	// value it planned an index by is bound again, which for a page was a
	// sixth of its CPU. There are few of each, so few statements to keep.
	if f.AccountID != 0 {
		w.add("i.account_id = " + strconv.FormatInt(f.AccountID, 10))
	}
	if f.Kind != "" {
		w.add("i.kind = " + sqlString(string(f.Kind)))
	}
	if f.Unread {
		w.add("i.seen = 0")
	}
	if f.ThreadID != 0 {
		w.add("i.thread_id = ?", f.ThreadID)
	}
	if f.NeedsModeration {
		w.add(moderationCond)
	}
	switch {
	case f.Tag != "" && f.Conversations: // a tag on any message tags its conversation
		w.add(`i.thread_id IN (SELECT m.thread_id FROM item_tags it JOIN tags t ON t.id = it.tag_id
			JOIN items m ON m.id = it.item_id WHERE t.name = ?)`, strings.TrimSpace(f.Tag))
	case f.Tag != "":
		w.add(`i.id IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id
			WHERE t.name = ?)`, strings.TrimSpace(f.Tag))
	}
}

// sqlString quotes v as an SQL string literal.
func sqlString(v string) string {
	return "'" + strings.ReplaceAll(v, "'", "''") + "'"
}

// stateArm is one state of a list: an index range read newest first.
type stateArm struct {
	state core.State
	due   bool // snoozed items whose snooze_until has come only
}

func stateArms(f core.ItemFilter) ([]stateArm, error) {
	if len(f.States) == 0 {
		return []stateArm{{state: core.StateNew}, {state: core.StateOpen}, {state: core.StateSnoozed, due: true}}, nil
	}
	var arms []stateArm
	for _, st := range f.States {
		if _, err := core.ParseState(string(st)); err != nil {
			return nil, err
		}
		if !slices.Contains(arms, stateArm{state: st}) {
			arms = append(arms, stateArm{state: st})
		}
	}
	return arms, nil
}

// listArm is one index range of a list, read newest first: a state, and
// with VIPFirst the VIP or the other items of it.
type listArm struct {
	stateArm
	vip int // -1: any; 1: VIP items only; 0: the others
}

// listArms splits a list into its ranges. With VIPFirst, a page that starts
// among the others has no VIP range left.
func listArms(f core.ItemFilter) ([]listArm, error) {
	states, err := stateArms(f)
	if err != nil {
		return nil, err
	}
	var arms []listArm
	for _, st := range states {
		switch {
		case !f.VIPFirst:
			arms = append(arms, listArm{st, -1})
		case f.Before.IsZero() || f.BeforeVIP:
			arms = append(arms, listArm{st, 1}, listArm{st, 0})
		default:
			arms = append(arms, listArm{st, 0})
		}
	}
	return arms, nil
}

// armSQL reads at most Limit ids of one range. A VIP range goes through
// the small partial index of VIP items, whatever else filters it.
func armSQL(arm listArm, f core.ItemFilter, extra where) (string, []any) {
	w := &where{}
	from, cols := "items i", "i.id, i.created_at"
	if due := dueIndex(arm, f, extra); due != "" {
		w.add("i.state = 'snoozed'") // a literal: the partial index's condition
		from = "items i INDEXED BY " + due
	} else if arm.due {
		// Not the literal, nor a bare bound value, which SQLite compares
		// with a partial index's condition too: the planner could take a
		// snoozed index over the list's own (read, kind) index and walk
		// every snoozed item.
		w.add("i.state = CAST(? AS TEXT)", arm.state)
	} else {
		w.add("i.state = " + sqlString(string(arm.state)))
	}
	if arm.due {
		w.add("i.snooze_until <= ?", ms(f.Now))
	}
	filters(w, f)
	w.and(extra)
	hideDeleted(w, f)
	if f.Conversations {
		w.add("i.face = 1")
	}
	switch arm.vip {
	case 1:
		w.add("i.vip = 1") // a literal: the partial index's condition
		from, cols = "items i INDEXED BY items_vip_state_time", cols+", 1 AS vip"
	case 0:
		w.add("i.vip = 0")
		cols += ", 0 AS vip"
	}
	if f.NeedsModeration && arm.vip != 1 {
		from = "items i INDEXED BY items_moderation" // its condition is moderationCond's
	}
	// A VIP-first cursor bounds only the range it lies in; the others'
	// range, after the VIPs, starts at its top.
	if !f.VIPFirst || (arm.vip == 1) == f.BeforeVIP {
		keyset(w, f)
	}
	return `SELECT * FROM (SELECT ` + cols + ` FROM ` + from + ` WHERE ` + w.sql() + `
			ORDER BY i.created_at DESC, i.id DESC LIMIT ?)`, append(w.args, f.Limit)
}

// dueIndex names the index of snoozed items (migration 23) that a range
// of due snoozed items reads without reading their rows, for the lists
// that filter on no more than the index holds: account, unread, VIP or
// not. Others (a kind, a tag, a thread, a query, the VIP range with its
// own index, the moderation queue) are left to the planner.
func dueIndex(arm listArm, f core.ItemFilter, extra where) string {
	switch {
	case !arm.due || arm.vip == 1 || f.NeedsModeration || f.Kind != "" || f.Tag != "" || f.ThreadID != 0 ||
		len(extra.conds) > 0:
		return ""
	case f.AccountID != 0:
		return "items_snoozed_account_time"
	default:
		return "items_snoozed_time"
	}
}

// hideDeleted leaves remotely deleted items out of the default view; asked
// for by state (or in their thread) they show.
func hideDeleted(w *where, f core.ItemFilter) {
	if len(f.States) == 0 {
		w.add("i.deleted = 0")
	}
}

// listSQL reads each range's newest items from the (account, state, time)
// indexes, at most Limit per range, and merges them: a page costs the same
// whether the inbox holds a thousand items or a million. Extra conditions
// (a query's) filter every range.
func listSQL(f core.ItemFilter, extra where) (string, []any, error) {
	arms, err := listArms(f)
	if err != nil {
		return "", nil, err
	}
	var (
		parts []string
		args  []any
	)
	for _, arm := range arms {
		part, partArgs := armSQL(arm, f, extra)
		parts = append(parts, part)
		args = append(args, partArgs...)
	}
	cols, order := "id, created_at", "created_at DESC, id DESC"
	if f.VIPFirst {
		cols, order = "id, created_at, vip", "vip DESC, created_at DESC, id DESC"
	}
	// MATERIALIZED keeps SQLite from pushing the joins into every arm, which
	// would sort each arm again; here only ids are merged, then 100 rows read.
	rcols, join := rowCols(f)
	query := "WITH page AS MATERIALIZED (SELECT " + cols + " FROM (" + strings.Join(parts, " UNION ALL ") + `)
		ORDER BY ` + order + ` LIMIT ?)
		SELECT ` + rcols + ` FROM page p JOIN items i ON i.id = p.id JOIN accounts a ON a.id = i.account_id` + join + `
		ORDER BY p.` + strings.ReplaceAll(order, ", ", ", p.")
	return query, append(args, f.Limit), nil
}

// keyset restricts a list to items after the page that ended at
// (Before, BeforeID). BeforeID counts only with Before.
func keyset(w *where, f core.ItemFilter) {
	switch {
	case f.Before.IsZero():
	case f.BeforeID > 0:
		t := ms(f.Before)
		w.add("i.created_at <= ? AND (i.created_at < ? OR i.id < ?)", t, t, f.BeforeID)
	default:
		w.add("i.created_at < ?", ms(f.Before))
	}
}

// searchSQL walks the full-text hits in rowid order, which is time order
// (see nextFTSKey), and stops at the page: no hit set is ever sorted or
// ranked, so a term matching most of a million items costs no more than
// a rare one.
func (s *Store) searchSQL(ctx context.Context, f core.ItemFilter, match string, extra where) (string, []any, error) {
	w := &where{}
	w.add("items_fts MATCH ?", match)
	if !f.Before.IsZero() {
		bound, err := s.searchBound(ctx, f)
		if err != nil {
			return "", nil, err
		}
		w.add("items_fts.rowid < ?", bound)
	}
	if err := searchStates(w, f); err != nil {
		return "", nil, err
	}
	filters(w, f)
	w.and(extra)
	hideDeleted(w, f)
	rcols, join := rowCols(f)
	query := "SELECT " + rcols + ` FROM items_fts
		JOIN items i ON i.fts_key = items_fts.rowid JOIN accounts a ON a.id = i.account_id` + join + `
		WHERE ` + w.sql() + " ORDER BY items_fts.rowid DESC LIMIT ?"
	return query, append(w.args, f.Limit), nil
}

func searchStates(w *where, f core.ItemFilter) error {
	arms, err := stateArms(f)
	if err != nil {
		return err
	}
	var conds []string
	for _, arm := range arms {
		if arm.due {
			conds = append(conds, "(i.state = ? AND i.snooze_until <= ?)")
			w.args = append(w.args, arm.state, ms(f.Now))
			continue
		}
		conds = append(conds, "i.state = ?")
		w.args = append(w.args, arm.state)
	}
	w.conds = append(w.conds, "("+strings.Join(conds, " OR ")+")")
	return nil
}

// searchBound is the full-text key below which the next page lies: the key
// of the last item shown, or for an unknown item the first key of its time.
func (s *Store) searchBound(ctx context.Context, f core.ItemFilter) (int64, error) {
	if f.BeforeID > 0 {
		var key int64
		err := s.r.QueryRowContext(ctx, "SELECT fts_key FROM items WHERE id = ? AND created_at = ?",
			f.BeforeID, ms(f.Before)).Scan(&key)
		if err == nil {
			return key, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	return ftsBound(f.Before), nil
}
