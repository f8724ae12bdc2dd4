package core

import (
	"fmt"
	"strings"
	"time"
)

// ItemKind names what an inbox item is; the values appear in `inbox --json`.
type ItemKind string

// Item kinds across channels.
const (
	ItemEmail     ItemKind = "email"
	ItemVKPost    ItemKind = "vk_post"
	ItemVKComment ItemKind = "vk_comment"
	ItemVKMessage ItemKind = "vk_message"
	ItemXMention  ItemKind = "x_mention"
	ItemXReply    ItemKind = "x_reply"
	ItemXDM       ItemKind = "x_dm" // a direct message on X (we send them; none are read yet)
	ItemFeed      ItemKind = "feed_item"
)

// State is where an item stands in triage.
type State string

// Triage states. New items are unhandled; open ones are being worked on.
const (
	StateNew     State = "new"
	StateOpen    State = "open"
	StateDone    State = "done"
	StateSnoozed State = "snoozed"
	StateSpam    State = "spam"
	StateHidden  State = "hidden"
)

// States lists every state in the order the UI offers them.
var States = []State{StateNew, StateOpen, StateDone, StateSnoozed, StateSpam, StateHidden}

// ParseState validates a state name given by a person or a file.
func ParseState(s string) (State, error) {
	for _, st := range States {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown state %q (want one of new, open, done, snoozed, spam, hidden)", s)
}

// Person is an author or recipient as the channel names them: a display
// name and an address (e-mail address, VK id, X handle).
type Person struct {
	Name    string `json:"name,omitempty"`
	Address string `json:"address,omitempty"`
	// Handle is the channel's screen name (VK screen_name, X handle without
	// the @), when the channel has one.
	Handle string `json:"handle,omitempty"`
}

// String renders "Name <address>" or whichever part is known.
func (p Person) String() string {
	switch {
	case p.Name != "" && p.Address != "":
		return p.Name + " <" + p.Address + ">"
	case p.Name != "":
		return p.Name
	default:
		return p.Address
	}
}

// Label is the short form a list shows: the name, else the address.
func (p Person) Label() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Address
}

