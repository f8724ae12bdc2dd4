package imap

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/imap/mailparse"
)

// syncChunk handles up to metaChunk new UIDs: one cheap FETCH, one look-up
// of the ids already stored, then bodies for the rest, committed in parts
// no larger than maxBatchBytes.
func (fs *folderSync) syncChunk(ctx context.Context, chunk []imap.UID) error {
	metas, err := fetchMeta(fs.cl, imap.UIDSetNum(chunk...), 0, true)
	if err != nil {
		return fs.c.imapError(fmt.Sprintf("to list new messages in %q", fs.folder), err)
	}
	known, err := fs.known(ctx, metas)
	if err != nil {
		return err
	}
	if fs.cur.Rescan {
		metas = fs.dropOldUnknown(metas, known)
	}
	for _, part := range splitBySize(metas, known, maxBatchBytes) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fs.commitPart(ctx, part, known); err != nil {
			return err
		}
	}
	return nil
}

func (fs *folderSync) known(ctx context.Context, metas []meta) (map[string]bool, error) {
	ids := make([]string, 0, len(metas))
	for _, m := range metas {
		if m.id != "" {
			ids = append(ids, m.id)
		}
	}
	if len(ids) == 0 {
		return map[string]bool{}, nil
	}
	known, err := fs.s.Known(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("look up stored messages: %w", err)
	}
	return known, nil
}

// dropOldUnknown keeps, of a rescan's messages, those stored already (to
// relocate them) and those inside the backfill window.
func (fs *folderSync) dropOldUnknown(metas []meta, known map[string]bool) []meta {
	since := fs.since()
	out := metas[:0]
	for _, m := range metas {
		if known[m.id] || !m.date.Before(since) {
			out = append(out, m)
		}
	}
	return out
}

// splitBySize cuts metas (in UID order) into parts whose bodies to fetch
// add up to about limit bytes; known messages cost nothing.
func splitBySize(metas []meta, known map[string]bool, limit int64) [][]meta {
	var (
		parts [][]meta
		start int
		size  int64
	)
	for i, m := range metas {
		if m.id == "" || !known[m.id] {
			size += m.size
		}
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

// commitPart fetches the bodies of the part's unknown messages, parses
// them and commits everything with the cursor advanced past the part.
func (fs *folderSync) commitPart(ctx context.Context, part []meta, known map[string]bool) error {
	var need []imap.UID
	for _, m := range part {
		if m.id == "" || !known[m.id] {
			need = append(need, m.uid)
		}
	}
	bodies, err := fetchBodies(fs.cl, need)
	if err != nil {
		return fs.c.imapError(fmt.Sprintf("to download messages from %q", fs.folder), err)
	}
	pb := newPartBatch()
	for _, m := range part {
		if m.id != "" && known[m.id] {
			pb.relocate(m.id, fs.location(m.uid), m.seen)
			fs.remember(m.uid, m.id, m.seen)
			continue
		}
		if raw, ok := bodies[m.uid]; ok { // absent: expunged meanwhile
			it := fs.item(m, raw)
			pb.add(it, it.RemoteID == m.id)
			fs.remember(m.uid, it.RemoteID, m.seen)
		}
	}
	if err := pb.settleUnnamed(ctx, fs.s.Known); err != nil {
		return fmt.Errorf("look up stored messages: %w", err)
	}
	next := fs.cur
	next.LastUID = max(next.LastUID, part[len(part)-1].uid)
	return fs.commit(ctx, pb.b, next)
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
	it.Location = fs.location(m.uid)
	it.Seen = m.seen
	return it
}

// partBatch assembles one commit: new items, relocations and flags of
// messages already stored, each remote id once.
type partBatch struct {
	b       core.Batch
	ids     map[string]bool
	unnamed []int // indexes in b.Items of items whose id came from a hash
}

func newPartBatch() *partBatch {
	return &partBatch{b: core.Batch{Relocate: map[string]string{}}, ids: map[string]bool{}}
}

func (pb *partBatch) relocate(id, loc string, seen bool) {
	if pb.ids[id] {
		return
	}
	pb.ids[id] = true
	pb.b.Relocate[id] = loc
	pb.b.Flags = append(pb.b.Flags, core.FlagUpdate{RemoteID: id, Seen: seen})
}

// add queues a parsed item; checked says the store was already asked about
// its id. A second copy of the same message in the folder is skipped, as it
// would be the same item.
func (pb *partBatch) add(it core.Item, checked bool) {
	if pb.ids[it.RemoteID] {
		return
	}
	pb.ids[it.RemoteID] = true
	if !checked {
		pb.unnamed = append(pb.unnamed, len(pb.b.Items))
	}
	pb.b.Items = append(pb.b.Items, it)
}

// settleUnnamed asks the store about items only identifiable once parsed
// (no Message-Id, or the cheap id missed): known ones become relocations.
func (pb *partBatch) settleUnnamed(ctx context.Context, known func(context.Context, []string) (map[string]bool, error)) error {
	if len(pb.unnamed) == 0 {
		return nil
	}
	ids := make([]string, len(pb.unnamed))
	for i, idx := range pb.unnamed {
		ids[i] = pb.b.Items[idx].RemoteID
	}
	have, err := known(ctx, ids)
	if err != nil {
		return err
	}
	items := pb.b.Items[:0]
	for _, it := range pb.b.Items {
		if have[it.RemoteID] {
			pb.b.Relocate[it.RemoteID] = it.Location
			pb.b.Flags = append(pb.b.Flags, core.FlagUpdate{RemoteID: it.RemoteID, Seen: it.Seen})
			continue
		}
		items = append(items, it)
	}
	pb.b.Items = items
	return nil
}
