package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hearthhq/hearth/core"
)

// itemWriter upserts items inside one write transaction and remembers the
// threads it touched, whose subject and last time are refreshed at the end.
type itemWriter struct {
	st         *stmts
	accountID  int64
	now        time.Time
	touched    map[int64]bool
	identities map[string]int64  // kind+address -> id, within this transaction
	kind       core.IdentityKind // of the account's authors; see authorKind
	reported   map[int64]bool    // item ids already in the batch result
	existing   map[string]stored // remote id -> stored row, see preload
	index      ftsBuffer
}

func newItemWriter(ctx context.Context, tx *sql.Tx, accountID int64, now time.Time) *itemWriter {
	return &itemWriter{
		st: newStmts(ctx, tx), accountID: accountID, now: now,
		touched: map[int64]bool{}, reported: map[int64]bool{}, identities: map[string]int64{}, existing: map[string]stored{},
		index: ftsBuffer{rows: map[int64]ftsRow{}},
	}
}

// finish completes the transaction's item writes: thread summaries, then
// the full-text index.
func (w *itemWriter) finish() error {
	if err := w.index.flush(w.st); err != nil {
		return err
	}
	if err := w.purgeDeleted(); err != nil {
		return err
	}
	return w.refreshThreads()
}

// purgeDeleted removes the account's items deleted on their channel when
// the person chose not to keep them (core.SettingDeletedItems).
func (w *itemWriter) purgeDeleted() error {
	var mode string
	err := w.st.queryRow("SELECT value FROM settings WHERE key = ?", core.SettingDeletedItems).Scan(&mode)
	if errors.Is(err, sql.ErrNoRows) || mode != core.DeletedRemove {
		return nil
	}
	if err != nil {
		return err
	}
	threads, err := purge(w.st.query, "WHERE account_id = ? AND deleted = 1", w.accountID)
	for _, t := range threads {
		w.touched[t] = true
	}
	return err
}

func (w *itemWriter) close() { w.st.close() }

// stored is what an upsert needs to know of the row already there.
type stored struct {
	id, threadID, ftsKey, created int64
	subject, text, author         string
	hash                          string // content hash; "" when not given
}

// upsert inserts it, or refreshes the content and location of the item with
// the same remote id. It reports the item's id and whether it was new.
func (w *itemWriter) upsert(it core.Item, outgoing bool) (int64, bool, error) {
	if it.ContentHash != "" {
		var err error
		if it.RemoteID, err = w.variantID(it); err != nil {
			return 0, false, err
		}
	}
	old, found := w.existing[it.RemoteID]
	if found && it.CreatedAt.IsZero() {
		it.CreatedAt = fromMS(old.created) // an undated item keeps the date it was first given
	}
	it, err := normalize(it, w.now)
	if err != nil {
		return 0, false, err
	}
	identity, err := w.identity(it, outgoing)
	if err != nil {
		return 0, false, err
	}
	if !found {
		id, err := w.insert(it, identity, outgoing)
		return id, true, err
	}
	return old.id, false, w.update(old, it, identity, outgoing)
}

// normalize checks what the schema requires and fills what can be derived.
func normalize(it core.Item, now time.Time) (core.Item, error) {
	if it.RemoteID == "" {
		return it, fmt.Errorf("the item has no remote id")
	}
	if it.Kind == "" {
		return it, fmt.Errorf("the item has no kind")
	}
	if it.State == "" {
		it.State = core.StateNew
	}
	if _, err := core.ParseState(string(it.State)); err != nil {
		return it, err
	}
	if it.State != core.StateSnoozed {
		it.SnoozeUntil = time.Time{}
	}
	if it.CreatedAt.IsZero() {
		it.CreatedAt = now // an undated item is dated when it arrived
	}
	if it.Snippet == "" {
		it.Snippet = core.Snippet(it.Text)
	}
	return it, nil
}

// preload reads the stored rows of the items about to be written in one
// query: one statement per item costs more than the write itself.
func (w *itemWriter) preload(items []core.Item) error {
	ids := make([]string, 0, len(items))
	for _, it := range items {
		ids = append(ids, it.RemoteID)
	}
	return w.lookup(ids)
}

// lookup reads the stored rows of remote ids into w.existing.
func (w *itemWriter) lookup(ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := w.st.query(`SELECT remote_id, id, thread_id, fts_key, created_at, subject, text,
		author_name || ' ' || author_address, content_hash FROM items
		WHERE account_id = ? AND remote_id IN (SELECT value FROM json_each(?))`, w.accountID, jsonList(ids))
	if err != nil {
		return fmt.Errorf("lookup: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			remoteID string
			s        stored
		)
		if err := rows.Scan(&remoteID, &s.id, &s.threadID, &s.ftsKey, &s.created, &s.subject, &s.text, &s.author, &s.hash); err != nil {
			return fmt.Errorf("lookup: %w", err)
		}
		w.existing[remoteID] = s
	}
	return rows.Err()
}

