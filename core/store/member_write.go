package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// CreateMember makes a member with no identity yet (an imported contact)
// and returns its id.
func (s *Store) CreateMember(ctx context.Context, m core.Member, now time.Time) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO members (name, photo_url, location, language, bio,
			first_seen, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			m.Name, m.PhotoURL, m.Location, m.Language, m.Bio, ms(now), ms(now)).Scan(&id)
		if err != nil {
			return err
		}
		return deriveMember(ctx, tx, id)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create member %q: %w", m.Name, dbErr(err))
	}
	return id, nil
}

// UpdateMemberProfile sets the profile fields that p gives.
func (s *Store) UpdateMemberProfile(ctx context.Context, id int64, p core.MemberProfile) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for col, v := range map[string]*string{"name": p.Name, "photo_url": p.PhotoURL, "location": p.Location,
			"language": p.Language, "bio": p.Bio} {
			if v == nil {
				continue
			}
			// col is one of the fixed names above.
			if err := execOne(ctx, tx, "UPDATE members SET "+col+" = ? WHERE id = ?", strings.TrimSpace(*v), id); err != nil {
				return err
			}
		}
		return deriveMember(ctx, tx, id)
	})
	if err != nil {
		return fmt.Errorf("store: member %d: update profile: %w", id, err)
	}
	return nil
}

// AddIdentityToMember upserts an identity (by kind and address) and puts
// it in the member's file when it is new or alone in a file of its own
// that holds nothing else, merging that file in by fields. An identity
// already in another member's file stays there (a merge is a person's
// decision): its member id is returned with attached false.
func (s *Store) AddIdentityToMember(ctx context.Context, memberID int64, id core.Identity,
	fields func(into, from core.Member) core.Member) (owner int64, attached bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		identityID, err := upsertIdentity(ctx, tx, id, s.now())
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT member_id FROM member_identities WHERE identity_id = ?",
			identityID).Scan(&owner); err != nil {
			return dbErr(err)
		}
		if owner == memberID {
			attached = true
			return nil
		}
		if !fresh(ctx, tx, owner) {
			return nil
		}
		attached = true
		if err := mergeInTx(ctx, tx, memberID, owner, fields); err != nil {
			return err
		}
		owner = memberID
		return nil
	})
	if err != nil {
		return 0, false, fmt.Errorf("store: member %d: add identity %s:%s: %w", memberID, id.Kind, id.Address, err)
	}
	return owner, attached, nil
}

// upsertIdentity inserts an identity (with a member file of its own) or
// fills the empty fields of the stored one, and returns its id.
func upsertIdentity(ctx context.Context, tx *sql.Tx, id core.Identity, now time.Time) (int64, error) {
	st := newStmts(ctx, tx)
	defer st.close()
	var out int64
	err := st.queryRow(`INSERT INTO identities (kind, address, name, handle, photo_url, location,
		language, bio, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, address) DO UPDATE SET
			name = CASE WHEN name = '' THEN excluded.name ELSE name END,
			handle = CASE WHEN handle = '' THEN excluded.handle ELSE handle END
		RETURNING id`,
		string(id.Kind), id.Address, id.Name, id.Handle, id.PhotoURL, id.Location, id.Language, id.Bio,
		ms(now)).Scan(&out)
	if err != nil {
		return 0, dbErr(err)
	}
	return out, addIdentityMember(st, id.Kind, out, now)
}

// fresh reports whether a member is one the identity's first write made
// (addIdentityMember): one identity, nothing written by a person.
func fresh(ctx context.Context, tx *sql.Tx, memberID int64) bool {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM member_identities WHERE member_id = ?1)
		+ (SELECT count(*) FROM member_tags WHERE member_id = ?1)
		+ (SELECT count(*) FROM member_notes WHERE member_id = ?1)
		+ (SELECT count(*) FROM member_interests WHERE member_id = ?1)
		+ (SELECT count(*) FROM member_expertise WHERE member_id = ?1)
		+ (SELECT count(*) FROM member_rituals WHERE member_id = ?1)`, memberID).Scan(&n)
	return err == nil && n == 1
}

// SetMemberTags adds and removes tags of several members at once (the bulk
// tag of the members table).
func (s *Store) SetMemberTags(ctx context.Context, memberIDs []int64, add, remove []string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, tag := range add {
			if err := addMemberTag(ctx, tx, memberIDs, tag); err != nil {
				return err
			}
		}
		for _, tag := range remove {
			_, err := tx.ExecContext(ctx, `DELETE FROM member_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?)
				AND member_id IN (SELECT value FROM json_each(?))`, tag, jsonList(memberIDs))
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: tag %d members: %w", len(memberIDs), err)
	}
	return nil
}

func addMemberTag(ctx context.Context, tx *sql.Tx, memberIDs []int64, tag string) error {
	tag = strings.TrimSpace(tag)
	if tag == "" {
		return errors.New("empty tag")
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", tag); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO member_tags (member_id, tag_id)
		SELECT m.id, (SELECT id FROM tags WHERE name = ?) FROM members m
		WHERE m.id IN (SELECT value FROM json_each(?))`, tag, jsonList(memberIDs))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 && len(memberIDs) == 1 {
		return checkMember(ctx, tx, memberIDs[0])
	}
	return nil
}

