package ui

import (
	"context"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Inbox is the triage use case the inbox screen drives. The core inbox
// service satisfies it.
type Inbox interface {
	// Page returns a list page: Snippet filled, Text empty.
	Page(ctx context.Context, f core.ItemFilter) ([]core.Item, error)
	Search(ctx context.Context, query string, f core.ItemFilter) ([]core.Item, error)
	// Thread returns a conversation, items oldest first with Text filled.
	Thread(ctx context.Context, threadID int64) (core.Thread, error)
	// Open returns the whole item and marks it seen (locally and remotely).
	Open(ctx context.Context, itemID int64) (core.Item, error)
	SetState(ctx context.Context, itemID int64, st core.State, snoozeUntil time.Time) error
	SetSeen(ctx context.Context, itemID int64, seen bool) error
	AddTag(ctx context.Context, itemID int64, tag string) error
	RemoveTag(ctx context.Context, itemID int64, tag string) error
	// Reply queues a reply in the outbox and clears the draft.
	Reply(ctx context.Context, itemID int64, text string) error
	SaveDraft(ctx context.Context, itemID int64, text string) error
	Draft(ctx context.Context, itemID int64) (string, error)
	// Outbox lists an item's remote actions (reply status: queued, sent, failed).
	Outbox(ctx context.Context, itemID int64) ([]core.OutboxEntry, error)
	RetryOutbox(ctx context.Context, id int64) error
	StateCounts(ctx context.Context, accountID int64) (map[core.State]int, error)
}

// Accounts is the account management use case the accounts screen drives.
type Accounts interface {
	// List returns the accounts with Status filled.
	List(ctx context.Context) ([]core.Account, error)
	AddIMAP(ctx context.Context, name string, s core.IMAPSettings, password string) (core.Account, error)
	// TestIMAP tries settings before they are saved; a *core.RemoteError
	// explains a failure in plain words.
	TestIMAP(ctx context.Context, s core.IMAPSettings, password string) error
	Remove(ctx context.Context, id int64) error
	// SyncNow asks for an immediate pass; 0 means all accounts.
	SyncNow(ctx context.Context, id int64) error
}

// Events tells the UI that something changed; the UI then re-reads.
type Events interface {
	Subscribe() (events <-chan core.Event, cancel func())
}

// Backend is everything the UI needs from the application core.
type Backend struct {
	Inbox    Inbox
	Accounts Accounts
	Events   Events
	// Calendar and Members drive their screens (calendar_backend.go,
	// members_backend.go); nil shows what is not built yet.
	Calendar Calendar
	Members  Members
	Now      func() time.Time // nil means time.Now
}

// Optional capabilities: an Inbox may also implement these; the UI tests
// for them with a type assertion and degrades gracefully without.

// UnreadCounter counts unread items in triage per account (the core inbox
// service has it); without it the status bar shows the count of new items.
type UnreadCounter interface {
	UnreadCounts(ctx context.Context) (map[int64]int, error)
}

// OutboxDiscarder drops an outbox entry a person gave up on (an unconfirmed
// reply they found in Sent); without it the composer offers no Discard.
type OutboxDiscarder interface {
	DiscardOutbox(ctx context.Context, id int64) error
}
