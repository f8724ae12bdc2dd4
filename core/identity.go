package core

import "time"

// IdentityKind names the channel an identity belongs to.
type IdentityKind string

// Identity kinds. An identity's Address is stable on its channel: the
// lower-cased e-mail address, the numeric VK user id, the numeric X user id.
const (
	IdentityEmail IdentityKind = "email"
	IdentityVK    IdentityKind = "vk"
	IdentityX     IdentityKind = "x"
	IdentityFeed  IdentityKind = "feed"
)

// IdentityKindOf maps an item's channel to the kind of its author's identity.
func IdentityKindOf(k AccountKind) IdentityKind {
	switch k {
	case KindIMAP:
		return IdentityEmail
	case KindVK:
		return IdentityVK
	case KindX:
		return IdentityX
	default:
		return IdentityFeed
	}
}

// HasMember reports whether identities of the kind are people of the
// community, each in a member's file: a feed's author is not.
func (k IdentityKind) HasMember() bool { return k != IdentityFeed }

// Identity is one person's presence on one channel, with what the channel
// tells of them. Members (member files) group identities. A sync batch
// upserts identities by (Kind, Address); zero fields never erase known ones.
type Identity struct {
	ID        int64
	AccountID int64 // the account that saw it last; 0 for none
	Kind      IdentityKind
	Address   string
	Name      string
	// Handle is the channel's screen name: VK screen_name, X @handle (no @).
	Handle    string
	PhotoURL  string
	Location  string // city or free-text location
	Language  string
	Bio       string
	Followers int // -1 when the channel does not say
	Verified  bool
	// JoinedAt and LeftAt are the latest membership events of the account's
	// community (VK join/leave); zero when unknown.
	JoinedAt time.Time
	LeftAt   time.Time
	// BannedUntil is set while the community bans them; a far future time
	// means forever.
	BannedUntil time.Time
	UpdatedAt   time.Time
}

// MembershipKind is a community membership event.
type MembershipKind string

// Membership events (VK group_join / group_leave).
const (
	MemberJoined MembershipKind = "join"
	MemberLeft   MembershipKind = "leave"
)

// MembershipEvent records a person joining or leaving an account's community.
type MembershipEvent struct {
	Kind    MembershipKind
	Address string // the identity's address (VK user id)
	At      time.Time
}