func (w *itemWriter) insert(it core.Item, identity any, outgoing bool) (int64, error) {
	threadID, err := w.resolveThread(it)
	if err != nil {
		return 0, fmt.Errorf("thread: %w", err)
	}
	key, err := w.nextFTSKey(ms(it.CreatedAt))
	if err != nil {
		return 0, err
	}
	var id int64
	err = w.st.queryRow(`INSERT INTO items (account_id, thread_id, kind, remote_id, state, seen,
		outgoing, deleted, vip, created_at, snooze_until, fts_key, author_identity_id, author_name,
		author_address, author_handle, subject, snippet, location, stats, recipients, attachments,
		problems, text, content_hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		w.accountID, threadID, it.Kind, it.RemoteID, it.State, it.Seen, outgoing || it.Outgoing,
		it.Deleted, it.VIP, ms(it.CreatedAt), nullMS(it.SnoozeUntil), key, identity, it.Author.Name,
		it.Author.Address, it.Author.Handle, it.Subject, it.Snippet, it.Location, statsJSON(it.Stats),
		jsonList(it.To), jsonList(it.Attachments), jsonList(it.Problems), it.Text, it.ContentHash).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert: %w", dbErr(err))
	}
	w.touched[threadID] = true
	w.existing[it.RemoteID] = stored{id: id, threadID: threadID, ftsKey: key, created: ms(it.CreatedAt),
		subject: it.Subject, text: it.Text, author: authorText(it.Author), hash: it.ContentHash}
	if err := w.sighted(id, it, false); err != nil {
		return 0, err
	}
	return id, w.writeExtras(id, key, it, false, true)
}

func (w *itemWriter) update(old stored, it core.Item, identity any, outgoing bool) error {
	key := old.ftsKey
	if created := ms(it.CreatedAt); created != old.created {
		var err error
		if key, err = w.nextFTSKey(created); err != nil {
			return err
		}
	}
	if err := w.keepPaths(old.id, it.Attachments); err != nil {
		return err
	}
	// A re-sync may come from a source that lacks reactions or handles (a
	// long-poll event): those keep what is known. Deleted only ever turns
	// on here; a restore arrives as Batch.Removed.
	_, err := w.st.exec(`UPDATE items SET kind = ?, location = ?, subject = ?, author_identity_id = ?,
		author_name = ?, author_address = ?, author_handle = COALESCE(NULLIF(?, ''), author_handle),
		recipients = ?, text = ?, snippet = ?, created_at = ?, attachments = ?, problems = ?,
		fts_key = ?, outgoing = (outgoing OR ?), stats = COALESCE(?, stats), vip = ?,
		deleted = (deleted OR ?), content_hash = COALESCE(NULLIF(?, ''), content_hash) WHERE id = ?`,
		it.Kind, it.Location, it.Subject, identity, it.Author.Name, it.Author.Address, it.Author.Handle,
		jsonList(it.To), it.Text, it.Snippet, ms(it.CreatedAt), jsonList(it.Attachments),
		jsonList(it.Problems), key, outgoing || it.Outgoing, statsJSON(it.Stats), it.VIP, it.Deleted,
		it.ContentHash, old.id)
	if err != nil {
		return fmt.Errorf("update %d: %w", old.id, dbErr(err))
	}
	w.touched[old.threadID] = true
	reindex := key != old.ftsKey || old.subject != it.Subject || old.text != it.Text ||
		old.author != authorText(it.Author)
	if reindex {
		w.index.remove(old.ftsKey)
	}
	w.existing[it.RemoteID] = stored{id: old.id, threadID: old.threadID, ftsKey: key, created: ms(it.CreatedAt),
		subject: it.Subject, text: it.Text, author: authorText(it.Author), hash: cmp.Or(it.ContentHash, old.hash)}
	if err := w.sighted(old.id, it, true); err != nil {
		return err
	}
	return w.writeExtras(old.id, key, it, !reindex, false)
}

// keepPaths gives the remote pictures of a re-synced item the local file
// each was sent from (a reply we sent with a photo, recorded with its
// paths when it went out), which the channel cannot know: the thread
// keeps showing our picture from the disk.
func (w *itemWriter) keepPaths(id int64, atts []core.Attachment) error {
	if !slices.ContainsFunc(atts, func(a core.Attachment) bool { return a.Remote() && a.Path == "" }) {
		return nil
	}
	var raw sql.NullString
	if err := w.st.queryRow("SELECT attachments FROM items WHERE id = ?", id).Scan(&raw); err != nil {
		return fmt.Errorf("attachments %d: %w", id, dbErr(err))
	}
	var old []core.Attachment
	if !raw.Valid || json.Unmarshal([]byte(raw.String), &old) != nil {
		return nil // nothing to keep
	}
	for i := range min(len(old), len(atts)) {
		if atts[i].Path == "" && old[i].Path != "" && atts[i].IsPicture() {
			atts[i].Path = old[i].Path
		}
	}
	return nil
}

// writeExtras writes what lives beside the item row: refs, the full-text
// index entry (unless it is unchanged), a new item's tags (those an ingest
// step such as a keyword watch gave it) and the raw source when given.
func (w *itemWriter) writeExtras(id, key int64, it core.Item, indexed, isNew bool) error {
	if err := w.writeRefs(id, it.ThreadRefs, isNew); err != nil {
		return err
	}
	if !indexed {
		w.index.add(key, it)
	}
	if err := w.writeTone(id, it.Tone); err != nil {
		return err
	}
	if isNew && len(it.Tags) > 0 {
		if err := w.writeTags(id, it.Tags); err != nil {
			return err
		}
	}
	if it.Raw != nil {
		_, err := w.st.exec(`INSERT INTO item_raw (item_id, raw) VALUES (?, ?)
			ON CONFLICT (item_id) DO UPDATE SET raw = excluded.raw`, id, it.Raw)
		if err != nil {
			return fmt.Errorf("raw %d: %w", id, err)
		}
	}
	return nil
}

// writeTags tags a new item; an existing item keeps its tags, which a
// person may have changed.
func (w *itemWriter) writeTags(id int64, tags []string) error {
	list := jsonList(tags)
	if _, err := w.st.exec(`INSERT INTO tags (name) SELECT trim(value) FROM json_each(?)
		WHERE trim(value) <> '' ON CONFLICT (name) DO NOTHING`, list); err != nil {
		return fmt.Errorf("tags %d: %w", id, err)
	}
	_, err := w.st.exec(`INSERT OR IGNORE INTO item_tags (item_id, tag_id)
		SELECT ?, id FROM tags WHERE name IN (SELECT trim(value) FROM json_each(?))`, id, list)
	if err != nil {
		return fmt.Errorf("tags %d: %w", id, err)
	}
	return nil
}

func authorText(p core.Person) string { return p.Name + " " + p.Address }

func (w *itemWriter) writeRefs(id int64, refs []string, isNew bool) error {
	if !isNew {
		if _, err := w.st.exec("DELETE FROM item_refs WHERE item_id = ?", id); err != nil {
			return fmt.Errorf("refs %d: %w", id, err)
		}
	}
	if len(refs) == 0 {
		return nil
	}
	_, err := w.st.exec(`INSERT INTO item_refs (item_id, pos, account_id, ref)
		SELECT ?, key, ?, value FROM json_each(?)`, id, w.accountID, jsonList(refs))
	if err != nil {
		return fmt.Errorf("refs %d: %w", id, err)
	}
	return nil
}

// The full-text rowid of an item is its creation time in milliseconds
// shifted left by seqBits, plus a sequence number among items created in
// the same millisecond: ordering hits by rowid orders them by time.
const (
	seqBits = 20
	seqMask = 1<<seqBits - 1
	maxMS   = 1<<(63-seqBits) - 1 // the year 2248
)

func (w *itemWriter) nextFTSKey(createdMS int64) (int64, error) {
	base := min(max(createdMS, 0), maxMS) << seqBits
	var top sql.NullInt64
	err := w.st.queryRow("SELECT MAX(fts_key) FROM items WHERE fts_key BETWEEN ? AND ?",
		base, base|seqMask).Scan(&top)
	switch {
	case err != nil:
		return 0, fmt.Errorf("index key: %w", err)
	case !top.Valid:
		return base, nil
	case top.Int64 == base|seqMask:
		return 0, fmt.Errorf("index key: more than %d items in one millisecond", seqMask+1)
	}
	return top.Int64 + 1, nil
}

// ftsBound is the smallest full-text key of items created at t: every key
// below it belongs to an older item.
func ftsBound(t time.Time) int64 {
	return min(max(ms(t), 0), maxMS) << seqBits
}

// statsJSON encodes reaction counts, or NULL when there are none.
func statsJSON(st core.ItemStats) any {
	if st == (core.ItemStats{}) {
		return nil
	}
	b, err := json.Marshal(st)
	if err != nil {
		return nil // a struct of ints always encodes
	}
	return string(b)
}

// jsonList encodes a non-empty slice as JSON and an empty one as NULL.
func jsonList[T any](v []T) any {
	if len(v) == 0 {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil // slices of plain structs and strings always encode
	}
	return string(b)
}
