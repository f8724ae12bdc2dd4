package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hearthhq/hearth/core"
)

// memberCursorKey is the setting that holds the last item id the member
// catch-up has read.
const memberCursorKey = "members.item_cursor"

// CatchUpMembers folds up to limit items not seen yet into the member
// files, in one transaction with the cursor: what each author wrote per day
// (with its sentiment: rate says positive 1, negative -1 or 0 from the text
// and its stored tone, nil when not computed), their first and last seen times, and the
// recipients of the replies we sent. It returns how many items it read;
// zero means the files are up to date.
func (s *Store) CatchUpMembers(ctx context.Context, rate func(text string, t *core.Tone) int, limit int) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c := newCatchUp(ctx, tx, rate)
		defer c.st.close()
		var err error
		if n, err = c.run(limit); err != nil {
			return err
		}
		return c.write()
	})
	if err != nil {
		return 0, fmt.Errorf("store: member catch-up: %w", err)
	}
	return n, nil
}

type dayKey struct {
	identity, day int64
}

type dayCounts struct {
	posts, comments, messages, positive, negative int
}

type seenSpan struct{ first, last int64 }

// catchUp collects one chunk's effects before writing them.
type catchUp struct {
	st        *stmts
	rate      func(string, *core.Tone) int
	cursor    int64
	days      map[dayKey]*dayCounts
	seen      map[int64]*seenSpan // identity -> times of its items
	contacted map[int64]int64     // identity -> latest reply we sent
}

func newCatchUp(ctx context.Context, tx *sql.Tx, rate func(string, *core.Tone) int) *catchUp {
	return &catchUp{st: newStmts(ctx, tx), rate: rate, days: map[dayKey]*dayCounts{},
		seen: map[int64]*seenSpan{}, contacted: map[int64]int64{}}
}

func (c *catchUp) run(limit int) (int, error) {
	var v string
	err := c.st.queryRow("SELECT value FROM settings WHERE key = ?", memberCursorKey).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	c.cursor, _ = strconv.ParseInt(v, 10, 64)
	rows, err := c.st.query(`SELECT id, kind, outgoing, author_identity_id, created_at, subject, text, recipients,
		lang, sentiment, abusive FROM items WHERE id > ? ORDER BY id LIMIT ?`, c.cursor, limit)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var outgoing []sentItem
	n := 0
	for rows.Next() {
		var (
			it         sentItem
			out        bool
			author     sql.NullInt64
			subj, text string
			tone       toneCols
		)
		if err := rows.Scan(&it.id, &it.kind, &out, &author, &it.at, &subj, &text, &it.recipients,
			&tone.lang, &tone.sentiment, &tone.abusive); err != nil {
			return 0, err
		}
		n++
		c.cursor = it.id
		switch {
		case out:
			outgoing = append(outgoing, it)
		case author.Valid:
			c.authored(author.Int64, core.ItemKind(it.kind), it.at, subj+"\n"+text, tone.tone())
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	rows.Close()
	return n, c.sent(outgoing)
}

// sentItem is a reply we sent, waiting for its recipients to be resolved.
type sentItem struct {
	id, at     int64
	kind       string
	recipients sql.NullString
}

func (c *catchUp) authored(identity int64, kind core.ItemKind, at int64, text string, t *core.Tone) {
	k := dayKey{identity, core.UnixDay(fromMS(at))}
	d := c.days[k]
	if d == nil {
		d = &dayCounts{}
		c.days[k] = d
	}
	switch core.InteractionOf(kind) {
	case core.InteractionPost:
		d.posts++
	case core.InteractionComment:
		d.comments++
	default:
		d.messages++
	}
	switch c.rate(text, t) {
	case 1:
		d.positive++
	case -1:
		d.negative++
	}
	sp := c.seen[identity]
	if sp == nil {
		c.seen[identity] = &seenSpan{at, at}
		return
	}
	sp.first, sp.last = min(sp.first, at), max(sp.last, at)
}

// sent links our replies to the identities they were addressed to.
func (c *catchUp) sent(items []sentItem) error {
	for _, it := range items {
		if !it.recipients.Valid {
			continue
		}
		var to []core.Person
		if err := json.Unmarshal([]byte(it.recipients.String), &to); err != nil {
			continue // a malformed list names nobody; the item itself is fine
		}
		kind := identityKind(core.ItemKind(it.kind))
		for _, p := range to {
			if err := c.recipient(it, kind, strings.ToLower(strings.TrimSpace(p.Address))); err != nil {
				return fmt.Errorf("item %d: %w", it.id, err)
			}
		}
	}
	return nil
}

func (c *catchUp) recipient(it sentItem, kind, addr string) error {
	var identity int64
	err := c.st.queryRow("SELECT id FROM identities WHERE kind = ? AND address = ?", kind, addr).Scan(&identity)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // never wrote to us: not a member yet
	}
	if err != nil {
		return err
	}
	_, err = c.st.exec("INSERT OR IGNORE INTO item_recipients (identity_id, at, item_id) VALUES (?, ?, ?)",
		identity, it.at, it.id)
	c.contacted[identity] = max(c.contacted[identity], it.at)
	return err
}

func (c *catchUp) write() error {
	for k, d := range c.days {
		_, err := c.st.exec(`INSERT INTO identity_days (identity_id, day, posts, comments, messages, positive, negative)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (identity_id, day) DO UPDATE SET
			posts = posts + excluded.posts, comments = comments + excluded.comments,
			messages = messages + excluded.messages, positive = positive + excluded.positive,
			negative = negative + excluded.negative`,
			k.identity, k.day, d.posts, d.comments, d.messages, d.positive, d.negative)
		if err != nil {
			return fmt.Errorf("days of identity %d: %w", k.identity, err)
		}
	}
	for id, sp := range c.seen {
		_, err := c.st.exec(`UPDATE members SET first_seen = min(first_seen, ?),
			last_seen = max(COALESCE(last_seen, 0), ?), dirty = 1
			WHERE id = (SELECT member_id FROM member_identities WHERE identity_id = ?)`, sp.first, sp.last, id)
		if err != nil {
			return fmt.Errorf("seen of identity %d: %w", id, err)
		}
	}
	for id, at := range c.contacted {
		_, err := c.st.exec(`UPDATE members SET last_contacted = max(COALESCE(last_contacted, 0), ?)
			WHERE id = (SELECT member_id FROM member_identities WHERE identity_id = ?)`, at, id)
		if err != nil {
			return fmt.Errorf("contact of identity %d: %w", id, err)
		}
	}
	_, err := c.st.exec(`INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, memberCursorKey, strconv.FormatInt(c.cursor, 10))
	return err
}

// MarkMembersStale makes the next rescoring recompute every member (the
// score settings changed).
func (s *Store) MarkMembersStale(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, "UPDATE members SET scored_day = 0"); err != nil {
		return fmt.Errorf("store: mark members stale: %w", err)
	}
	return nil
}

// RescoreMembers recomputes, for up to limit members, what changed since
// their last scoring: the derived profile of members marked dirty, and the
// scores of those and of every member last scored before w.Day, from
// their counts in w's windows by the rule score. It returns how many it
// rescored; zero means all are current.
func (s *Store) RescoreMembers(ctx context.Context, w core.ScoreWindows, score func(core.ScoreInput) core.Scores, limit int) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		ids, dirty, err := dueMembers(ctx, tx, w.Day, limit)
		if err != nil {
			return err
		}
		for _, id := range dirty {
			if err := deriveMember(ctx, tx, id); err != nil {
				return fmt.Errorf("member %d: %w", id, err)
			}
		}
		n = len(ids)
		return scoreMembers(ctx, tx, ids, w, score)
	})
	if err != nil {
		return 0, fmt.Errorf("store: rescore members: %w", err)
	}
	return n, nil
}

func dueMembers(ctx context.Context, tx *sql.Tx, day int64, limit int) (ids, dirty []int64, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, dirty FROM members WHERE dirty = 1
		UNION SELECT id, dirty FROM members WHERE scored_day < ? LIMIT ?`, day, limit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			d  bool
		)
		if err := rows.Scan(&id, &d); err != nil {
			return nil, nil, err
		}
		ids = append(ids, id)
		if d {
			dirty = append(dirty, id)
		}
	}
	return ids, dirty, rows.Err()
}

