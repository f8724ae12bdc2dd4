package store

import (
	"context"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// SetIdentityBan records a community ban of an identity until a time; a
// zero until lifts it. An identity not seen yet is created, so that a ban
// made before the next sync is not lost.
func (s *Store) SetIdentityBan(ctx context.Context, kind core.IdentityKind, address string, until time.Time) error {
	if address == "" {
		return fmt.Errorf("store: ban: no address")
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO identities (kind, address, banned_until, updated_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (kind, address) DO UPDATE SET banned_until = excluded.banned_until,
			updated_at = excluded.updated_at`,
		string(kind), address, nullMS(until), ms(time.Now()))
	if err != nil {
		return fmt.Errorf("store: ban %s:%s: %w", kind, address, err)
	}
	return nil
}
