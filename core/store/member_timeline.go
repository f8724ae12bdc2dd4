package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// MemberTimeline returns a page of what a member wrote on any channel and
// what we sent them, newest first: entries strictly older than before (or
// as old with a smaller id); a zero before starts at the newest.
func (s *Store) MemberTimeline(ctx context.Context, memberID int64, before time.Time, beforeID int64, limit int) ([]core.TimelineEntry, error) {
	if limit <= 0 {
		limit = 100
	}
	bound := int64(1<<63 - 1)
	if !before.IsZero() {
		bound = ms(before)
	}
	// The page is chosen on the covering indexes alone (item ids and
	// times), then only its rows are read: reading all 5k rows first and
	// sorting them costs ten times more. The bound is a row value, which
	// SQLite seeks to; the same bound spelt with OR made it skip-scan.
	q := `WITH page(id, at, outgoing) AS (
		SELECT i.id, i.created_at, 0 FROM items i
		WHERE i.author_identity_id IN (SELECT identity_id FROM member_identities WHERE member_id = ?1)
		AND (i.created_at, i.id) < (?2, ?3)
		UNION
		SELECT r.item_id, r.at, 1 FROM item_recipients r
		WHERE r.identity_id IN (SELECT identity_id FROM member_identities WHERE member_id = ?1)
		AND (r.at, r.item_id) < (?2, ?3)
		ORDER BY 2 DESC, 1 DESC LIMIT ?4)
	SELECT i.id, i.kind, a.name, p.outgoing, i.subject, i.snippet, i.created_at
	FROM page p JOIN items i ON i.id = p.id JOIN accounts a ON a.id = i.account_id
	ORDER BY p.at DESC, p.id DESC`
	if beforeID == 0 {
		beforeID = 1<<63 - 1
	}
	out := make([]core.TimelineEntry, 0, min(limit, 1024))
	// Kinds and account names repeat on every row: one string each.
	names := interner{}
	err := s.scanRows(ctx, func(r *sql.Rows) error {
		var (
			e             core.TimelineEntry
			kind, account sql.RawBytes
			at            int64
		)
		if err := r.Scan(&e.ItemID, &kind, &account, &e.Outgoing, &e.Subject, &e.Snippet, &at); err != nil {
			return err
		}
		e.Kind, e.Account, e.At = core.ItemKind(names.get(kind)), names.get(account), fromMS(at)
		out = append(out, e)
		return nil
	}, q, memberID, bound, beforeID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: member %d: timeline: %w", memberID, err)
	}
	return out, nil
}

// interner hands out one string per distinct text.
type interner map[string]string

func (in interner) get(b []byte) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

// MemberItems returns every item a member wrote, with its text, oldest
// first: their whole file for an export.
func (s *Store) MemberItems(ctx context.Context, memberID int64) ([]core.Item, error) {
	items, err := s.queryItems(ctx, true, "SELECT "+itemColsFull+` FROM member_identities mi
		JOIN items i ON i.author_identity_id = mi.identity_id JOIN accounts a ON a.id = i.account_id
		WHERE mi.member_id = ? ORDER BY i.created_at, i.id`, memberID)
	if err != nil {
		return nil, fmt.Errorf("store: member %d: items: %w", memberID, err)
	}
	return items, nil
}

// MemberMeetups returns the meetups a member attended, newest first.
func (s *Store) MemberMeetups(ctx context.Context, memberID int64) ([]core.MeetupAttended, error) {
	var out []core.MeetupAttended
	err := s.scanRows(ctx, func(r *sql.Rows) error {
		var (
			m  core.MeetupAttended
			at int64
		)
		if err := r.Scan(&m.ID, &m.Title, &at); err != nil {
			return err
		}
		m.At = fromMS(at)
		out = append(out, m)
		return nil
	}, `SELECT m.id, m.title, m.start_at FROM meetups m WHERE m.attendees IS NOT NULL
		AND EXISTS (SELECT 1 FROM json_each(m.attendees) a WHERE a.value ->> 'member_id' = ?)
		ORDER BY m.start_at DESC`, memberID)
	if err != nil {
		return nil, fmt.Errorf("store: member %d: meetups: %w", memberID, err)
	}
	return out, nil
}

// AuthorCounts counts what the author of an item wrote, under all their
// identities when they have a member file: every inbound message, and how
// many of them are in spam.
func (s *Store) AuthorCounts(ctx context.Context, itemID int64) (total, spam int, err error) {
	err = s.r.QueryRowContext(ctx, `WITH me AS (SELECT author_identity_id AS ident FROM items WHERE id = ?1),
		ids AS (SELECT ident FROM me WHERE ident IS NOT NULL
			UNION SELECT mi.identity_id FROM member_identities mi
			WHERE mi.member_id = (SELECT member_id FROM member_identities WHERE identity_id = (SELECT ident FROM me)))
		SELECT count(*), COALESCE(SUM(state = 'spam'), 0) FROM items
		WHERE author_identity_id IN (SELECT ident FROM ids) AND outgoing = 0`, itemID).Scan(&total, &spam)
	if err != nil {
		return 0, 0, fmt.Errorf("store: item %d: author counts: %w", itemID, dbErr(err))
	}
	return total, spam, nil
}