func checkMember(ctx context.Context, tx *sql.Tx, id int64) error {
	var one int
	if err := tx.QueryRowContext(ctx, "SELECT 1 FROM members WHERE id = ?", id).Scan(&one); err != nil {
		return fmt.Errorf("member %d: %w", id, dbErr(err))
	}
	return nil
}

// AddMemberNote adds a dated note and returns its id.
func (s *Store) AddMemberNote(ctx context.Context, memberID int64, text string, at time.Time) (int64, error) {
	var id int64
	err := s.w.QueryRowContext(ctx, "INSERT INTO member_notes (member_id, text, at) VALUES (?, ?, ?) RETURNING id",
		memberID, strings.TrimSpace(text), ms(at)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: member %d: add note: %w", memberID, dbErr(err))
	}
	return id, nil
}

// DeleteMemberNote removes a note.
func (s *Store) DeleteMemberNote(ctx context.Context, noteID int64) error {
	if err := execOne(ctx, s.w, "DELETE FROM member_notes WHERE id = ?", noteID); err != nil {
		return fmt.Errorf("store: delete note %d: %w", noteID, err)
	}
	return nil
}

// MemberNotes returns a member's notes, newest first.
func (s *Store) MemberNotes(ctx context.Context, memberID int64) ([]core.Note, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, member_id, text, at FROM member_notes
		WHERE member_id = ? ORDER BY at DESC, id DESC`, memberID)
	if err != nil {
		return nil, fmt.Errorf("store: member %d: notes: %w", memberID, err)
	}
	defer rows.Close()
	var out []core.Note
	for rows.Next() {
		var (
			n  core.Note
			at int64
		)
		if err := rows.Scan(&n.ID, &n.MemberID, &n.Text, &at); err != nil {
			return nil, fmt.Errorf("store: member %d: notes: %w", memberID, err)
		}
		n.At = fromMS(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

// SetMemberInterests replaces a member's interests.
func (s *Store) SetMemberInterests(ctx context.Context, memberID int64, topics []string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkMember(ctx, tx, memberID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM member_interests WHERE member_id = ?", memberID); err != nil {
			return err
		}
		for _, t := range topics {
			if t = strings.TrimSpace(t); t == "" {
				continue
			}
			_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO member_interests (member_id, topic) VALUES (?, ?)", memberID, t)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: member %d: set interests: %w", memberID, err)
	}
	return nil
}

// SetMemberExpertise replaces a member's expertise.
func (s *Store) SetMemberExpertise(ctx context.Context, memberID int64, list []core.Expertise) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkMember(ctx, tx, memberID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM member_expertise WHERE member_id = ?", memberID); err != nil {
			return err
		}
		for _, e := range list {
			_, err := tx.ExecContext(ctx, `INSERT INTO member_expertise (member_id, topic, level) VALUES (?, ?, ?)
				ON CONFLICT (member_id, topic) DO UPDATE SET level = excluded.level`,
				memberID, strings.TrimSpace(e.Topic), e.Level)
			if err != nil {
				return fmt.Errorf("expertise %q level %d: %w", e.Topic, e.Level, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: member %d: set expertise: %w", memberID, err)
	}
	return nil
}

// MemberTopics returns a member's interests and expertise.
func (s *Store) MemberTopics(ctx context.Context, memberID int64) ([]string, []core.Expertise, error) {
	var interests []string
	err := s.scanRows(ctx, func(r *sql.Rows) error {
		var t string
		err := r.Scan(&t)
		interests = append(interests, t)
		return err
	}, "SELECT topic FROM member_interests WHERE member_id = ? ORDER BY topic", memberID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: member %d: interests: %w", memberID, err)
	}
	var exp []core.Expertise
	err = s.scanRows(ctx, func(r *sql.Rows) error {
		var e core.Expertise
		err := r.Scan(&e.Topic, &e.Level)
		exp = append(exp, e)
		return err
	}, "SELECT topic, level FROM member_expertise WHERE member_id = ? ORDER BY level DESC, topic", memberID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: member %d: expertise: %w", memberID, err)
	}
	return interests, exp, nil
}

// scanRows runs a query on the read pool and hands each row to fn.
func (s *Store) scanRows(ctx context.Context, fn func(*sql.Rows) error, q string, args ...any) error {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// DeleteMember erases a member and their personal data, as a person may
// ask: the file, its identities and every item they wrote. Replies we
// sent them stay (they are our words), but no longer link to them.
func (s *Store) DeleteMember(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkMember(ctx, tx, id); err != nil {
			return err
		}
		for _, q := range []string{
			`DELETE FROM items WHERE author_identity_id IN
				(SELECT identity_id FROM member_identities WHERE member_id = ?)`,
			`DELETE FROM identities WHERE id IN (SELECT identity_id FROM member_identities WHERE member_id = ?)`,
			`DELETE FROM members WHERE id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: delete member %d: %w", id, err)
	}
	return nil
}
