package core

import (
	"context"
	"strings"
	"time"
)

// Batch is what one sync step hands to the store: new or changed items, flag
// changes seen remotely, and the cursors that move with them. The store
// writes a batch in one transaction, so a crash leaves either all of it or
// none of it, and the next pass resumes from the last written cursor.
type Batch struct {
	Items   []Item
	Flags   []FlagUpdate
	Cursors map[string][]byte // key (e.g. "INBOX") -> integration-owned state
	// Present lists, per scope (Item.Scope), every location the remote has
	// in it now. Stored locations of a listed scope that it lacks are gone;
	// an item seen nowhere any more is marked deleted, and one seen again
	// (an item of this batch) is restored.
	Present map[string][]string
	// Removed lists remote ids deleted remotely (true) or restored (false);
	// the store keeps the items and flips Item.Deleted.
	Removed map[string]bool
	// Identities are author profiles the channel returned (VK users, X
	// authors), upserted by (Kind, Address) before the items that name them.
	Identities []Identity
	// Memberships are community join/leave events.
	Memberships []MembershipEvent
}

// FlagUpdate reports a remote change of an item's seen flag, naming the item
// by its remote id or, for channels whose ids may be shared, by Location.
type FlagUpdate struct {
	RemoteID string
	Location string
	Seen     bool
}

// BatchResult tells the engine what a batch changed, for change events.
type BatchResult struct {
	Inserted int
	Updated  int
	NewIDs   []int64
	// ChangedIDs are the stored items the batch changed (Updated of them):
	// refreshed by a re-sync, or deleted or restored remotely.
	ChangedIDs []int64
}

// Reply is what a person writes in answer to an item.
type Reply struct {
	Text string
	// Quote, when set, is the text the reply quotes (the e-mail convention).
	Quote bool
	// To, Cc and Subject are an e-mail reply's headers as the person edited
	// them; empty To and Subject mean the defaults (the author, "Re: ...").
	// Other channels have no such headers and ignore them.
	To      []Person
	Cc      []Person
	Subject string
	// Auto marks a reply no person wrote (a rule's): mail says so in
	// Auto-Submitted: auto-replied (RFC 3834), so other robots leave it be.
	Auto bool
	// Attach are the files a person attached, by path: any file to an
	// e-mail, pictures to a VK comment or an X reply. The outbox reads
	// them when the reply goes out, into Files or Images.
	Attach []PostImage
	// Files go out attached to an e-mail reply, as they are.
	Files []OutFile
	// Images go out with a VK comment or an X reply, fitted to the
	// channel, with what an earlier attempt uploaded of each; Uploaded
	// records each upload step before the reply is made (see Publication),
	// so a retry never uploads a picture twice.
	Images   []PublishImage
	Uploaded func(ctx context.Context, image int, upload string) error
}

// Pictures is the reply's images as a publication of them, for the
// upload flows channels share with posts.
func (r Reply) Pictures() Publication {
	return Publication{Text: r.Text, Images: r.Images, Uploaded: r.Uploaded}
}

// ReplySubject is the subject of an answer to subject: "Re: " before it
// unless it already is a reply; no subject (a VK or X thread) stays none,
// never a bare "Re:".
func ReplySubject(subject string) string {
	s := strings.TrimSpace(subject)
	switch {
	case s == "":
		return ""
	case len(s) >= 3 && strings.EqualFold(s[:3], "re:"):
		return s
	}
	return "Re: " + s
}

// Recipients are the people an e-mail reply goes to: the edited To and Cc,
// or the author when To was left alone.
func (r Reply) Recipients(to Item) (tos, ccs []Person) {
	tos = r.To
	if len(tos) == 0 {
		tos = []Person{to.Author}
	}
	return tos, r.Cc
}

// OutboxState is where a queued remote action stands.
type OutboxState string

// Outbox states. "sending" left behind by a crash becomes "unconfirmed" and
// is checked against the remote before any retry: never a blind resend.
// "failed" means the remote did not act; whenever it may have, the entry is
// "unconfirmed", never "failed".
const (
	OutboxQueued      OutboxState = "queued"
	OutboxSending     OutboxState = "sending"
	OutboxSent        OutboxState = "sent"
	OutboxFailed      OutboxState = "failed"
	OutboxUnconfirmed OutboxState = "unconfirmed"
)

// OutboxOp names what an outbox entry does remotely.
type OutboxOp string

// Outbox operations.
const (
	OpReply   OutboxOp = "reply"    // send a reply to ItemID
	OpSetSeen OutboxOp = "set_seen" // push the seen flag of ItemID
	OpArchive OutboxOp = "archive"  // move ItemID to the archive
	// OpModerate runs a ModAction (payload) on ItemID or its author.
	OpModerate OutboxOp = "moderate"
	// OpMessage writes privately to the author of ItemID (a VK community
	// message to a commenter, an X direct message to who mentioned us).
	OpMessage OutboxOp = "message"
)

// OutboxEntry is a remote action that must happen exactly once and survive a
// restart. IdemKey is generated when queued (the Message-Id of a reply, a VK
// guid) so a retry after an unknown outcome can be checked remotely.
type OutboxEntry struct {
	ID        int64
	AccountID int64
	ItemID    int64
	Op        OutboxOp
	Payload   []byte // op-specific JSON (the reply text, the flag value)
	IdemKey   string
	State     OutboxState
	Attempts  int
	LastError string
	RemoteID  string // what the remote answered (e.g. the sent message's id)
	// NotBefore is when the entry is due; for an unconfirmed entry, when
	// the channel is checked (zero: no check is planned, a person decides).
	NotBefore time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
	// Owner holds the entry while it works on it (zero: nobody does);
	// Heartbeat is when it last renewed that lease.
	Owner     OutboxOwner
	Heartbeat time.Time
	// AttemptedAt is when the remote action was last tried (zero: never).
	AttemptedAt time.Time
}
