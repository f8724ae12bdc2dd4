package store

import (
	"context"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// RecordUpload keeps what a channel answered to a step of the upload of a
// target's picture (replacing the previous step's), so that no retry
// uploads it again.
func (s *Store) RecordUpload(ctx context.Context, u core.MediaUpload) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO post_uploads (target_id, path, upload, uploaded_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (target_id, path) DO UPDATE SET upload = excluded.upload,
		uploaded_at = excluded.uploaded_at`, u.TargetID, u.Path, u.Upload, ms(u.At))
	if err != nil {
		return fmt.Errorf("store: record upload of %s for target %d: %w", u.Path, u.TargetID, dbErr(err))
	}
	return nil
}

// Uploads lists what was uploaded of a target's pictures, by path.
func (s *Store) Uploads(ctx context.Context, targetID int64) (map[string]core.MediaUpload, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT path, upload, uploaded_at FROM post_uploads WHERE target_id = ?`, targetID)
	if err != nil {
		return nil, fmt.Errorf("store: uploads of target %d: %w", targetID, dbErr(err))
	}
	defer rows.Close()
	out := map[string]core.MediaUpload{}
	for rows.Next() {
		u := core.MediaUpload{TargetID: targetID}
		var at int64
		if err := rows.Scan(&u.Path, &u.Upload, &at); err != nil {
			return nil, fmt.Errorf("store: uploads of target %d: %w", targetID, dbErr(err))
		}
		u.At = fromMS(at)
		out[u.Path] = u
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: uploads of target %d: %w", targetID, dbErr(err))
	}
	return out, nil
}

// RecordReplyUpload keeps what a channel answered to a step of the upload
// of a reply's picture (u.OutboxID), as RecordUpload does for a post.
func (s *Store) RecordReplyUpload(ctx context.Context, u core.MediaUpload) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO outbox_uploads (outbox_id, path, upload, uploaded_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (outbox_id, path) DO UPDATE SET upload = excluded.upload,
		uploaded_at = excluded.uploaded_at`, u.OutboxID, u.Path, u.Upload, ms(u.At))
	if err != nil {
		return fmt.Errorf("store: record upload of %s for outbox entry %d: %w", u.Path, u.OutboxID, dbErr(err))
	}
	return nil
}

// ReplyUploads lists what was uploaded of a reply's pictures, by path.
func (s *Store) ReplyUploads(ctx context.Context, outboxID int64) (map[string]core.MediaUpload, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT path, upload, uploaded_at FROM outbox_uploads WHERE outbox_id = ?`, outboxID)
	if err != nil {
		return nil, fmt.Errorf("store: uploads of outbox entry %d: %w", outboxID, dbErr(err))
	}
	defer rows.Close()
	out := map[string]core.MediaUpload{}
	for rows.Next() {
		u := core.MediaUpload{OutboxID: outboxID}
		var at int64
		if err := rows.Scan(&u.Path, &u.Upload, &at); err != nil {
			return nil, fmt.Errorf("store: uploads of outbox entry %d: %w", outboxID, dbErr(err))
		}
		u.At = fromMS(at)
		out[u.Path] = u
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: uploads of outbox entry %d: %w", outboxID, dbErr(err))
	}
	return out, nil
}
