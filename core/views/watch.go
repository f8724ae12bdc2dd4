package views

import (
	"context"
	"fmt"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
)

// BatchStore writes sync batches (core/store).
type BatchStore interface {
	ApplyBatch(ctx context.Context, accountID int64, b core.Batch) (core.BatchResult, error)
	Account(ctx context.Context, id int64) (core.Account, error)
}

// Tagging is a BatchStore that tags each batch's items matching a keyword
// watch with core.WatchTag(name) before writing it, in the same
// transaction as the items, so a match never shows untagged. The store
// keeps a new item's tags and leaves a stored one's alone: only new items
// are tagged.
type Tagging struct {
	BatchStore
	Views *Service
}

// ApplyBatch tags, then writes.
func (t Tagging) ApplyBatch(ctx context.Context, accountID int64, b core.Batch) (core.BatchResult, error) {
	tagged, err := t.Views.tag(ctx, accountID, t.BatchStore, b)
	if err != nil {
		return core.BatchResult{}, err
	}
	return t.BatchStore.ApplyBatch(ctx, accountID, tagged)
}

// watch is a parsed keyword watch.
type watch struct {
	tag string
	q   query.Query
}

func (s *Service) watches(ctx context.Context) ([]watch, error) {
	list, err := s.store.Views(ctx)
	if err != nil {
		return nil, err
	}
	var out []watch
	for _, v := range list {
		if !v.Watch {
			continue
		}
		q, err := query.ParseAt(v.Query, s.now())
		if err != nil || q.Root == nil {
			continue // saved by an older Hearth with other operators: it matches nothing
		}
		out = append(out, watch{tag: core.WatchTag(v.Name), q: q})
	}
	return out, nil
}

// tag returns the batch with its items from others tagged by the watches
// they match: the in-memory matcher on words split once per item.
func (s *Service) tag(ctx context.Context, accountID int64, st BatchStore, b core.Batch) (core.Batch, error) {
	if len(b.Items) == 0 {
		return b, nil
	}
	ws, err := s.watches(ctx)
	if err != nil || len(ws) == 0 {
		return b, err
	}
	acct, err := st.Account(ctx, accountID)
	if err != nil {
		return b, fmt.Errorf("views: watches: %w", err)
	}
	followers := map[string]int{}
	for _, id := range b.Identities {
		followers[id.Address] = id.Followers
	}
	items := make([]core.Item, len(b.Items))
	for i, it := range b.Items {
		items[i] = it
		if it.Outgoing {
			continue
		}
		it.Account = acct.Name
		n, ok := followers[it.Author.Address]
		if !ok {
			n = -1
		}
		doc := query.NewDoc(query.Target{Item: it, Followers: n, Tone: it.Tone}) // the engine reads the tone first
		for _, w := range ws {
			if w.q.Match(doc) {
				items[i].Tags = append(append([]string(nil), items[i].Tags...), w.tag)
			}
		}
	}
	b.Items = items
	return b, nil
}
