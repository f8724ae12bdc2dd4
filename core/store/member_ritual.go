package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// WelcomeQueue walks the members who joined (or, with no join known, were
// first seen) between from and now, the earliest first, and returns up to
// limit of those due says are due a welcome (core/members holds the
// rule). due is given each as a core.WelcomeCandidate: their last welcome,
// the first thing they wrote, whether a conversation they alone wrote in
// is in spam (state belongs to a conversation: a spam thread others wrote
// in too does not make each of them a spammer), and whether a ban holds at
// now for one of their identities.
func (s *Store) WelcomeQueue(ctx context.Context, from, now time.Time,
	due func(c core.WelcomeCandidate) bool, limit int) ([]core.Member, error) {
	q := "SELECT " + memberCols + `,
		(SELECT max(r.at) FROM member_rituals r WHERE r.member_id = m.id AND r.ritual = 'welcome'),
		(SELECT i.subject || char(10) || i.text FROM member_identities mi
			JOIN items i ON i.author_identity_id = mi.identity_id
			WHERE mi.member_id = m.id AND i.outgoing = 0 ORDER BY i.created_at, i.id LIMIT 1),
		EXISTS (SELECT 1 FROM member_identities mi JOIN items i ON i.author_identity_id = mi.identity_id
			WHERE mi.member_id = m.id AND i.state = 'spam' AND NOT EXISTS (SELECT 1 FROM items o
				WHERE o.thread_id = i.thread_id AND o.outgoing = 0
				AND o.author_identity_id IS NOT i.author_identity_id)),
		EXISTS (SELECT 1 FROM member_identities mi JOIN identities d ON d.id = mi.identity_id
			WHERE mi.member_id = m.id AND d.banned_until > ?2)
		FROM members m
		WHERE COALESCE(m.joined_at, m.first_seen) BETWEEN ?1 AND ?2
		ORDER BY COALESCE(m.joined_at, m.first_seen), m.id`
	st, err := s.reads.get(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("store: welcome queue: %w", err)
	}
	rows, err := st.QueryContext(ctx, ms(from), ms(now))
	if err != nil {
		return nil, fmt.Errorf("store: welcome queue: %w", err)
	}
	defer rows.Close()
	var list []core.Member
	for len(list) < limit && rows.Next() {
		var (
			c     core.WelcomeCandidate
			at    sql.NullInt64
			first sql.NullString
		)
		if c.Member, err = scanMember(rows, &at, &first, &c.Spam, &c.Banned); err != nil {
			return nil, fmt.Errorf("store: welcome queue: %w", err)
		}
		c.LastWelcome, c.FirstText = fromNullMS(at), strings.TrimSpace(first.String)
		if due(c) {
			list = append(list, c.Member)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: welcome queue: %w", err)
	}
	rows.Close()
	if err := s.fillMemberTags(ctx, list); err != nil {
		return nil, fmt.Errorf("store: welcome queue: %w", err)
	}
	return list, nil
}

// CheckInList walks the members known since before quietSince who have
// not written since, the most recently active first (the likeliest to
// answer), and returns up to limit of those due says are due a check-in
// (core/members holds the rule); due is given each with their last
// check-in, zero for none.
func (s *Store) CheckInList(ctx context.Context, quietSince time.Time,
	due func(m core.Member, lastCheckIn time.Time) bool, limit int) ([]core.Member, error) {
	q := "SELECT " + memberCols + `, (SELECT max(r.at) FROM member_rituals r WHERE r.member_id = m.id
			AND r.ritual = 'checkin') FROM members m
		WHERE m.first_seen < ?1 AND COALESCE(m.last_seen, 0) < ?1
		ORDER BY m.last_seen DESC, m.loyalty DESC, m.id`
	list, err := s.walkMembers(ctx, due, limit, q, ms(quietSince))
	if err != nil {
		return nil, fmt.Errorf("store: check-in list: %w", err)
	}
	return list, nil
}

// walkMembers reads the rows of q (memberCols, then a time that may be
// NULL) in order and keeps those keep accepts, until it has limit.
func (s *Store) walkMembers(ctx context.Context, keep func(core.Member, time.Time) bool, limit int,
	q string, args ...any) ([]core.Member, error) {
	st, err := s.reads.get(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []core.Member
	for len(list) < limit && rows.Next() {
		var at sql.NullInt64
		m, err := scanMember(rows, &at)
		if err != nil {
			return nil, err
		}
		if keep(m, fromNullMS(at)) {
			list = append(list, m)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return list, s.fillMemberTags(ctx, list)
}

// MarkRitual records that a ritual was done for members at a time.
func (s *Store) MarkRitual(ctx context.Context, memberIDs []int64, r core.Ritual, at time.Time) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range memberIDs {
			_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO member_rituals (member_id, ritual, at)
				VALUES (?, ?, ?)`, id, string(r), ms(at))
			if err != nil {
				return fmt.Errorf("member %d: %w", id, dbErr(err))
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: mark %s: %w", r, err)
	}
	return nil
}

// RitualsDone returns the rituals done for a member, newest first.
func (s *Store) RitualsDone(ctx context.Context, memberID int64) ([]core.RitualDone, error) {
	var out []core.RitualDone
	err := s.scanRows(ctx, func(r *sql.Rows) error {
		var (
			d  core.RitualDone
			at int64
		)
		if err := r.Scan(&d.MemberID, &d.Ritual, &at); err != nil {
			return err
		}
		d.At = fromMS(at)
		out = append(out, d)
		return nil
	}, "SELECT member_id, ritual, at FROM member_rituals WHERE member_id = ? ORDER BY at DESC", memberID)
	if err != nil {
		return nil, fmt.Errorf("store: member %d: rituals: %w", memberID, err)
	}
	return out, nil
}

// expertWindow bounds the full-text hits read per topic: newest first, so
// the count favours what people wrote lately and costs the same at 1M items.
const expertWindow = 2000

// ExpertEvidence gathers, per member, the evidence that they know about a
// topic: expertise and interests starting with it, and what they wrote on
// it lately: answers to someone else's question in a thread, and, by the
// tone rate gives the text (negative -1), complaints. Questions and news
// on the topic are no evidence of knowing it.
func (s *Store) ExpertEvidence(ctx context.Context, topic string, rate func(text string) int) (map[int64]*core.ExpertEvidence, error) {
	topic = strings.TrimSpace(topic)
	out := map[int64]*core.ExpertEvidence{}
	if topic == "" {
		return out, nil
	}
	get := func(id int64) *core.ExpertEvidence {
		if out[id] == nil {
			out[id] = &core.ExpertEvidence{MemberID: id}
		}
		return out[id]
	}
	prefix := escapeLike(topic) + "%"
	err := s.scanRows(ctx, func(r *sql.Rows) error {
		var id int64
		var level int
		err := r.Scan(&id, &level)
		get(id).Level = max(get(id).Level, level)
		return err
	}, `SELECT member_id, level FROM member_expertise WHERE topic LIKE ? ESCAPE '\'`, prefix)
	if err == nil {
		err = s.scanRows(ctx, func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			get(id).Interest = true
			return err
		}, `SELECT member_id FROM member_interests WHERE topic LIKE ? ESCAPE '\'`, prefix)
	}
	if err == nil {
		err = s.topicItems(ctx, topic, rate, get)
	}
	if err != nil {
		return nil, fmt.Errorf("store: experts on %q: %w", topic, err)
	}
	return out, nil
}

// topicItems reads the recent items matching topic by their authors'
// members: negative ones are complaints, the others count when they answer
// a question someone else asked earlier in their thread.
func (s *Store) topicItems(ctx context.Context, topic string, rate func(string) int, get func(int64) *core.ExpertEvidence) error {
	match, err := s.matchExpr(ctx, topic)
	if err != nil || match == "" {
		return err
	}
	return s.scanRows(ctx, func(r *sql.Rows) error {
		var (
			id         int64
			subj, text string
			answers    bool
		)
		if err := r.Scan(&id, &subj, &text, &answers); err != nil {
			return err
		}
		switch {
		case rate(subj+"\n"+text) < 0:
			get(id).Complaints++
		case answers:
			get(id).Answers++
		}
		return nil
	}, `SELECT mi.member_id, i.subject, i.text, EXISTS (SELECT 1 FROM items q
			WHERE q.thread_id = i.thread_id AND q.created_at < i.created_at
			AND q.author_identity_id IS NOT i.author_identity_id
			AND instr(q.subject || ' ' || q.text, '?') > 0)
		FROM (SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f
		JOIN items i ON i.fts_key = f.rowid
		JOIN member_identities mi ON mi.identity_id = i.author_identity_id
		WHERE i.outgoing = 0`, match, expertWindow)
}
