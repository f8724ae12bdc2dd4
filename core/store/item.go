package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Lists read these columns; single items and threads add the text.
const (
	itemCols = `i.id, i.account_id, a.name, i.kind, i.remote_id, i.thread_id, i.location,
		i.subject, i.author_name, i.author_address, i.author_handle, i.recipients, i.snippet,
		i.created_at, i.state, i.snooze_until, i.seen, i.outgoing, i.deleted, i.vip, i.stats,
		i.attachments, i.problems,
		COALESCE((SELECT mi.member_id FROM member_identities mi WHERE mi.identity_id = i.author_identity_id), 0),
		i.lang, i.sentiment, i.abusive, i.moderation_fine`
	itemColsFull = itemCols + ", i.text"
)

// Item returns one item with its text, tags and thread refs, without Raw.
func (s *Store) Item(ctx context.Context, id int64) (core.Item, error) {
	it, err := s.oneItem(ctx, "i.id = ?", id)
	if err != nil {
		return it, fmt.Errorf("store: item %d: %w", id, err)
	}
	return it, nil
}

// ItemsByID returns the items with these ids, in that order, each as Item
// returns it (text, tags, thread refs), in three statements whatever their
// number: a page's `--json` fetched them one by one, three statements
// each. core.ErrNotFound when one is missing.
func (s *Store) ItemsByID(ctx context.Context, ids []int64) ([]core.Item, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	items, err := s.queryItems(ctx, true, "SELECT "+itemColsFull+
		" FROM items i JOIN accounts a ON a.id = i.account_id WHERE i.id IN (SELECT value FROM json_each(?))",
		jsonList(ids))
	if err != nil {
		return nil, fmt.Errorf("store: items: %w", err)
	}
	byID := make(map[int64]core.Item, len(items))
	for _, it := range items {
		byID[it.ID] = it
	}
	out := make([]core.Item, len(ids))
	for i, id := range ids {
		it, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("store: item %d: %w", id, core.ErrNotFound)
		}
		out[i] = it
	}
	return out, nil
}

// ItemByRemoteID returns an account's item by its remote id.
func (s *Store) ItemByRemoteID(ctx context.Context, accountID int64, remoteID string) (core.Item, error) {
	it, err := s.oneItem(ctx, "i.account_id = ? AND i.remote_id = ?", accountID, remoteID)
	if err != nil {
		return it, fmt.Errorf("store: account %d: item %q: %w", accountID, remoteID, err)
	}
	return it, nil
}

func (s *Store) oneItem(ctx context.Context, where string, args ...any) (core.Item, error) {
	items, err := s.queryItems(ctx, true, "SELECT "+itemColsFull+
		" FROM items i JOIN accounts a ON a.id = i.account_id WHERE "+where, args...)
	if err != nil {
		return core.Item{}, err
	}
	if len(items) == 0 {
		return core.Item{}, core.ErrNotFound
	}
	return items[0], nil
}

// Raw returns the original source of an item, or core.ErrNotFound when the
// channel gave none.
func (s *Store) Raw(ctx context.Context, itemID int64) ([]byte, error) {
	var raw []byte
	err := s.r.QueryRowContext(ctx, "SELECT raw FROM item_raw WHERE item_id = ?", itemID).Scan(&raw)
	if err != nil {
		return nil, fmt.Errorf("store: item %d: raw: %w", itemID, dbErr(err))
	}
	return raw, nil
}

// queryItems runs an item query on the read pool and fills tags, and with
// full also the text and the thread refs.
func (s *Store) queryItems(ctx context.Context, full bool, query string, args ...any) ([]core.Item, error) {
	items, err := s.queryItemsNoRefs(ctx, full, query, args...)
	if err != nil || !full {
		return items, err
	}
	return items, s.fillRefs(ctx, items)
}

