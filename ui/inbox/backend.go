package inbox

import (
	"context"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// Inbox is the triage use case the inbox screen drives (core/inbox's
// service satisfies it).
type Inbox interface {
	// Page returns a list page: Snippet filled, Text empty.
	Page(ctx context.Context, f core.ItemFilter) ([]core.Item, error)
	Search(ctx context.Context, query string, f core.ItemFilter) ([]core.Item, error)
	// SearchCount counts a search's hits up to max (more: there are more).
	SearchCount(ctx context.Context, query string, f core.ItemFilter, max int) (n int, more bool, err error)
	// Thread returns a conversation, items oldest first with Text filled.
	Thread(ctx context.Context, threadID int64) (core.Thread, error)
	// Open returns the whole item and marks it seen (locally and remotely).
	Open(ctx context.Context, itemID int64) (core.Item, error)
	SetState(ctx context.Context, itemID int64, st core.State, snoozeUntil time.Time) error
	SetSeen(ctx context.Context, itemID int64, seen bool) error
	AddTag(ctx context.Context, itemID int64, tag string) error
	RemoveTag(ctx context.Context, itemID int64, tag string) error
	// Send queues a reply in the outbox and clears the draft: under the
	// message it answers, with an e-mail's edited To, Cc and Subject.
	Send(ctx context.Context, itemID int64, r core.Reply) error
	// SendPrivately queues a private message to the author of a VK
	// comment or post or an X mention instead of a public answer.
	SendPrivately(ctx context.Context, itemID int64, text string) error
	// CanMessagePrivately asks the channel whether the item's author
	// accepts a private message, and why not.
	CanMessagePrivately(ctx context.Context, itemID int64) (bool, string, error)
	SaveDraft(ctx context.Context, itemID int64, text string) error
	Draft(ctx context.Context, itemID int64) (string, error)
	// Outbox lists an item's remote actions (reply status: queued, sent, failed).
	Outbox(ctx context.Context, itemID int64) ([]core.OutboxEntry, error)
	RetryOutbox(ctx context.Context, id int64) error
	// DiscardOutbox drops an entry a person gave up on (an unconfirmed
	// reply they found in Sent).
	DiscardOutbox(ctx context.Context, id int64) error
	StateCounts(ctx context.Context, accountID int64) (map[core.State]int, error)
	// ViewCounts are the conversation counts per account, kind and state.
	ViewCounts(ctx context.Context) ([]core.ViewCount, error)
	// AuthorHistory says how much an item's author wrote before.
	AuthorHistory(ctx context.Context, itemID int64) (core.AuthorHistory, error)
	Moderator
}

// Moderator moderates VK comments and X replies; the message cards offer
// what core.ModerationsFor allows.
type Moderator interface {
	Moderate(ctx context.Context, itemID int64, a core.ModAction) error
	// MarkFine takes a message out of the moderation queue, or with fine
	// false puts it back.
	MarkFine(ctx context.Context, itemID int64, fine bool) error
}

// Accounts lists the workspace's accounts for the filter bar.
type Accounts interface {
	List(ctx context.Context) ([]core.Account, error)
}

// Backend is what the inbox screen needs of the application core.
type Backend struct {
	Inbox    Inbox
	Accounts Accounts
	// Experts offers members to @-mention in a reply; nil without member
	// files.
	Experts kit.Mentioner
	// Views lists the saved views beside the search box; nil offers none.
	Views Views
	// Members shows the author's member file beside a conversation; nil:
	// no panel.
	Members MemberFiles
	// Saved keeps the saved replies; nil: the composer offers none.
	Saved SavedReplies
	// Rules says under each message what a rule did to it, with Undo;
	// nil: no lines.
	Rules RuleSteps
	// Pictures shows the pictures in messages (thumbnails, VK and X
	// photos on a click); nil: every attachment is a row.
	Pictures Pictures
}

// env is what every part of the screen shares: the window's environment,
// the backend and whether the inbox is in front.
type env struct {
	*kit.Env
	b      Backend
	active func() bool
}
