package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
)

const memberCols = `m.id, m.name, m.photo_url, m.location, m.language, m.bio, m.followers, m.channels,
	m.joined_at, m.first_seen, m.last_seen, m.last_contacted, m.activity, m.loyalty, m.quadrant,
	m.loyalty_known`

// channelBits are the bits of members.channels, in the order Member.Channels lists them.
var channelBits = []struct {
	kind core.IdentityKind
	bit  int
}{{core.IdentityEmail, 1}, {core.IdentityVK, 2}, {core.IdentityX, 4}}

func channelBit(k core.IdentityKind) int {
	for _, c := range channelBits {
		if c.kind == k {
			return c.bit
		}
	}
	return 0
}

// scanMember reads the memberCols of a row, and then into extra the
// columns a query adds after them.
func scanMember(sc scanner, extra ...any) (core.Member, error) {
	var (
		m                               core.Member
		channels                        int
		first                           int64
		joined, lastSeen, lastContacted sql.NullInt64
	)
	err := sc.Scan(append([]any{&m.ID, &m.Name, &m.PhotoURL, &m.Location, &m.Language, &m.Bio, &m.Followers,
		&channels, &joined, &first, &lastSeen, &lastContacted, &m.Activity, &m.Loyalty, &m.Quadrant,
		&m.LoyaltyKnown}, extra...)...)
	if err != nil {
		return m, err
	}
	for _, c := range channelBits {
		if channels&c.bit != 0 {
			m.Channels = append(m.Channels, c.kind)
		}
	}
	m.JoinedAt, m.FirstSeen = fromNullMS(joined), fromMS(first)
	m.LastSeen, m.LastContacted = fromNullMS(lastSeen), fromNullMS(lastContacted)
	return m, nil
}

// Member returns one member with their tags.
func (s *Store) Member(ctx context.Context, id int64) (core.Member, error) {
	m, err := scanMember(s.r.QueryRowContext(ctx, "SELECT "+memberCols+" FROM members m WHERE m.id = ?", id))
	if err != nil {
		return m, fmt.Errorf("store: member %d: %w", id, dbErr(err))
	}
	list := []core.Member{m}
	if err := s.fillMemberTags(ctx, list); err != nil {
		return m, fmt.Errorf("store: member %d: tags: %w", id, err)
	}
	return list[0], nil
}

// MemberOfIdentity returns the id of the member an identity belongs to.
func (s *Store) MemberOfIdentity(ctx context.Context, identityID int64) (int64, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, "SELECT member_id FROM member_identities WHERE identity_id = ?",
		identityID).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: member of identity %d: %w", identityID, dbErr(err))
	}
	return id, nil
}

func (s *Store) queryMembers(ctx context.Context, q string, args ...any) ([]core.Member, error) {
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
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return list, s.fillMemberTags(ctx, list)
}

// foldSearch folds text as members.search is folded: lower case, ё as е.
func foldSearch(s string) string {
	return strings.TrimSpace(fold(strings.ToLower(s)))
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// fillMemberTags loads the tags of members in one query.
func (s *Store) fillMemberTags(ctx context.Context, list []core.Member) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]int64, len(list))
	pos := make(map[int64]int, len(list))
	for i, m := range list {
		ids[i], pos[m.ID] = m.ID, i
	}
	rows, err := s.r.QueryContext(ctx, `SELECT mt.member_id, t.name FROM member_tags mt
		JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id IN (SELECT value FROM json_each(?))
		ORDER BY t.name COLLATE NOCASE`, jsonList(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id  int64
			tag string
		)
		if err := rows.Scan(&id, &tag); err != nil {
			return err
		}
		list[pos[id]].Tags = append(list[pos[id]].Tags, tag)
	}
	return rows.Err()
}

// MemberIdentities returns the identities of a member, by kind then id.
func (s *Store) MemberIdentities(ctx context.Context, memberID int64) ([]core.Identity, error) {
	var out []core.Identity
	err := s.scanRows(ctx, func(r *sql.Rows) error {
		id, err := scanIdentity(r)
		out = append(out, id)
		return err
	}, "SELECT "+identityCols+` FROM identities
		WHERE id IN (SELECT identity_id FROM member_identities WHERE member_id = ?) ORDER BY kind, id`, memberID)
	if err != nil {
		return nil, fmt.Errorf("store: member %d: identities: %w", memberID, err)
	}
	return out, nil
}