// queryItemsNoRefs is queryItems without the thread refs.
func (s *Store) queryItemsNoRefs(ctx context.Context, full bool, query string, args ...any) ([]core.Item, error) {
	st, err := s.reads.get(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []core.Item
	for rows.Next() {
		it, err := scanItem(rows, full)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := s.fillTags(ctx, items); err != nil {
		return nil, err
	}
	return items, nil
}

// withRefs fills the thread refs of the items that keep (all when keep
// is nil).
func (s *Store) withRefs(ctx context.Context, items []core.Item, keep func(core.Item) bool) error {
	if keep == nil {
		return s.fillRefs(ctx, items)
	}
	var some []core.Item
	var at []int
	for i, it := range items {
		if keep(it) {
			some, at = append(some, it), append(at, i)
		}
	}
	if err := s.fillRefs(ctx, some); err != nil {
		return err
	}
	for j, i := range at {
		items[i].ThreadRefs = some[j].ThreadRefs
	}
	return nil
}

// scanItem reads a row of itemCols (itemColsFull with full), then extra.
func scanItem(rows *sql.Rows, full bool, extra ...any) (core.Item, error) {
	var (
		it                               core.Item
		to, stats, attachments, problems sql.NullString
		created                          int64
		snooze                           sql.NullInt64
		tone                             toneCols
	)
	dest := make([]any, 0, 29+len(extra)) // one allocation per row
	dest = append(dest, &it.ID, &it.AccountID, &it.Account, &it.Kind, &it.RemoteID, &it.ThreadID,
		&it.Location, &it.Subject, &it.Author.Name, &it.Author.Address, &it.Author.Handle, &to,
		&it.Snippet, &created, &it.State, &snooze, &it.Seen, &it.Outgoing, &it.Deleted, &it.VIP, &stats,
		&attachments, &problems, &it.MemberID, &tone.lang, &tone.sentiment, &tone.abusive, &it.ModerationFine)
	if full {
		dest = append(dest, &it.Text)
	}
	if err := rows.Scan(append(dest, extra...)...); err != nil {
		return it, err
	}
	it.CreatedAt, it.SnoozeUntil = fromMS(created), fromNullMS(snooze)
	it.Tone = tone.tone()
	if err := decodeLists(&it, to, stats, attachments, problems); err != nil {
		return it, fmt.Errorf("item %d: %w", it.ID, err)
	}
	return it, nil
}

// decodeLists decodes the JSON columns of an item; NULL leaves the zero value.
func decodeLists(it *core.Item, to, stats, attachments, problems sql.NullString) error {
	for _, f := range []struct {
		col sql.NullString
		dst any
	}{{to, &it.To}, {stats, &it.Stats}, {attachments, &it.Attachments}, {problems, &it.Problems}} {
		if !f.col.Valid {
			continue
		}
		if err := json.Unmarshal([]byte(f.col.String), f.dst); err != nil {
			return err
		}
	}
	return nil
}

// fillTags loads the tags of items in one query.
func (s *Store) fillTags(ctx context.Context, items []core.Item) error {
	return s.fillByItem(ctx, items, `SELECT it.item_id, t.name FROM item_tags it
		JOIN tags t ON t.id = it.tag_id WHERE it.item_id IN (SELECT value FROM json_each(?))
		ORDER BY t.name`, func(it *core.Item, v string) { it.Tags = append(it.Tags, v) })
}

// fillRefs loads the thread refs of items, root first.
func (s *Store) fillRefs(ctx context.Context, items []core.Item) error {
	return s.fillByItem(ctx, items, `SELECT item_id, ref FROM item_refs
		WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY item_id, pos`,
		func(it *core.Item, v string) { it.ThreadRefs = append(it.ThreadRefs, v) })
}

// fillByItem runs query with the items' ids and hands each (id, value) row
// to add.
func (s *Store) fillByItem(ctx context.Context, items []core.Item, query string, add func(*core.Item, string)) error {
	return s.fillBy(ctx, items, func(it core.Item) int64 { return it.ID }, query, add)
}

// fillBy runs query with the items' keys (unique among items) and hands
// each (key, value) row to add.
func (s *Store) fillBy(ctx context.Context, items []core.Item, key func(core.Item) int64, query string, add func(*core.Item, string)) error {
	if len(items) == 0 {
		return nil
	}
	index := make(map[int64]int, len(items))
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = key(it)
		index[ids[i]] = i
	}
	st, err := s.reads.get(ctx, query)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(ctx, jsonList(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			v  string
		)
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		add(&items[index[id]], v)
	}
	return rows.Err()
}

// SetState moves an item in triage; snoozeUntil counts only for snoozed.
func (s *Store) SetState(ctx context.Context, itemID int64, st core.State, snoozeUntil time.Time) error {
	if _, err := core.ParseState(string(st)); err != nil {
		return fmt.Errorf("store: item %d: %w", itemID, err)
	}
	if st != core.StateSnoozed {
		snoozeUntil = time.Time{}
	}
	err := execOne(ctx, s.w, "UPDATE items SET state = ?, snooze_until = ? WHERE id = ?",
		st, nullMS(snoozeUntil), itemID)
	if err != nil {
		return fmt.Errorf("store: item %d: set state %s: %w", itemID, st, err)
	}
	return nil
}

// SetThreadState moves a conversation in triage: every message of it from
// someone else, except those hidden by moderation (unless hiding), takes
// the state. Our own messages keep theirs.
func (s *Store) SetThreadState(ctx context.Context, threadID int64, st core.State, snoozeUntil time.Time) error {
	if _, err := core.ParseState(string(st)); err != nil {
		return fmt.Errorf("store: thread %d: %w", threadID, err)
	}
	if st != core.StateSnoozed {
		snoozeUntil = time.Time{}
	}
	_, err := s.w.ExecContext(ctx, threadStateSQL, st, nullMS(snoozeUntil), threadID)
	if err != nil {
		return fmt.Errorf("store: thread %d: set state %s: %w", threadID, st, dbErr(err))
	}
	return nil
}

// threadStateSQL moves a conversation: state, snooze until, thread id.
const threadStateSQL = `UPDATE items SET state = ?1, snooze_until = ?2
	WHERE thread_id = ?3 AND outgoing = 0 AND (state <> 'hidden' OR ?1 = 'hidden')`

// SetSeen sets an item's read flag.
func (s *Store) SetSeen(ctx context.Context, itemID int64, seen bool) error {
	if err := execOne(ctx, s.w, "UPDATE items SET seen = ? WHERE id = ?", seen, itemID); err != nil {
		return fmt.Errorf("store: item %d: set seen: %w", itemID, err)
	}
	return nil
}

// AddTag tags an item, creating the tag on first use. Tag names compare
// case-insensitively (ASCII); tagging twice is a no-op.
func (s *Store) AddTag(ctx context.Context, itemID int64, tag string) error {
	tag = strings.TrimSpace(tag)
	if tag == "" {
		return fmt.Errorf("store: item %d: add tag: the tag is empty", itemID)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var tagID int64
		err := tx.QueryRowContext(ctx, `INSERT INTO tags (name) VALUES (?)
			ON CONFLICT (name) DO UPDATE SET name = name RETURNING id`, tag).Scan(&tagID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)", itemID, tagID)
		return dbErr(err)
	})
	if err != nil {
		return fmt.Errorf("store: item %d: add tag %q: %w", itemID, tag, err)
	}
	return nil
}

