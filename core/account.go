package core

import (
	"encoding/json"
	"fmt"
	"time"
)

// AccountKind names the integration that serves an account.
type AccountKind string

// The account kinds Hearth knows of. Only cmd wires them to integrations.
const (
	KindIMAP AccountKind = "imap"
	KindVK   AccountKind = "vk"
	KindX    AccountKind = "x"
	KindFeed AccountKind = "feed"
)

// Account is one connected channel: a mailbox, a VK community, an X account.
// Settings is integration-owned JSON (hosts, folders, options); secrets never
// live in it: they are kept in the keyring under the account's ID.
type Account struct {
	ID        int64
	Kind      AccountKind
	Name      string
	Settings  json.RawMessage
	CreatedAt time.Time
	Status    AccountStatus
}

// SyncState is the coarse state of an account's synchronisation.
type SyncState string

// Sync states shown in the status bar and by `hearth account list`.
const (
	SyncIdle    SyncState = "idle"    // never synced yet
	SyncRunning SyncState = "syncing" // a pass is under way
	SyncOK      SyncState = "ok"      // last pass succeeded
	SyncError   SyncState = "error"   // last pass failed; see Message and Action
)

// AccountStatus is what a person sees about an account's sync: a state, the
// last success, progress while syncing and, on error, why and what to do.
type AccountStatus struct {
	State       SyncState
	LastSync    time.Time // last successful pass; zero if none
	Done, Total int       // progress of the current pass, when known
	// Message is a sentence a person understands: why a pass failed, or,
	// on an OK status, why the audience (followers, members) was not
	// read: the last count is kept and the sync tries again.
	Message string
	Action  string // what to do about an error, e.g. "check the password"
	// Problem classifies the error (auth: the credentials were refused and
	// a person must give new ones); kept in memory by the running engine
	// only, empty when read from the store.
	Problem     Problem
	ErrorCount  int       // consecutive failures, drives the backoff
	NextAttempt time.Time // when the engine will try again
	UpdatedAt   time.Time
}

// Line renders the status in one human line, as the CLI and status bar show it.
func (s AccountStatus) Line(now time.Time) string {
	switch s.State {
	case SyncRunning:
		if s.Total > 0 {
			return fmt.Sprintf("syncing %d/%d", s.Done, s.Total)
		}
		return "syncing"
	case SyncOK:
		if s.Message != "" {
			return "ok, synced " + Ago(now, s.LastSync) + "; audience not updated (" + s.Message + "), the last count is kept"
		}
		return "ok, synced " + Ago(now, s.LastSync)
	case SyncError:
		line := "error: " + s.Message
		if s.Action != "" {
			line += " (" + s.Action + ")"
		}
		return line
	default:
		return "not synced yet"
	}
}

// Ago renders a past time relative to now the way a list shows it:
// "just now", "5 min ago", "3 h ago", "2 days ago", or a date.
func Ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	case d < 7*24*time.Hour:
		n := int(d / (24 * time.Hour))
		if n == 1 {
			return "yesterday"
		}
		return fmt.Sprintf("%d days ago", n)
	case t.Year() == now.Year():
		return t.Format("2 Jan")
	default:
		return t.Format("2 Jan 2006")
	}
}
