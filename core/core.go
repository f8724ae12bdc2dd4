// Package core holds Hearth's domain types and errors. It imports neither
// the GUI toolkit nor any integration: every other layer speaks these types.
package core

import "errors"

// ErrNotFound is returned (wrapped) when a looked-up record does not exist.
// Callers test it with errors.Is; a store never answers nil, nil.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a write would break a uniqueness rule,
// such as two accounts with the same name.
var ErrConflict = errors.New("already exists")

// ErrUnsupported is returned by an integration asked for something its
// service cannot do (for example moving a message on an account with no
// archive folder).
var ErrUnsupported = errors.New("not supported by this account")

// ErrDiskFull is returned (wrapped) when a write found no room on the disk.
// The change was rolled back whole: nothing of it is half-written.
var ErrDiskFull = errors.New("the disk is full")

// ErrUnknownOutcome is returned (wrapped) by a remote action that may or may
// not have taken effect: the connection dropped after the request was sent.
// The outbox then checks the remote before anything is sent again.
var ErrUnknownOutcome = errors.New("outcome unknown")
