package core

import (
	"errors"
	"time"
)

// OutboxOwner is the runner that holds an outbox entry (or the publishing
// engine that holds a post target) while it works on it: a process (PID on
// Host) and a random token made when the runner started, so that a later
// process given the same pid is never taken for the owner.
type OutboxOwner struct {
	Host  string
	PID   int
	Token string
}

// IsZero reports that nobody holds the entry.
func (o OutboxOwner) IsZero() bool { return o.Token == "" }

// NeedsPerson reports whether an entry waits for a person: it failed for
// good, or Hearth could not confirm it and plans no further check.
func (e OutboxEntry) NeedsPerson() bool {
	switch e.State {
	case OutboxFailed:
		return true
	case OutboxUnconfirmed:
		return e.NotBefore.IsZero() && e.Owner.IsZero()
	}
	return false
}

// UnconfirmedLine names an entry whose delivery is unknown, with when it
// was tried in now's location: "unconfirmed (may have been delivered at
// 12:03)". Every screen and command says it so: never "failed".
func (e OutboxEntry) UnconfirmedLine(now time.Time) string {
	at := e.AttemptedAt
	if at.IsZero() {
		at = e.UpdatedAt
	}
	at = at.In(now.Location())
	layout := "2 Jan 2006 15:04"
	switch {
	case at.YearDay() == now.YearDay() && at.Year() == now.Year():
		layout = "15:04"
	case at.Year() == now.Year():
		layout = "2 Jan 15:04"
	}
	return "unconfirmed (may have been delivered at " + at.Format(layout) + ")"
}

// ErrOutboxChanged is returned (wrapped) by an outbox state change made
// from a state, or by an owner, the entry no longer has: another runner
// took it over, or a person discarded or retried it. Nothing was changed.
var ErrOutboxChanged = errors.New("the outbox entry changed meanwhile")
