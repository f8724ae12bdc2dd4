package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Cursor returns an account's saved sync cursor for key, or
// core.ErrNotFound when the account has never synced it.
func (s *Store) Cursor(ctx context.Context, accountID int64, key string) ([]byte, error) {
	var v []byte
	err := s.r.QueryRowContext(ctx,
		"SELECT value FROM sync_cursors WHERE account_id = ? AND key = ?", accountID, key).Scan(&v)
	if err != nil {
		return nil, fmt.Errorf("store: account %d: cursor %q: %w", accountID, key, dbErr(err))
	}
	return v, nil
}

// writeCursors saves cursors in tx; a nil value forgets the key (the next
// pass starts that key afresh).
func writeCursors(ctx context.Context, tx *sql.Tx, accountID int64, cursors map[string][]byte) error {
	for key, v := range cursors {
		var err error
		if v == nil {
			_, err = tx.ExecContext(ctx, "DELETE FROM sync_cursors WHERE account_id = ? AND key = ?", accountID, key)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO sync_cursors (account_id, key, value) VALUES (?, ?, ?)
				ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value`, accountID, key, v)
		}
		if err != nil {
			return fmt.Errorf("cursor %q: %w", key, dbErr(err))
		}
	}
	return nil
}
