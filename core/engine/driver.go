// Package sync is Hearth's sync engine: a goroutine per account that runs
// passes on a schedule, waits on push (IMAP IDLE), backs off on failure and
// writes each fetched batch with its cursor in one transaction. It also
// defines the small interfaces integrations implement.
package engine

import (
	"context"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Secrets reads an account's secrets (password, tokens) from the keyring.
type Secrets interface {
	Get(ctx context.Context, accountID int64, name string) (string, error)
}

// Driver is one integration (imap, vk, x): it opens a Conn for an account.
// Only cmd knows the concrete drivers and registers them with the engine.
type Driver interface {
	Kind() core.AccountKind
	// Open validates settings and prepares a connection; it must not block on
	// the network for long: dialing happens in Conn methods, under ctx.
	Open(ctx context.Context, acct core.Account, secrets Secrets) (Conn, error)
}

// Session is what a sync pass sees of the store.
type Session interface {
	// Cursor returns the saved cursor for key, or core.ErrNotFound.
	Cursor(ctx context.Context, key string) ([]byte, error)
	// Commit writes a batch and its cursors in one transaction.
	Commit(ctx context.Context, b core.Batch) error
	// Known reports which of the remote ids are already stored, so an
	// integration can skip refetching bodies it has.
	Known(ctx context.Context, remoteIDs []string) (map[string]bool, error)
	// Progress reports how far the pass is, for the status bar.
	Progress(done, total int)
}

// Conn is an open account. Every method honours ctx; Close releases it.
type Conn interface {
	// Sync runs one pass: fetch what is new since the cursors, commit it in
	// batches. It returns when caught up.
	Sync(ctx context.Context, s Session) error
	Close() error
}

// Capability flags: an integration implements the optional interfaces
// below for what its service can do; callers test with a type assertion.

// Watcher is implemented by connections that can be told of new data (IMAP
// IDLE, VK long poll). Watch blocks until ctx ends or an error occurs and
// calls changed each time the remote says something changed.
type Watcher interface {
	Watch(ctx context.Context, changed func()) error
}

// Tester checks that an account's settings and secrets work, for the
// "Test connection" button and `account add`.
type Tester interface {
	Test(ctx context.Context) error
}

// Replier sends a reply to an item. msgID is the idempotency key chosen when
// the reply was queued (an e-mail Message-Id, a VK guid); the returned
// remote id names what was created.
type Replier interface {
	Reply(ctx context.Context, to core.Item, r core.Reply, idemKey string) (remoteID string, err error)
	// Delivered reports whether a reply with idemKey already exists remotely:
	// the check before retrying an entry whose outcome is unknown.
	Delivered(ctx context.Context, to core.Item, idemKey string) (bool, error)
}

// ReplyFinder is a Replier that can find what an earlier attempt sent,
// given the reply's text: channels without an idempotency key the remote
// keeps (X) confirm an unknown outcome this way, and learn the id of the
// post that was made. The outbox prefers it to Delivered.
type ReplyFinder interface {
	FindReply(ctx context.Context, to core.Item, r core.Reply, idemKey string) (remoteID string, found bool, err error)
}

// Flagger pushes the seen flag of an item to the remote.
type Flagger interface {
	SetSeen(ctx context.Context, it core.Item, seen bool) error
}

// Archiver moves an item out of the inbox remotely when it is marked done.
// It returns the item's new location and its scope (see core.Item.Scope).
type Archiver interface {
	Archive(ctx context.Context, it core.Item) (scope, location string, err error)
}

// Moderator runs moderation actions on an item or its author (delete or
// restore a VK comment, ban its author, hide an X reply). Actions are
// idempotent remotely: repeating one after an unknown outcome is safe.
type Moderator interface {
	Moderate(ctx context.Context, it core.Item, a core.ModAction) error
}

// Publisher posts on the account's channel for the calendar.
type Publisher interface {
	// Publish makes the post. It is safe to call again with the same Key
	// after an unknown outcome only when FindPublished said no.
	Publish(ctx context.Context, p core.Publication) (core.Published, error)
	// FindPublished looks remotely for a post made by an earlier attempt of p
	// (VK guid, X own timeline since p.Since): the check after a crash.
	FindPublished(ctx context.Context, p core.Publication) (core.Published, bool, error)
}

// AudienceReader is implemented by connections whose channel counts an
// audience: an X account's followers, a VK community's members. The
// channels keep only today's count, so the sync reads it now and then
// (Params.AudienceEvery) and an AudienceKeeper keeps the history.
type AudienceReader interface {
	Audience(ctx context.Context) (int64, error)
}

// AudienceKeeper keeps the audience counts the sync reads (core/stats).
type AudienceKeeper interface {
	// LastAudience is when the account's audience was last read; zero
	// when never.
	LastAudience(ctx context.Context, accountID int64) (time.Time, error)
	RecordAudience(ctx context.Context, accountID, count int64, at time.Time) error
}
