package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// MergeMembers moves everything of member from into member into: its
// identities, tags, notes, interests, expertise (the higher level wins)
// and rituals. into's profile fields and seen times become what fields
// makes of the two files (core/members holds that rule). from is deleted.
func (s *Store) MergeMembers(ctx context.Context, into, from int64, fields func(into, from core.Member) core.Member) error {
	if into == from {
		return fmt.Errorf("store: merge member %d into itself", into)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return mergeInTx(ctx, tx, into, from, fields)
	})
	if err != nil {
		return fmt.Errorf("store: merge member %d into %d: %w", from, into, err)
	}
	return nil
}

func mergeInTx(ctx context.Context, tx *sql.Tx, into, from int64, fields func(into, from core.Member) core.Member) error {
	a, err := memberInTx(ctx, tx, into)
	if err != nil {
		return err
	}
	b, err := memberInTx(ctx, tx, from)
	if err != nil {
		return err
	}
	m := fields(a, b)
	_, err = tx.ExecContext(ctx, `UPDATE members SET name = ?, photo_url = ?, location = ?, language = ?, bio = ?,
		first_seen = ?, last_seen = ?, last_contacted = ? WHERE id = ?`,
		m.Name, m.PhotoURL, m.Location, m.Language, m.Bio, ms(m.FirstSeen), nullMS(m.LastSeen),
		nullMS(m.LastContacted), into)
	if err != nil {
		return err
	}
	steps := []string{
		"UPDATE member_identities SET member_id = ?1 WHERE member_id = ?2",
		"INSERT OR IGNORE INTO member_tags (member_id, tag_id) SELECT ?1, tag_id FROM member_tags WHERE member_id = ?2",
		"UPDATE member_notes SET member_id = ?1 WHERE member_id = ?2",
		"INSERT OR IGNORE INTO member_interests (member_id, topic) SELECT ?1, topic FROM member_interests WHERE member_id = ?2",
		`INSERT INTO member_expertise (member_id, topic, level) SELECT ?1, topic, level FROM member_expertise
			WHERE member_id = ?2 AND true -- WHERE makes the upsert parse unambiguously
			ON CONFLICT (member_id, topic) DO UPDATE SET level = max(level, excluded.level)`,
		"INSERT OR IGNORE INTO member_rituals (member_id, ritual, at) SELECT ?1, ritual, at FROM member_rituals WHERE member_id = ?2",
		"DELETE FROM members WHERE id = ?2",
	}
	for _, q := range steps {
		if _, err := tx.ExecContext(ctx, q, into, from); err != nil {
			return err
		}
	}
	return deriveMember(ctx, tx, into)
}

// memberInTx reads a member's row (without tags) in a write transaction.
func memberInTx(ctx context.Context, tx *sql.Tx, id int64) (core.Member, error) {
	m, err := scanMember(tx.QueryRowContext(ctx, "SELECT "+memberCols+" FROM members m WHERE m.id = ?", id))
	if err != nil {
		return m, fmt.Errorf("member %d: %w", id, dbErr(err))
	}
	return m, nil
}

// SplitIdentity takes an identity out of its member's file into a new
// member of its own, and records that it is not the same person as the
// identities left behind, so no suggestion proposes them again. It
// returns the new member's id.
func (s *Store) SplitIdentity(ctx context.Context, identityID int64, now time.Time) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = splitInTx(ctx, tx, identityID, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: split identity %d: %w", identityID, err)
	}
	return id, nil
}

