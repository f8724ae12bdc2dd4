package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"

	"github.com/hearthhq/hearth/core"
)

// variantID is the remote id an item with a content hash is stored under:
// its own id when that is free or holds the same content, else the id
// suffixed with the hash, so that a mailer reusing one Message-Id for
// different messages loses none of them. The first content seen keeps the
// plain id, which replies and threads refer to.
func (w *itemWriter) variantID(it core.Item) (string, error) {
	old, found := w.existing[it.RemoteID]
	// A row written before content hashes existed adopts the first content
	// that claims it, as it was stored then.
	if !found || old.hash == "" || old.hash == it.ContentHash {
		return it.RemoteID, nil
	}
	v := core.VariantID(it.RemoteID, it.ContentHash)
	if _, ok := w.existing[v]; !ok {
		if err := w.lookup([]string{v}); err != nil {
			return "", err
		}
	}
	return v, nil
}

// sighted records where a scoped item was seen (Item.Scope, Location); being
// seen somewhere undoes a deletion that was only its absence.
func (w *itemWriter) sighted(id int64, it core.Item, existed bool) error {
	if it.Scope == "" || it.Location == "" {
		return nil
	}
	_, err := w.st.exec(`INSERT INTO item_locations (account_id, scope, location, item_id) VALUES (?, ?, ?, ?)
		ON CONFLICT (account_id, location) DO UPDATE SET scope = excluded.scope, item_id = excluded.item_id`,
		w.accountID, it.Scope, it.Location, id)
	if err != nil {
		return fmt.Errorf("location of %d: %w", id, err)
	}
	if !existed || it.Deleted {
		return nil
	}
	if _, err := w.st.exec("UPDATE items SET deleted = 0 WHERE id = ? AND deleted = 1", id); err != nil {
		return fmt.Errorf("restore %d: %w", id, err)
	}
	return nil
}

// applyPresent forgets the stored locations of each listed scope that the
// remote no longer has, and marks deleted the items left with no location.
// It returns the items it changed.
func (w *itemWriter) applyPresent(present map[string][]string) ([]int64, error) {
	var changed []int64
	for _, scope := range slices.Sorted(maps.Keys(present)) {
		ids, err := w.forgetAbsent(scope, present[scope])
		if err != nil {
			return nil, fmt.Errorf("scope %q: %w", scope, err)
		}
		for _, id := range ids {
			var gone, thread int64
			err := w.st.queryRow(`UPDATE items SET deleted = 1 WHERE id = ?1 AND deleted = 0
				AND NOT EXISTS (SELECT 1 FROM item_locations WHERE item_id = ?1) RETURNING id, thread_id`, id).Scan(&gone, &thread)
			switch {
			case err == sql.ErrNoRows:
			case err != nil:
				return nil, fmt.Errorf("scope %q: item %d: %w", scope, id, err)
			default:
				changed = append(changed, gone)
				w.touched[thread] = true // its face may change
			}
		}
	}
	return changed, nil
}

// forgetAbsent deletes the scope's locations missing from locs and returns
// the items they named.
func (w *itemWriter) forgetAbsent(scope string, locs []string) ([]int64, error) {
	here := make(map[string]bool, len(locs))
	for _, l := range locs {
		here[l] = true
	}
	rows, err := w.st.query("SELECT location, item_id FROM item_locations WHERE account_id = ? AND scope = ?",
		w.accountID, scope)
	if err != nil {
		return nil, err
	}
	var (
		gone  []string
		items []int64
	)
	for rows.Next() {
		var (
			loc string
			id  int64
		)
		if err := rows.Scan(&loc, &id); err != nil {
			rows.Close()
			return nil, err
		}
		if !here[loc] {
			gone = append(gone, loc)
			items = append(items, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(gone) == 0 {
		return nil, nil
	}
	_, err = w.st.exec(`DELETE FROM item_locations WHERE account_id = ?
		AND location IN (SELECT value FROM json_each(?))`, w.accountID, jsonList(gone))
	return items, err
}

// SetLocation records where an item lives remotely now, after a move made
// from here: the place it was moved from becomes the one it is at.
func (s *Store) SetLocation(ctx context.Context, itemID int64, scope, location string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var old string
		if err := tx.QueryRowContext(ctx, "SELECT location FROM items WHERE id = ?", itemID).Scan(&old); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE items SET location = ? WHERE id = ?", location, itemID); err != nil {
			return err
		}
		if scope == "" {
			return nil
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM item_locations WHERE item_id = ? AND location = ?", itemID, old); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO item_locations (account_id, scope, location, item_id)
			SELECT account_id, ?, ?, id FROM items WHERE id = ?
			ON CONFLICT (account_id, location) DO UPDATE SET scope = excluded.scope, item_id = excluded.item_id`,
			scope, location, itemID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: item %d: set location: %w", itemID, dbErr(err))
	}
	return nil
}