// RemoveTag removes a tag from an item; removing an absent tag is a no-op.
func (s *Store) RemoveTag(ctx context.Context, itemID int64, tag string) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM item_tags WHERE item_id = ?
		AND tag_id = (SELECT id FROM tags WHERE name = ?)`, itemID, strings.TrimSpace(tag))
	if err != nil {
		return fmt.Errorf("store: item %d: remove tag %q: %w", itemID, tag, err)
	}
	return nil
}

// UnreadCounts returns, per account, the unseen items still in triage (not
// done, spam or hidden). Every account is present, with 0 when all is read.
func (s *Store) UnreadCounts(ctx context.Context) (map[int64]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, COALESCE(SUM(c.unseen), 0) FROM accounts a
		LEFT JOIN item_counts c ON c.account_id = a.id AND c.state IN ('new', 'open', 'snoozed')
		GROUP BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("store: unread counts: %w", err)
	}
	counts, err := scanCounts[int64](rows)
	if err != nil {
		return nil, fmt.Errorf("store: unread counts: %w", err)
	}
	return counts, nil
}

// StateCounts counts an account's items per state (accountID 0: all
// accounts). Every state is present.
func (s *Store) StateCounts(ctx context.Context, accountID int64) (map[core.State]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT state, SUM(total) FROM item_counts
		WHERE ?1 = 0 OR account_id = ?1 GROUP BY state`, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: account %d: state counts: %w", accountID, err)
	}
	counts, err := scanCounts[core.State](rows)
	if err != nil {
		return nil, fmt.Errorf("store: account %d: state counts: %w", accountID, err)
	}
	for _, st := range core.States {
		counts[st] += 0
	}
	return counts, nil
}

func scanCounts[K comparable](rows *sql.Rows) (map[K]int, error) {
	defer rows.Close()
	counts := map[K]int{}
	for rows.Next() {
		var (
			k K
			n int
		)
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		counts[k] = n
	}
	return counts, rows.Err()
}

// InsertOutgoing stores a reply we sent as an item of its thread (threaded
// by its refs like any item), upserted by remote id, and returns its id.
func (s *Store) InsertOutgoing(ctx context.Context, it core.Item) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = writeOutgoing(ctx, tx, it, s.now())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: account %d: outgoing item %q: %w", it.AccountID, it.RemoteID, err)
	}
	return id, nil
}

// writeOutgoing stores our reply in tx (see InsertOutgoing), for callers
// that record it together with something else.
func writeOutgoing(ctx context.Context, tx *sql.Tx, it core.Item, now time.Time) (int64, error) {
	w := newItemWriter(ctx, tx, it.AccountID, now)
	defer w.close()
	if err := w.preload([]core.Item{it}); err != nil {
		return 0, err
	}
	id, _, err := w.upsert(it, true)
	if err != nil {
		return 0, err
	}
	return id, w.finish()
}

// ViewCounts returns the conversation counts per account, kind and state
// that are not zero: the inbox adds up what each view, account and
// channel holds. It reads a small table kept by triggers, never the items.
func (s *Store) ViewCounts(ctx context.Context) ([]core.ViewCount, error) {
	var out []core.ViewCount
	err := s.scanRows(ctx, func(r *sql.Rows) error {
		var c core.ViewCount
		if err := r.Scan(&c.AccountID, &c.Kind, &c.State, &c.Total, &c.Unseen); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	}, `SELECT account_id, kind, state, total, unseen FROM item_counts WHERE total > 0`)
	if err != nil {
		return nil, fmt.Errorf("store: view counts: %w", err)
	}
	return out, nil
}

// LastItemID returns the id of the newest item written (0: none): items
// with a greater id were written after the call.
func (s *Store) LastItemID(ctx context.Context) (int64, error) {
	var id int64
	if err := s.r.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM items").Scan(&id); err != nil {
		return 0, fmt.Errorf("store: last item id: %w", dbErr(err))
	}
	return id, nil
}