// scoreMembers sums each member's days in the two windows and stores the
// scores score makes of them; members with nothing in the windows are
// scored on zero counts.
func scoreMembers(ctx context.Context, tx *sql.Tx, ids []int64, w core.ScoreWindows, score func(core.ScoreInput) core.Scores) error {
	if len(ids) == 0 {
		return nil
	}
	inputs, err := scoreInputs(ctx, tx, ids, w)
	if err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, `UPDATE members SET activity = ?, loyalty = ?, loyalty_known = ?,
		quadrant = ?, scored_day = ?, dirty = 0 WHERE id = ?`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range ids {
		sc := score(inputs[id])
		if _, err := st.ExecContext(ctx, sc.Activity, sc.Loyalty, sc.LoyaltyKnown, string(sc.Quadrant), w.Day, id); err != nil {
			return fmt.Errorf("member %d: %w", id, err)
		}
	}
	return nil
}

// ScoreInput returns what a member's scores are computed from in w's
// windows, for the dossier's explanations.
func (s *Store) ScoreInput(ctx context.Context, memberID int64, w core.ScoreWindows) (core.ScoreInput, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return core.ScoreInput{}, fmt.Errorf("store: member %d: score input: %w", memberID, err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	in, err := scoreInputs(ctx, tx, []int64{memberID}, w)
	if err != nil {
		return core.ScoreInput{}, fmt.Errorf("store: member %d: score input: %w", memberID, err)
	}
	return in[memberID], nil
}

func scoreInputs(ctx context.Context, tx *sql.Tx, ids []int64, w core.ScoreWindows) (map[int64]core.ScoreInput, error) {
	rows, err := tx.QueryContext(ctx, `SELECT mi.member_id,
		COALESCE(sum(CASE WHEN d.day >= ?1 THEN d.posts END), 0),
		COALESCE(sum(CASE WHEN d.day >= ?1 THEN d.comments END), 0),
		COALESCE(sum(CASE WHEN d.day >= ?1 THEN d.messages END), 0),
		COALESCE(sum(CASE WHEN d.day >= ?2 THEN d.posts + d.comments + d.messages END), 0),
		COALESCE(sum(CASE WHEN d.day >= ?2 THEN d.positive END), 0),
		COALESCE(sum(CASE WHEN d.day >= ?2 THEN d.negative END), 0),
		count(DISTINCT CASE WHEN d.day >= ?2 THEN d.day END)
		FROM member_identities mi JOIN identity_days d ON d.identity_id = mi.identity_id
		WHERE mi.member_id IN (SELECT value FROM json_each(?3)) AND d.day >= min(?1, ?2) AND d.day <= ?4
		GROUP BY mi.member_id`, w.ActivityFrom, w.LoyaltyFrom, jsonList(ids), w.Day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]core.ScoreInput, len(ids))
	for rows.Next() {
		var (
			id int64
			in core.ScoreInput
		)
		if err := rows.Scan(&id, &in.Posts, &in.Comments, &in.Messages, &in.Written, &in.Positive,
			&in.Negative, &in.ActiveDays); err != nil {
			return nil, err
		}
		out[id] = in
	}
	return out, rows.Err()
}
