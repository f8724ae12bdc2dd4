package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// SaveDraft keeps the reply being written to an item; an empty (or blank)
// text deletes the draft.
func (s *Store) SaveDraft(ctx context.Context, itemID int64, text string) error {
	var err error
	if strings.TrimSpace(text) == "" {
		_, err = s.w.ExecContext(ctx, "DELETE FROM drafts WHERE item_id = ?", itemID)
	} else {
		_, err = s.w.ExecContext(ctx, `INSERT INTO drafts (item_id, text, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (item_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
			itemID, text, ms(s.now()))
	}
	if err != nil {
		return fmt.Errorf("store: item %d: save draft: %w", itemID, dbErr(err))
	}
	return nil
}

// Draft returns the saved draft of a reply to an item, "" when there is none.
func (s *Store) Draft(ctx context.Context, itemID int64) (string, error) {
	var text string
	err := s.r.QueryRowContext(ctx, "SELECT text FROM drafts WHERE item_id = ?", itemID).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: item %d: draft: %w", itemID, err)
	}
	return text, nil
}