func splitInTx(ctx context.Context, tx *sql.Tx, identityID int64, now time.Time) (int64, error) {
	var old, n int64
	err := tx.QueryRowContext(ctx, `SELECT member_id, (SELECT count(*) FROM member_identities x
		WHERE x.member_id = mi.member_id) FROM member_identities mi WHERE identity_id = ?`, identityID).Scan(&old, &n)
	if err != nil {
		return 0, dbErr(err)
	}
	if n < 2 {
		return 0, errors.New("the identity is already alone in its member's file")
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO members (name, photo_url, location, language, bio, first_seen, created_at)
		SELECT name, photo_url, location, language, bio, ?2, ?2 FROM identities WHERE id = ?1 RETURNING id`,
		identityID, ms(now)).Scan(&id)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE member_identities SET member_id = ? WHERE identity_id = ?", id, identityID); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO merge_decisions (identity_a, identity_b, accepted, at)
		SELECT min(?1, identity_id), max(?1, identity_id), 0, ?3 FROM member_identities WHERE member_id = ?2
		ON CONFLICT DO UPDATE SET accepted = 0, at = excluded.at`, identityID, old, ms(now)); err != nil {
		return 0, err
	}
	for _, m := range []int64{old, id} {
		if err := recountSeen(ctx, tx, m); err != nil {
			return 0, err
		}
		if err := deriveMember(ctx, tx, m); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// recountSeen recomputes a member's first and last seen and last contact
// from the items of their identities (after a split, which cannot be
// undone by arithmetic on the stored times).
func recountSeen(ctx context.Context, tx *sql.Tx, memberID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE members SET
		first_seen = min(created_at, COALESCE((SELECT min(i.created_at) FROM member_identities mi
			JOIN items i ON i.author_identity_id = mi.identity_id WHERE mi.member_id = ?1), created_at)),
		last_seen = (SELECT max(i.created_at) FROM member_identities mi
			JOIN items i ON i.author_identity_id = mi.identity_id WHERE mi.member_id = ?1),
		last_contacted = (SELECT max(r.at) FROM member_identities mi
			JOIN item_recipients r ON r.identity_id = mi.identity_id WHERE mi.member_id = ?1)
		WHERE id = ?1`, memberID)
	return err
}

// RecordMergeDecision keeps a person's answer to a suggestion about two
// identities.
func (s *Store) RecordMergeDecision(ctx context.Context, identityA, identityB int64, accepted bool, at time.Time) error {
	a, b := min(identityA, identityB), max(identityA, identityB)
	_, err := s.w.ExecContext(ctx, `INSERT INTO merge_decisions (identity_a, identity_b, accepted, at)
		VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET accepted = excluded.accepted, at = excluded.at`,
		a, b, accepted, ms(at))
	if err != nil {
		return fmt.Errorf("store: merge decision %d/%d: %w", a, b, dbErr(err))
	}
	return nil
}

// mergeRules find pairs of identities in different files that share a
// key. Each selects (identity, member, key) rows; pairs come from equal keys.
var mergeRules = []struct {
	reason core.MergeReason
	left   string
	right  string // empty: the left side paired with itself
}{
	{core.ReasonSameHandle, `SELECT i.id, mi.member_id, lower(i.handle) FROM identities i
		JOIN member_identities mi ON mi.identity_id = i.id WHERE i.handle <> ''`, ""},
	{core.ReasonHandleIsLocal, `SELECT i.id, mi.member_id, lower(substr(i.address, 1, instr(i.address, '@') - 1))
		FROM identities i JOIN member_identities mi ON mi.identity_id = i.id
		WHERE i.kind = 'email' AND instr(i.address, '@') > 1`,
		`SELECT i.id, mi.member_id, lower(i.handle) FROM identities i
		JOIN member_identities mi ON mi.identity_id = i.id WHERE i.handle <> '' AND i.kind <> 'email'`},
	{core.ReasonNameAndLocal, `SELECT i.id, mi.member_id,
		lower(trim(i.name)) || '|' || lower(substr(i.address, 1, instr(i.address, '@') - 1))
		FROM identities i JOIN member_identities mi ON mi.identity_id = i.id
		WHERE i.kind = 'email' AND trim(i.name) <> '' AND instr(i.address, '@') > 1`, ""},
	{core.ReasonSamePhoto, `SELECT i.id, mi.member_id, i.photo_url FROM identities i
		JOIN member_identities mi ON mi.identity_id = i.id WHERE i.photo_url <> ''`, ""},
	{core.ReasonSameFullName, `SELECT i.id, mi.member_id, lower(trim(i.name)) FROM identities i
		JOIN member_identities mi ON mi.identity_id = i.id WHERE instr(trim(i.name), ' ') > 0`, ""},
}

// MergeCandidates lists the pairs of identities in different files that
// some rule says may be one person and that no person has answered for,
// one pair per pair of members (the lower member first), with the reasons
// that matched and in no particular order: weighing and ranking them is
// core/members' part.
func (s *Store) MergeCandidates(ctx context.Context) ([]core.MergeSuggestion, error) {
	byPair := map[[2]int64]*core.MergeSuggestion{}
	for _, r := range mergeRules {
		if err := s.rulePairs(ctx, r.reason, r.left, r.right, byPair); err != nil {
			return nil, fmt.Errorf("store: merge candidates: %s: %w", r.reason, err)
		}
	}
	out := make([]core.MergeSuggestion, 0, len(byPair))
	for _, sg := range byPair {
		out = append(out, *sg)
	}
	return out, nil
}

// rulePairs adds one rule's pairs. The join runs in SQL over the keyed
// rows, so only matching pairs come back.
func (s *Store) rulePairs(ctx context.Context, reason core.MergeReason, left, right string, byPair map[[2]int64]*core.MergeSuggestion) error {
	if right == "" {
		right = left
	}
	q := `WITH l(id, member, key) AS MATERIALIZED (` + left + `), r(id, member, key) AS MATERIALIZED (` + right + `)
		SELECT l.id, l.member, r.id, r.member FROM l JOIN r ON r.key = l.key AND r.member <> l.member
		WHERE l.key <> '' AND NOT EXISTS (SELECT 1 FROM merge_decisions d
			WHERE d.identity_a = min(l.id, r.id) AND d.identity_b = max(l.id, r.id))`
	return s.scanRows(ctx, func(rows *sql.Rows) error {
		var sg core.MergeSuggestion
		if err := rows.Scan(&sg.IdentityA, &sg.MemberA, &sg.IdentityB, &sg.MemberB); err != nil {
			return err
		}
		if sg.MemberA > sg.MemberB {
			sg.IdentityA, sg.IdentityB, sg.MemberA, sg.MemberB = sg.IdentityB, sg.IdentityA, sg.MemberB, sg.MemberA
		}
		key := [2]int64{sg.MemberA, sg.MemberB}
		have := byPair[key]
		if have == nil {
			have = &sg
			byPair[key] = have
		}
		if !slices.Contains(have.Reasons, reason) {
			have.Reasons = append(have.Reasons, reason)
		}
		return nil
	}, q)
}

// deriveMember recomputes what a member's file takes from its identities:
// the channels, the largest follower count, the earliest join, the search
// text, and the empty profile fields. Scores follow at the next refresh.
func deriveMember(ctx context.Context, tx *sql.Tx, memberID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT i.kind, i.address, i.handle, i.name, i.photo_url, i.location,
		i.language, i.bio, i.followers, i.joined_at FROM member_identities mi
		JOIN identities i ON i.id = mi.identity_id WHERE mi.member_id = ? ORDER BY i.id`, memberID)
	if err != nil {
		return err
	}
	d, err := collectDerived(rows)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE members SET channels = ?, followers = ?,
		joined_at = ?, first_seen = min(first_seen, COALESCE(?, first_seen)),
		name = CASE WHEN name = '' THEN ? ELSE name END,
		photo_url = CASE WHEN photo_url = '' THEN ? ELSE photo_url END,
		location = CASE WHEN location = '' THEN ? ELSE location END,
		language = CASE WHEN language = '' THEN ? ELSE language END,
		bio = CASE WHEN bio = '' THEN ? ELSE bio END,
		dirty = 1 WHERE id = ?`,
		d.channels, d.followers, d.joined, d.joined, d.name, d.photo, d.location, d.language, d.bio, memberID)
	if err != nil {
		return err
	}
	return setSearch(ctx, tx, memberID, d.search)
}

// setSearch writes the search text: the member's own (possibly edited)
// name and their identities' names, addresses and handles.
func setSearch(ctx context.Context, tx *sql.Tx, memberID int64, identities string) error {
	var name string
	if err := tx.QueryRowContext(ctx, "SELECT name FROM members WHERE id = ?", memberID).Scan(&name); err != nil {
		return dbErr(err)
	}
	_, err := tx.ExecContext(ctx, "UPDATE members SET search = ? WHERE id = ?",
		foldSearch(name+" "+identities), memberID)
	return err
}

// derived is what deriveMember gathers from a member's identities.
type derived struct {
	channels, followers                  int
	joined                               any
	name, photo, location, language, bio string
	search                               string
}

func collectDerived(rows *sql.Rows) (derived, error) {
	defer rows.Close()
	d := derived{followers: -1}
	var words []string
	var joinedMin int64
	for rows.Next() {
		var (
			kind, address, handle, name, photo, loc, lang, bio string
			followers                                          int
			joined                                             sql.NullInt64
		)
		if err := rows.Scan(&kind, &address, &handle, &name, &photo, &loc, &lang, &bio, &followers, &joined); err != nil {
			return d, err
		}
		d.channels |= channelBit(core.IdentityKind(kind))
		d.followers = max(d.followers, followers)
		if joined.Valid && (joinedMin == 0 || joined.Int64 < joinedMin) {
			joinedMin = joined.Int64
		}
		d.name, d.photo, d.location = firstSet(d.name, name), firstSet(d.photo, photo), firstSet(d.location, loc)
		d.language, d.bio = firstSet(d.language, lang), firstSet(d.bio, bio)
		words = append(words, name, address, handle)
	}
	if joinedMin != 0 {
		d.joined = joinedMin
	}
	d.search = strings.Join(words, " ")
	return d, rows.Err()
}

func firstSet(have, next string) string {
	if have != "" {
		return have
	}
	return next
}
