package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// identityCols are the columns scanIdentity reads, in its order.
const identityCols = `id, COALESCE(account_id, 0), kind, address, name, handle, photo_url, location,
	language, bio, followers, verified, joined_at, left_at, banned_until, updated_at`

// normAddress is the stored form of an identity's address: e-mail
// addresses compare case-insensitively, and ids are unaffected.
func normAddress(addr string) string { return strings.ToLower(strings.TrimSpace(addr)) }

// Identity returns the identity of an address on a channel.
func (s *Store) Identity(ctx context.Context, kind core.IdentityKind, address string) (core.Identity, error) {
	row := s.r.QueryRowContext(ctx, "SELECT "+identityCols+" FROM identities WHERE kind = ? AND address = ?",
		string(kind), normAddress(address))
	id, err := scanIdentity(row)
	if err != nil {
		return id, fmt.Errorf("store: identity %s:%s: %w", kind, address, dbErr(err))
	}
	return id, nil
}

// IdentityByID returns an identity by its id.
func (s *Store) IdentityByID(ctx context.Context, id int64) (core.Identity, error) {
	row := s.r.QueryRowContext(ctx, "SELECT "+identityCols+" FROM identities WHERE id = ?", id)
	ident, err := scanIdentity(row)
	if err != nil {
		return ident, fmt.Errorf("store: identity %d: %w", id, dbErr(err))
	}
	return ident, nil
}

func scanIdentity(sc scanner) (core.Identity, error) {
	var (
		id                   core.Identity
		joined, left, banned sql.NullInt64
		updated              int64
		kind                 string
	)
	err := sc.Scan(&id.ID, &id.AccountID, &kind, &id.Address, &id.Name, &id.Handle, &id.PhotoURL,
		&id.Location, &id.Language, &id.Bio, &id.Followers, &id.Verified, &joined, &left, &banned, &updated)
	if err != nil {
		return id, err
	}
	id.Kind = core.IdentityKind(kind)
	id.JoinedAt, id.LeftAt, id.BannedUntil = fromNullMS(joined), fromNullMS(left), fromNullMS(banned)
	if updated != 0 {
		id.UpdatedAt = fromMS(updated)
	}
	return id, nil
}

// MembershipEvents returns an account's community joins and leaves at or
// after since, oldest first.
func (s *Store) MembershipEvents(ctx context.Context, accountID int64, since time.Time) ([]core.MembershipEvent, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT m.kind, d.address, m.at FROM membership_events m
		JOIN identities d ON d.id = m.identity_id WHERE m.account_id = ? AND m.at >= ? ORDER BY m.at, m.id`,
		accountID, ms(since))
	if err != nil {
		return nil, fmt.Errorf("store: account %d: membership events: %w", accountID, err)
	}
	defer rows.Close()
	var evs []core.MembershipEvent
	for rows.Next() {
		var (
			ev   core.MembershipEvent
			kind string
			at   int64
		)
		if err := rows.Scan(&kind, &ev.Address, &at); err != nil {
			return nil, fmt.Errorf("store: account %d: membership events: %w", accountID, err)
		}
		ev.Kind, ev.At = core.MembershipKind(kind), fromMS(at)
		evs = append(evs, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: account %d: membership events: %w", accountID, err)
	}
	return evs, nil
}

// SetIdentityBan records a community ban of an identity until a time; a
// zero until lifts it. An identity not seen yet is created, so that a ban
// made before the next sync is not lost.
func (s *Store) SetIdentityBan(ctx context.Context, kind core.IdentityKind, address string, until time.Time) error {
	address = normAddress(address)
	if address == "" {
		return fmt.Errorf("store: ban: no address")
	}
	now := s.now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st := newStmts(ctx, tx)
		defer st.close()
		var id int64
		err := st.queryRow(`INSERT INTO identities (kind, address, banned_until, updated_at)
			VALUES (?, ?, ?, ?)
			ON CONFLICT (kind, address) DO UPDATE SET banned_until = excluded.banned_until,
				updated_at = excluded.updated_at
			RETURNING id`,
			string(kind), address, nullMS(until), ms(now)).Scan(&id)
		if err != nil {
			return err
		}
		return addIdentityMember(st, kind, id, now)
	})
	if err != nil {
		return fmt.Errorf("store: ban %s:%s: %w", kind, address, err)
	}
	return nil
}
