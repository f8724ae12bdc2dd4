package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// SaveAudience records an account's audience read at a time, as the
// count of its day: a later reading of the same day replaces an earlier
// one, an earlier one (a clock put back) is ignored.
func (s *Store) SaveAudience(ctx context.Context, a core.AudienceSnapshot) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO audience_snapshots (account_id, day, taken_at, count)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (account_id, day) DO UPDATE SET taken_at = excluded.taken_at, count = excluded.count
		WHERE excluded.taken_at >= taken_at`, a.AccountID, a.Day, ms(a.TakenAt), a.Count)
	if err != nil {
		return fmt.Errorf("store: audience of account %d: %w", a.AccountID, dbErr(err))
	}
	return nil
}

// LatestAudience returns an account's latest audience reading, or
// core.ErrNotFound.
func (s *Store) LatestAudience(ctx context.Context, accountID int64) (core.AudienceSnapshot, error) {
	a := core.AudienceSnapshot{AccountID: accountID}
	var at int64
	err := s.r.QueryRowContext(ctx, `SELECT day, taken_at, count FROM audience_snapshots
		WHERE account_id = ? ORDER BY day DESC LIMIT 1`, accountID).Scan(&a.Day, &at, &a.Count)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("store: audience of account %d: %w", accountID, core.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("store: audience of account %d: %w", accountID, dbErr(err))
	}
	a.TakenAt = fromMS(at)
	return a, nil
}

// AudienceDays returns every account's readings of the days from
// firstDay to lastDay (both included), each preceded by the account's
// latest one before firstDay, which holds until the next: ordered by
// account and day.
func (s *Store) AudienceDays(ctx context.Context, firstDay, lastDay string) ([]core.AudienceSnapshot, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT account_id, day, taken_at, count FROM audience_snapshots a
		WHERE (day >= ?1 AND day <= ?2)
			OR day = (SELECT max(b.day) FROM audience_snapshots b WHERE b.account_id = a.account_id AND b.day < ?1)
		ORDER BY account_id, day`, firstDay, lastDay)
	if err != nil {
		return nil, fmt.Errorf("store: audience days: %w", dbErr(err))
	}
	defer rows.Close()
	var out []core.AudienceSnapshot
	for rows.Next() {
		var (
			a  core.AudienceSnapshot
			at int64
		)
		if err := rows.Scan(&a.AccountID, &a.Day, &at, &a.Count); err != nil {
			return nil, fmt.Errorf("store: audience days: %w", err)
		}
		a.TakenAt = fromMS(at)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: audience days: %w", dbErr(err))
	}
	return out, nil
}
