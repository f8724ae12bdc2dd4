package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/hearthhq/hearth/core"
)

// resolveThread finds the thread a new item joins: the thread of a stored
// ancestor, else of a stored item that names this one as its ancestor (a
// parent arriving after its children), else the thread keyed by its root or
// its own remote id. If several threads qualify, the item proves they are
// one conversation and they are merged. Else it starts a new thread.
func (w *itemWriter) resolveThread(it core.Item) (int64, error) {
	ids, err := w.candidateThreads(it)
	if err != nil {
		return 0, err
	}
	switch len(ids) {
	case 0:
		return w.newThread(threadKey(it))
	case 1:
		return ids[0], nil
	}
	return w.mergeThreads(ids)
}

// threadKey names a new thread after its root, which may not be stored yet.
func threadKey(it core.Item) string {
	if len(it.ThreadRefs) > 0 {
		return it.ThreadRefs[0]
	}
	return it.RemoteID
}

func (w *itemWriter) candidateThreads(it core.Item) ([]int64, error) {
	rows, err := w.st.query(`
		SELECT thread_id FROM items WHERE account_id = ?1 AND remote_id IN (SELECT value FROM json_each(?2))
		UNION
		SELECT i.thread_id FROM item_refs r JOIN items i ON i.id = r.item_id
		WHERE r.account_id = ?1 AND r.ref = ?3
		UNION
		SELECT id FROM threads WHERE account_id = ?1 AND key IN (?3, ?4)
		ORDER BY 1`,
		w.accountID, jsonList(it.ThreadRefs), it.RemoteID, threadKey(it))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func (w *itemWriter) newThread(key string) (int64, error) {
	var id int64
	err := w.st.queryRow("INSERT INTO threads (account_id, key) VALUES (?, ?) RETURNING id",
		w.accountID, key).Scan(&id)
	if err != nil {
		return 0, dbErr(err)
	}
	return id, nil
}

// mergeThreads moves every item into the oldest of the threads (ids is
// sorted) and deletes the others.
func (w *itemWriter) mergeThreads(ids []int64) (int64, error) {
	into, others := ids[0], jsonList(ids[1:])
	if _, err := w.st.exec(`UPDATE items SET thread_id = ?
		WHERE thread_id IN (SELECT value FROM json_each(?))`, into, others); err != nil {
		return 0, fmt.Errorf("merge into %d: %w", into, err)
	}
	if _, err := w.st.exec("DELETE FROM threads WHERE id IN (SELECT value FROM json_each(?))", others); err != nil {
		return 0, fmt.Errorf("merge into %d: %w", into, err)
	}
	for _, id := range ids[1:] {
		delete(w.touched, id)
	}
	for remoteID, st := range w.existing {
		if slices.Contains(ids[1:], st.threadID) {
			st.threadID = into
			w.existing[remoteID] = st
		}
	}
	w.touched[into] = true
	return into, nil
}

// refreshThreads sets the subject and last time of the touched threads.
func (w *itemWriter) refreshThreads() error {
	ids := make([]int64, 0, len(w.touched))
	for id := range w.touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err := w.refreshThread(id); err != nil {
			return fmt.Errorf("thread %d: %w", id, err)
		}
	}
	return nil
}

// refreshThread names a thread after its root item (the one its key names),
// else its oldest item.
func (w *itemWriter) refreshThread(id int64) error {
	var subject string
	err := w.st.queryRow(`SELECT i.subject FROM threads t
		JOIN items i ON i.account_id = t.account_id AND i.remote_id = t.key WHERE t.id = ?`, id).Scan(&subject)
	if errors.Is(err, sql.ErrNoRows) {
		err = w.st.queryRow(`SELECT subject FROM items WHERE thread_id = ?
			ORDER BY created_at, id LIMIT 1`, id).Scan(&subject)
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = w.st.exec(`UPDATE threads SET subject = ?2,
		last_at = (SELECT COALESCE(MAX(created_at), 0) FROM items WHERE thread_id = ?1),
		size = (SELECT count(*) FROM items WHERE thread_id = ?1),
		participants = (SELECT json_group_array(author_name) FROM (
			SELECT author_name FROM items WHERE thread_id = ?1 AND outgoing = 0 AND author_name <> ''
			GROUP BY author_name ORDER BY min(created_at) LIMIT 3))
		WHERE id = ?1`,
		id, stripSubject(subject))
	if err != nil {
		return err
	}
	// The face is the latest message from someone else, one not deleted
	// remotely when there is one: the conversation's row and state.
	var face int64 // 0: none, a thread of our own messages only
	err = w.st.queryRow(`SELECT id FROM items WHERE thread_id = ? AND outgoing = 0
		ORDER BY deleted, created_at DESC, id DESC LIMIT 1`, id).Scan(&face)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = w.st.exec("UPDATE items SET face = (id = ?2) WHERE thread_id = ?1 AND face <> (id = ?2)", id, face)
	return err
}

// replyPrefix matches one reply or forward marker as mail clients write
// them in English, German, Scandinavian, French and Russian, with an
// optional counter: "Re:", "RE[2]:", "Fwd:", "AW:", "TR:", "Отв:".
var replyPrefix = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^\s*(re|fwd?|aw|wg|sv|vs|tr|antw|ответ|отв|пересл)\s*(\[\d+\]|\(\d+\))?\s*:\s*`)
})

// stripSubject removes leading reply and forward markers from a subject:
// "Re: Fwd: RE: Meetup" becomes "Meetup".
func stripSubject(s string) string {
	for {
		loc := replyPrefix().FindStringIndex(s)
		if loc == nil {
			return strings.TrimSpace(s)
		}
		s = s[loc[1]:]
	}
}

// Thread returns a conversation with its items oldest first, with text.
func (s *Store) Thread(ctx context.Context, threadID int64) (core.Thread, error) {
	t := core.Thread{ID: threadID}
	err := s.r.QueryRowContext(ctx, "SELECT account_id, subject FROM threads WHERE id = ?", threadID).
		Scan(&t.AccountID, &t.Subject)
	if err != nil {
		return t, fmt.Errorf("store: thread %d: %w", threadID, dbErr(err))
	}
	t.Items, err = s.queryItemsNoRefs(ctx, true, "SELECT "+itemColsFull+` FROM items i
		JOIN accounts a ON a.id = i.account_id WHERE i.thread_id = ? ORDER BY i.created_at, i.id`, threadID)
	if err == nil {
		// A conversation nests VK and X replies under what they answer, by
		// their refs; e-mail reads as a timeline, and its References chains
		// (tens of ids per message) would make a long thread slow to open.
		// Item gives an e-mail's refs when a reply needs them.
		err = s.withRefs(ctx, t.Items, func(it core.Item) bool { return it.Kind != core.ItemEmail })
	}
	if err != nil {
		return t, fmt.Errorf("store: thread %d: %w", threadID, err)
	}
	return t, nil
}

// ThreadBrief lists a conversation's messages without their text or refs:
// what triage needs to mark them read or move them.
func (s *Store) ThreadBrief(ctx context.Context, threadID int64) ([]core.Item, error) {
	items, err := s.queryItemsNoRefs(ctx, false, "SELECT "+itemCols+` FROM items i
		JOIN accounts a ON a.id = i.account_id WHERE i.thread_id = ? ORDER BY i.created_at, i.id`, threadID)
	if err != nil {
		return nil, fmt.Errorf("store: thread %d: %w", threadID, err)
	}
	return items, nil
}
