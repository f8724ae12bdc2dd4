// Package watches is the Watches screen: what Hearth listens to besides
// the accounts people write to. Feed watches (feeds are accounts: their
// status, address and keywords, sync now, remove) and keyword watches
// (saved queries flagged as watches: their unread count, add, remove, show
// their messages in the inbox through a callback the shell wires).
package watches

import (
	"context"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/views"
)

// Feeds is what the screen needs of the accounts service.
type Feeds interface {
	FeedWatches(ctx context.Context) ([]accounts.FeedWatch, error)
	SyncNow(ctx context.Context, id int64) error
	Remove(ctx context.Context, id int64) error
}

// Keywords is what the screen needs of the views service.
type Keywords interface {
	Add(ctx context.Context, name, query string, watch bool) (core.View, error)
	Counts(ctx context.Context) ([]views.Count, error)
	Remove(ctx context.Context, name string) error
}

// Backend is the screen's use cases.
type Backend struct {
	Feeds    Feeds
	Keywords Keywords
}
