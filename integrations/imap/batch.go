package imap

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/imap/mailparse"
)

// syncChunk handles up to metaChunk new UIDs: one cheap FETCH of flags,
// dates and sizes, then the bodies, committed in parts no larger than
// maxBatchBytes. Every new UID is downloaded: a Message-Id already stored
// may name a different message (mailers reuse them), and only the content
// tells an identical copy, which the store folds into the stored item.
func (fs *folderSync) syncChunk(ctx context.Context, chunk []imap.UID) error {
	rescan := fs.cur.Rescan
	metas, err := fetchMeta(fs.cl, imap.UIDSetNum(chunk...), 0, rescan)
	if err != nil {
		return fs.c.imapError(core.Say(`to list new messages in "{{.Folder}}"`, "Folder", fs.folder), err)
	}
	if rescan {
		if metas, err = fs.dropOldUnknown(ctx, metas); err != nil {
			return err
		}
	}
	for _, part := range splitBySize(metas, maxBatchBytes) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fs.commitPart(ctx, part); err != nil {
			return err
		}
	}
	return nil
}

// dropOldUnknown keeps, of a rescan's messages, those inside the backfill
// window and older ones whose Message-Id is stored (to learn their new
// place); a message without a usable id is kept.
func (fs *folderSync) dropOldUnknown(ctx context.Context, metas []meta) ([]meta, error) {
	since := fs.since()
	var ids []string
	for _, m := range metas {
		if m.id != "" && m.date.Before(since) {
			ids = append(ids, m.id)
		}
	}
	known, err := fs.s.Known(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("look up stored messages: %w", err)
	}
	out := metas[:0]
	for _, m := range metas {
		if m.id == "" || known[m.id] || !m.date.Before(since) {
			out = append(out, m)
		}
	}
	return out, nil
}

// splitBySize cuts metas (in UID order) into parts whose bodies add up to
// about limit bytes.
func splitBySize(metas []meta, limit int64) [][]meta {
	var (
		parts [][]meta
		start int
		size  int64
	)
	for i, m := range metas {
		size += m.size
		if size >= limit && i+1 < len(metas) {
			parts = append(parts, metas[start:i+1])
			start, size = i+1, 0
		}
	}
	if start < len(metas) {
		parts = append(parts, metas[start:])
	}
	return parts
}

// commitPart fetches the part's bodies, parses them and commits them with
// the cursor advanced past the part.
func (fs *folderSync) commitPart(ctx context.Context, part []meta) error {
	bodies, err := fetchBodies(fs.cl, uidsOf(part))
	if err != nil {
		return fs.c.imapError(core.Say(`to download messages from "{{.Folder}}"`, "Folder", fs.folder), err)
	}
	var b core.Batch
	for _, m := range part {
		if raw, ok := bodies[m.uid]; ok { // absent: expunged meanwhile
			b.Items = append(b.Items, fs.item(m, raw))
			fs.remember(m.uid, m.seen)
		}
	}
	next := fs.cur
	next.LastUID = max(next.LastUID, part[len(part)-1].uid)
	next.Exists += uint32(len(part))
	return fs.commit(ctx, b, next)
}

// item parses a downloaded message into an inbox item at its location.
func (fs *folderSync) item(m meta, raw []byte) core.Item {
	it := mailparse.Parse(raw)
	if it.RemoteID == "" {
		it.RemoteID = mailparse.RemoteID("", raw)
	}
	it.AccountID = fs.c.acct.ID
	if it.Kind == "" {
		it.Kind = core.ItemEmail
	}
	if it.State == "" {
		it.State = core.StateNew
	}
	if it.CreatedAt.IsZero() {
		it.CreatedAt = m.date
	}
	if it.Raw == nil {
		it.Raw = raw
	}
	it.Scope, it.Location = fs.folder, fs.location(m.uid)
	it.Seen = m.seen
	return it
}