// Attachment describes a part of a message that is not its readable text:
// a part of an e-mail (kept in its raw copy), a file we sent with a reply
// (Path), or a picture on a channel that stays there until a person asks
// for it (URL).
type Attachment struct {
	Name     string `json:"name"`
	MIMEType string `json:"mime_type"`
	Size     int64  `json:"size"`
	// Path is the local file a reply we sent carried.
	Path string `json:"path,omitempty"`
	// URL is where a VK or X photo is; Hearth fetches it only when a
	// person asks (inbox.Pictures). Width and Height are its size as
	// the channel says, 0 when unknown.
	URL    string `json:"url,omitempty"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
}

// IsPicture reports whether the attachment is a picture Hearth shows
// (JPEG, PNG, GIF, WebP).
func (a Attachment) IsPicture() bool {
	switch a.MIMEType {
	case "image/jpeg", "image/png", "image/gif", "image/webp":
		return true
	}
	return false
}

// Remote reports whether the attachment lives on its channel only.
func (a Attachment) Remote() bool { return a.URL != "" }

// Item is one thing someone said on a channel: an e-mail, a VK comment, an
// X mention. (AccountID, RemoteID) identifies it remotely, so a re-sync is an
// upsert and never a duplicate.
type Item struct {
	ID        int64
	AccountID int64
	Account   string // account name, filled by queries for display
	Kind      ItemKind
	// RemoteID is unique per account. A channel whose ids can be shared by
	// different messages (mail's Message-Id, reused by some mailers) also
	// sets ContentHash: the store keeps a different content under the same
	// id as another item, whose RemoteID it suffixes (see VariantID).
	RemoteID string
	// ContentHash fingerprints what the item says, for channels whose
	// RemoteID alone does not identify it; identical copies share it.
	ContentHash string
	ThreadID    int64
	// ThreadRefs are remote ids of the item's ancestors, root first (the
	// References/In-Reply-To chain of an e-mail, the post of a comment). The
	// store groups items into threads with them.
	ThreadRefs []string
	// Location is integration-owned: where the item lives remotely now
	// (folder, UIDVALIDITY and UID for IMAP), used for flag changes and moves.
	Location string
	// Scope is the remote container of Location (an IMAP folder). A channel
	// that lists a scope in full (Batch.Present) sets it, so that a message
	// gone from every place it was seen is known to be deleted remotely.
	Scope       string
	Subject     string
	Author      Person
	To          []Person
	Text        string // readable plain text of the body
	Snippet     string // first line(s) of Text for lists
	CreatedAt   time.Time
	State       State
	SnoozeUntil time.Time
	Seen        bool
	Outgoing    bool // written by us (a reply we sent)
	Attachments []Attachment
	// Problems lists parts that could not be decoded (unknown charset,
	// broken encoding): shown to the user, never dropped silently.
	Problems []string
	Tags     []string
	// Stats are the public reactions to a post (VK likes and reposts, X
	// likes and retweets), refreshed by each sync, for the dashboard.
	Stats ItemStats
	// Deleted is set when the item was removed remotely (a deleted VK
	// comment); it stays stored so that a restore brings it back.
	Deleted bool
	// VIP is set when the author is influential on the channel (X followers
	// over the account's threshold); the inbox can sort them first.
	VIP bool
	// Raw is the original message (RFC 5322 for e-mail). Filled on insert
	// and by explicit raw lookups only; lists leave it nil.
	Raw []byte
	// MemberID is the member file of the author (0: none); filled by
	// queries for display.
	MemberID int64
	// Tone is the language, sentiment and abuse flag of what the item
	// says (core/tone), nil until computed: the engine sets it at ingest.
	Tone *Tone
	// ModerationFine is set when a person found the item fine in the
	// moderation queue: it leaves the queue, its tone unchanged.
	ModerationFine bool
	// ThreadSize and Participants describe the item's conversation (how
	// many messages, the first three people who wrote in it); filled by
	// conversation lists (ItemFilter.Conversations) only.
	ThreadSize   int
	Participants []string
}

// Link is the web address an item opens at, when it has one: a feed
// entry's page (kept as its Location, where it lives remotely, already
// unwrapped from any redirect). Other kinds have none yet.
func (it Item) Link() string {
	if it.Kind == ItemFeed {
		return it.Location
	}
	return ""
}

// SnippetRunes is the length of an item's list snippet, the same on every
// channel.
const SnippetRunes = 160

// Snippet is the list snippet of an item's text. The store fills an empty
// Item.Snippet with it on write, so integrations leave it empty unless they
// need it before the store does.
func Snippet(text string) string { return SnippetOf(text, SnippetRunes) }

// SnippetOf makes the list snippet of a text: whitespace collapsed, cut at n
// runes on a word boundary where possible.
func SnippetOf(text string, n int) string {
	out := make([]rune, 0, n)
	space := false
	for _, r := range text {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '\u00a0' {
			space = len(out) > 0
			continue
		}
		if space {
			if len(out)+1 >= n {
				break
			}
			out = append(out, ' ')
			space = false
		}
		if len(out) >= n {
			break
		}
		out = append(out, r)
	}
	if len(out) >= n {
		for i := len(out) - 1; i > n*2/3; i-- {
			if out[i] == ' ' {
				return string(out[:i]) + "…"
			}
		}
		return string(out) + "…"
	}
	return string(out)
}

// ItemStats are counters of public reactions; zero when the channel has none.
type ItemStats struct {
	Likes    int `json:"likes,omitempty"`
	Reposts  int `json:"reposts,omitempty"`
	Comments int `json:"comments,omitempty"`
	Views    int `json:"views,omitempty"`
}

// ItemFilter selects a page of the inbox. Zero values mean "any".
type ItemFilter struct {
	AccountID int64
	Kind      ItemKind
	// States empty is the default triage view: new, open and due snoozed
	// items, without those deleted remotely. Explicit states include them.
	States   []State
	Tag      string
	Unread   bool
	Query    string // full-text query; empty for none
	ThreadID int64
	Before   time.Time // keyset paging: items strictly older than this...
	BeforeID int64     // ...or as old and with a smaller id
	// VIPFirst lists items of influential authors (Item.VIP) first, each
	// group newest first; a full-text search ignores it and stays newest
	// first. Its paging cursor also carries BeforeVIP, the VIP mark of the
	// last item shown.
	VIPFirst  bool
	BeforeVIP bool
	// Conversations lists one row per conversation: the latest message
	// from someone else in each (its face), whose state is the
	// conversation's. Our own messages never make a row.
	Conversations bool
	// NeedsModeration lists the moderation queue: abusive and strongly
	// negative messages from others (Tone.NeedsModeration) not marked
	// fine, each message on its own (never a conversation's face, which
	// may be a later, friendly one).
	NeedsModeration bool
	Limit           int       // default 100
	Now             time.Time // for snooze expiry; zero means time.Now()
}

// Thread is a conversation: the items that answer one another.
type Thread struct {
	ID        int64
	AccountID int64
	Subject   string
	Items     []Item // oldest first
}

// variantSep separates a shared remote id from the content it is suffixed
// with; no Message-Id or other channel id contains a space.
const variantSep = " "

// VariantID is the remote id of a different content stored under a shared
// id: the id, a space and the start of the content hash.
func VariantID(remoteID, contentHash string) string {
	return remoteID + variantSep + contentHash[:min(16, len(contentHash))]
}

// SharedID is the id a remote id was made from by VariantID (itself for
// any other id): the Message-Id to name in a reply's headers.
func SharedID(remoteID string) string {
	id, _, _ := strings.Cut(remoteID, variantSep)
	return id
}

// SettingDeletedItems names the workspace setting that says what becomes of
// items deleted on their channel: DeletedKeep (the default: kept, marked
// deleted, restorable) or DeletedRemove (removed from the workspace).
const (
	SettingDeletedItems = "deleted_items"
	DeletedKeep         = "keep"
	DeletedRemove       = "remove"
)

// AuthorHistory is what an author wrote: every inbound message, across
// their identities, and how many of them are spam.
type AuthorHistory struct {
	Messages int
	Spam     int
}

// Regular reports whether an author is a known correspondent, whose
// conversation should not go to spam without a second thought: several
// messages, few of them spam.
func (h AuthorHistory) Regular() bool {
	return h.Messages >= 3 && h.Spam*2 < h.Messages
}

// ViewCount is how many conversations of one kind, on one account, are in
// one state, and how many of them are unread.
type ViewCount struct {
	AccountID int64
	Kind      ItemKind
	State     State
	Total     int
	Unseen    int
}
