package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// EditAccount renames an account and replaces its settings in one
// transaction. With forgetCursors its sync cursors go too, so the next pass
// starts afresh; its items stay (a re-sync upserts them by remote id). A
// name another account holds is core.ErrConflict, an unknown id
// core.ErrNotFound; either way nothing changes.
func (s *Store) EditAccount(ctx context.Context, id int64, name string, settings json.RawMessage, forgetCursors bool) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("store: edit account %d: a name is required", id)
	}
	js, err := settingsJSON(settings)
	if err != nil {
		return fmt.Errorf("store: edit account %d: %w", id, err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := execOne(ctx, tx, "UPDATE accounts SET name = ?, settings = ? WHERE id = ?", name, js, id); err != nil {
			return err
		}
		if !forgetCursors {
			return nil
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sync_cursors WHERE account_id = ?", id); err != nil {
			return fmt.Errorf("cursors: %w", dbErr(err))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: edit account %d: %w", id, err)
	}
	return nil
}
