package core

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// Problem classifies why a remote call failed, so the engine knows whether
// to retry and the status line can tell a person what to do.
type Problem string

// Problems an integration reports through RemoteError.
const (
	ProblemAuth      Problem = "auth"       // credentials refused or revoked: a person must act
	ProblemNetwork   Problem = "network"    // unreachable, timeout, TLS: retry with backoff
	ProblemRateLimit Problem = "rate_limit" // told to slow down: retry after RetryAt
	ProblemServer    Problem = "server"     // 5xx, garbage answers: retry with backoff
	ProblemConfig    Problem = "config"     // settings wrong (no such folder, bad host): a person must act
	ProblemDenied    Problem = "denied"     // the token lacks a right or tier: a person must act
)

// RemoteError is an integration failure with a sentence for a person.
type RemoteError struct {
	Problem Problem
	Message string // what happened, e.g. "the server refused the password"
	// Words is Message with its parts that vary kept apart (a host, an
	// HTTP status, a size), for the window's language; Message is then
	// its English (RemoteWords sets both).
	Words   *Words
	Action  string    // what to do, e.g. "check the password in Accounts"
	RetryAt time.Time // for rate limits: not before this time
	Err     error     // the underlying error, for logs
}

func (e *RemoteError) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *RemoteError) Unwrap() error { return e.Err }

// RemoteWords makes a RemoteError whose message has parts that vary.
func RemoteWords(p Problem, w *Words, action string, err error) *RemoteError {
	return (&RemoteError{Problem: p, Action: action, Err: err}).With(w)
}

// With sets the message to w: its English, and w for the window.
func (e *RemoteError) With(w *Words) *RemoteError {
	e.Message, e.Words = w.Error(), w
	return e
}

// NeedsPerson reports whether retrying cannot help until someone acts.
func (e *RemoteError) NeedsPerson() bool {
	return e.Problem == ProblemAuth || e.Problem == ProblemConfig || e.Problem == ProblemDenied
}

// AsRemote extracts a RemoteError from err, or nil.
func AsRemote(err error) *RemoteError {
	var re *RemoteError
	if errors.As(err, &re) {
		return re
	}
	return nil
}

// MaybeDone reports whether a failed remote write may have taken effect
// anyway, so it must be confirmed with the remote and never blindly sent
// again. Only two failures prove it did not: a connection that was never
// made (a dial error: the request never left) and a clear refusal (auth,
// denied, config, rate limit). Everything else may have reached the
// remote: a timeout or a reset after the request was sent, a 5xx, an
// answer that does not parse (an HTML error page), the caller's
// cancellation, an error no integration classified.
func MaybeDone(err error) bool {
	if err == nil {
		return false
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return false
	}
	re := AsRemote(err)
	return re == nil || re.Problem == ProblemServer || re.Problem == ProblemNetwork
}

// IsNetwork reports whether err is the network failing under a call (a
// refused or reset connection, a name that does not resolve, a connection
// closed mid-answer) rather than the remote answering; the integrations
// map it to ProblemNetwork.
func IsNetwork(err error) bool {
	if err == nil {
		return false
	}
	var oe *net.OpError
	var de *net.DNSError
	return errors.As(err, &oe) || errors.As(err, &de) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		strings.Contains(err.Error(), "EOF") || strings.Contains(err.Error(), "connection reset")
}

// MarkUnknown wraps a failed write's error with ErrUnknownOutcome when
// MaybeDone says it may have taken effect, so the outbox and the calendar
// check the remote before anything is sent again. Other errors and nil
// pass unchanged.
func MarkUnknown(err error) error {
	if !MaybeDone(err) || errors.Is(err, ErrUnknownOutcome) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrUnknownOutcome, err)
}
