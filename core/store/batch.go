package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/hearthhq/hearth/core"
)

// ApplyBatch writes one sync step in one transaction: the author profiles,
// then the items upserted by (account, remote id) with their raw sources,
// refs, threads, authors and locations, the remote flag changes, the
// deletions (named, or absent from a scope's listing), the membership events, and the new cursors. A failure anywhere
// writes nothing, so the next pass resumes from the old cursor.
//
// An item already stored keeps its id, state, tags, snooze and seen flag;
// its content and location are refreshed. A new item's Seen comes from the
// batch, and so do its Tags (an ingest step such as a keyword watch sets
// them); later seen changes arrive as b.Flags.
func (s *Store) ApplyBatch(ctx context.Context, accountID int64, b core.Batch) (core.BatchResult, error) {
	return s.ApplyBatchWith(ctx, accountID, b, nil)
}

// apply writes everything of a batch but its cursors.
func (w *itemWriter) apply(b core.Batch) (core.BatchResult, error) {
	if err := w.upsertIdentities(b.Identities); err != nil {
		return core.BatchResult{}, err
	}
	res, err := w.upsertAll(b.Items)
	if err != nil {
		return res, err
	}
	if err := w.applyFlags(b.Flags); err != nil {
		return res, err
	}
	flipped, err := w.applyRemovals(b.Removed)
	if err != nil {
		return res, err
	}
	res = w.withChanged(res, flipped)
	gone, err := w.applyPresent(b.Present)
	if err != nil {
		return res, err
	}
	res = w.withChanged(res, gone)
	if err := w.applyMemberships(b.Memberships); err != nil {
		return res, err
	}
	return res, w.finish()
}

// withChanged counts items changed outside the upsert (a remote deletion)
// as updated, unless the upsert reported them already.
func (w *itemWriter) withChanged(res core.BatchResult, ids []int64) core.BatchResult {
	for _, id := range ids {
		if !w.reported[id] {
			w.reported[id] = true
			res.ChangedIDs = append(res.ChangedIDs, id)
			res.Updated++
		}
	}
	return res
}

// upsertAll writes a batch's items and counts what was new.
func (w *itemWriter) upsertAll(items []core.Item) (core.BatchResult, error) {
	var res core.BatchResult
	if err := w.preload(items); err != nil {
		return res, err
	}
	for i, it := range items {
		id, inserted, err := w.upsert(it, false)
		if err != nil {
			return res, fmt.Errorf("item %d (%q): %w", i, it.RemoteID, err)
		}
		if inserted {
			res.Inserted++
			res.NewIDs = append(res.NewIDs, id)
		} else {
			res.Updated++
		}
		if !inserted && !w.reported[id] {
			res.ChangedIDs = append(res.ChangedIDs, id)
		}
		w.reported[id] = true
	}
	return res, nil
}

// applyRemovals flips the deleted mark of stored items and returns the
// ids it changed; unknown remote ids are skipped (never fetched, or gone).
func (w *itemWriter) applyRemovals(removed map[string]bool) ([]int64, error) {
	var ids []int64
	for _, remoteID := range slices.Sorted(maps.Keys(removed)) {
		var id, thread int64
		err := w.st.queryRow(`UPDATE items SET deleted = ?1 WHERE account_id = ?2 AND remote_id = ?3
			AND deleted <> ?1 RETURNING id, thread_id`, removed[remoteID], w.accountID, remoteID).Scan(&id, &thread)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return nil, fmt.Errorf("removed %q: %w", remoteID, err)
		default:
			ids = append(ids, id)
			w.touched[thread] = true // its face may change
		}
	}
	return ids, nil
}

// applyFlags sets the seen flag of stored items, named by remote id or by
// location; unknown ones are skipped (the item may not be fetched yet).
func (w *itemWriter) applyFlags(flags []core.FlagUpdate) error {
	for _, f := range flags {
		var err error
		if f.Location != "" {
			_, err = w.st.exec(`UPDATE items SET seen = ? WHERE id =
				(SELECT item_id FROM item_locations WHERE account_id = ? AND location = ?)`,
				f.Seen, w.accountID, f.Location)
		} else {
			_, err = w.st.exec("UPDATE items SET seen = ? WHERE account_id = ? AND remote_id = ?",
				f.Seen, w.accountID, f.RemoteID)
		}
		if err != nil {
			return fmt.Errorf("flag %q: %w", f.RemoteID+f.Location, err)
		}
	}
	return nil
}

// Known reports which of remoteIDs an account already has; ids it lacks
// are absent from the map.
func (s *Store) Known(ctx context.Context, accountID int64, remoteIDs []string) (map[string]bool, error) {
	known := make(map[string]bool, len(remoteIDs))
	if len(remoteIDs) == 0 {
		return known, nil
	}
	list, err := json.Marshal(remoteIDs)
	if err != nil {
		return nil, fmt.Errorf("store: account %d: known: %w", accountID, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT remote_id FROM items WHERE account_id = ?
		AND remote_id IN (SELECT value FROM json_each(?))`, accountID, string(list))
	if err != nil {
		return nil, fmt.Errorf("store: account %d: known: %w", accountID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: account %d: known: %w", accountID, err)
		}
		known[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: account %d: known: %w", accountID, err)
	}
	return known, nil
}
