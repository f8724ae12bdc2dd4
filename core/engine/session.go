package engine

import (
	"context"

	"github.com/hearthhq/hearth/core"
)

// session is the store as one account's sync pass sees it.
type session struct {
	w *worker
}

func (s session) Cursor(ctx context.Context, key string) ([]byte, error) {
	return s.w.e.store.Cursor(ctx, s.w.acct.ID, key)
}

func (s session) Known(ctx context.Context, ids []string) (map[string]bool, error) {
	return s.w.e.store.Known(ctx, s.w.acct.ID, ids)
}

// Commit writes the batch and its cursors in one transaction, then tells
// listeners which items changed.
func (s session) Commit(ctx context.Context, b core.Batch) error {
	s.w.e.readTone(b.Items)
	res, err := s.w.e.store.ApplyBatch(ctx, s.w.acct.ID, b)
	if err != nil {
		return err
	}
	if res.Inserted+res.Updated > 0 || len(b.Flags) > 0 || len(b.Memberships) > 0 {
		// New and changed items both: a comment deleted remotely must leave
		// an open list as surely as a new one must appear.
		ids := append(append([]int64(nil), res.NewIDs...), res.ChangedIDs...)
		s.w.e.bus.Publish(core.Event{Kind: core.EventItems, AccountID: s.w.acct.ID, ItemIDs: ids})
	}
	return nil
}

// Progress updates the status in memory and publishes it; it is persisted
// only when the pass ends, to keep the writer free for batches.
func (s session) Progress(done, total int) {
	s.w.setStatus(func(st *core.AccountStatus) {
		st.State = core.SyncRunning
		st.Done, st.Total = done, total
	}, false)
}

var _ Session = session{}
