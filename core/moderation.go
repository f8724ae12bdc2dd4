package core

import (
	"fmt"
	"time"
)

// ModKind names a moderation action.
type ModKind string

// Moderation actions. Delete and restore act on a VK comment; ban and unban
// on its author in the community; hide and unhide on an X reply.
const (
	ModDelete  ModKind = "delete"
	ModRestore ModKind = "restore"
	ModBan     ModKind = "ban"
	ModUnban   ModKind = "unban"
	ModHide    ModKind = "hide"
	ModUnhide  ModKind = "unhide"
)

// BanReason is VK's groups.ban reason code.
type BanReason int

// VK ban reasons.
const (
	BanOther    BanReason = 0
	BanSpam     BanReason = 1
	BanAbuse    BanReason = 2 // verbal abuse
	BanObscene  BanReason = 3 // strong language
	BanOffTopic BanReason = 4 // irrelevant messages
)

// BanForever is the BannedUntil of a ban without end.
var BanForever = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// ModAction is one moderation request, queued through the outbox.
type ModAction struct {
	Kind ModKind `json:"kind"`
	// For bans: how long (0 means forever), why, an optional comment shown
	// to the user, and whether to show it.
	Duration    time.Duration `json:"duration,omitempty"`
	Reason      BanReason     `json:"reason,omitempty"`
	Comment     string        `json:"comment,omitempty"`
	ShowComment bool          `json:"show_comment,omitempty"`
	// At is when the person asked: a ban's end is counted from it.
	At time.Time `json:"at"`
}

// Validate refuses unknown kinds and negative durations.
func (a ModAction) Validate() error {
	switch a.Kind {
	case ModDelete, ModRestore, ModBan, ModUnban, ModHide, ModUnhide:
	default:
		return fmt.Errorf("unknown moderation action %q", a.Kind)
	}
	if a.Duration < 0 {
		return fmt.Errorf("a ban cannot last a negative time")
	}
	return nil
}

// BanEnd is when a ban ends; zero means never.
func (a ModAction) BanEnd() time.Time {
	if a.Duration == 0 {
		return time.Time{}
	}
	return a.At.Add(a.Duration)
}

// ModerationsFor lists the actions an item offers, in the order a menu shows
// them: a VK comment can be deleted or restored and its author banned; a
// reply to our X post can be hidden or shown again. Our own items offer none.
func ModerationsFor(it Item) []ModKind {
	if it.Outgoing {
		return nil
	}
	switch it.Kind {
	case ItemVKComment, ItemVKPost:
		del := ModDelete
		if it.Deleted {
			del = ModRestore
		}
		return []ModKind{del, ModBan, ModUnban}
	case ItemVKMessage:
		return []ModKind{ModBan, ModUnban}
	case ItemXMention:
		if it.State == StateHidden {
			return []ModKind{ModUnhide}
		}
		return []ModKind{ModHide}
	}
	return nil
}
