package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// Setting returns an application setting, or core.ErrNotFound if unset.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	if err := s.r.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v); err != nil {
		return "", fmt.Errorf("store: setting %q: %w", key, dbErr(err))
	}
	return v, nil
}

// SetSetting stores an application setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("store: set setting %q: %w", key, dbErr(err))
	}
	return nil
}

// SetDeletedItems chooses what becomes of items deleted on their channel:
// kept and marked (core.DeletedKeep) or removed from the workspace
// (core.DeletedRemove), those already marked included, at once.
func (s *Store) SetDeletedItems(ctx context.Context, mode string) error {
	if mode != core.DeletedKeep && mode != core.DeletedRemove {
		return fmt.Errorf("store: deleted items: %q is neither %q nor %q", mode, core.DeletedKeep, core.DeletedRemove)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, core.SettingDeletedItems, mode); err != nil {
			return err
		}
		if mode != core.DeletedRemove {
			return nil
		}
		w := newItemWriter(ctx, tx, 0, s.now())
		w.st.kept = &s.kept
		defer w.close()
		threads, err := purge(w.st.query, "WHERE deleted = 1")
		if err != nil {
			return err
		}
		for _, t := range threads {
			w.touched[t] = true
		}
		return w.refreshThreads()
	})
	if err != nil {
		return fmt.Errorf("store: deleted items: %w", dbErr(err))
	}
	return nil
}

// purge deletes the items a condition selects and returns their threads.
func purge(query func(string, ...any) (*sql.Rows, error), where string, args ...any) ([]int64, error) {
	rows, err := query("DELETE FROM items "+where+" RETURNING thread_id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var threads []int64
	for rows.Next() {
		var t int64
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		threads = append(threads, t)
	}
	return threads, rows.Err()
}
