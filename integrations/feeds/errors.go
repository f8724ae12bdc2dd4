package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// retryFallback is the wait after a 429 or 503 that names no time.
const retryFallback = 30 * time.Minute

// statusError turns a non-2xx answer into a sentence a person can act on.
func statusError(resp *http.Response, now time.Time) *core.RemoteError {
	status := resp.StatusCode
	cause := fmt.Errorf("GET %s: HTTP %d", resp.Request.URL.Redacted(), status)
	switch {
	case status == http.StatusTooManyRequests || (status == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != ""):
		retry := retryAfter(resp.Header.Get("Retry-After"), now)
		re := core.RemoteWords(core.ProblemRateLimit, core.Say("the feed's site asks Hearth to slow down (HTTP {{.Status}})", "Status", strconv.Itoa(status)),
			core.Say("Hearth waits until {{.Time}} and tries again", "Time", retry.Local().Format("15:04")).Error(), cause)
		re.RetryAt = retry
		return re
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return core.RemoteWords(core.ProblemDenied, core.Say("the site refuses to serve the feed (HTTP {{.Status}})", "Status", strconv.Itoa(status)),
			"check that the feed is public, or remove the watch", cause)
	case status == http.StatusNotFound || status == http.StatusGone:
		return core.RemoteWords(core.ProblemConfig, core.Say("there is no feed at this address (HTTP {{.Status}})", "Status", strconv.Itoa(status)),
			"check the feed's address", fmt.Errorf("%w: %w", core.ErrNotFound, cause))
	case status >= 500:
		return core.RemoteWords(core.ProblemServer, core.Say("the feed's site is having trouble (HTTP {{.Status}})", "Status", strconv.Itoa(status)), "", cause)
	default:
		return core.RemoteWords(core.ProblemServer, core.Say("the feed's site answered HTTP {{.Status}}", "Status", strconv.Itoa(status)), "", cause)
	}
}

// retryAfter reads Retry-After (seconds or an HTTP date).
func retryAfter(v string, now time.Time) time.Time {
	v = strings.TrimSpace(v)
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return now.Add(time.Duration(n) * time.Second)
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t
	}
	return now.Add(retryFallback)
}

func tooLarge(limit int64) *core.RemoteError {
	return core.RemoteWords(core.ProblemConfig, core.Say("the feed is larger than {{.Max}}", "Max", core.Size(limit)),
		"check the feed's address: a feed this large is not a feed of entries", nil)
}

// classify turns a failed fetch into a RemoteError; the caller's
// cancellation stays a context error.
func classify(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("feeds: %w", ctx.Err())
	}
	if re := core.AsRemote(err); re != nil {
		return re
	}
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
		return &core.RemoteError{Problem: core.ProblemNetwork, Err: err,
			Message: "the feed's site did not answer in time", Action: "Hearth will try again"}
	case core.IsNetwork(err):
		return &core.RemoteError{Problem: core.ProblemNetwork, Err: err,
			Message: "cannot reach the feed's site", Action: "check the network; Hearth will try again"}
	default:
		return core.RemoteWords(core.ProblemServer, core.Say("the feed could not be fetched: {{.Reason}}", "Reason", err.Error()), "", err)
	}
}

// unreadable says why a fetched document is not a feed Hearth can read.
func (c *Conn) unreadable(err error, f fetched) error {
	if looksLikeHTML(f.body) {
		return &core.RemoteError{Problem: core.ProblemConfig, Err: err,
			Message: "the address serves a web page, not a feed",
			Action:  "use the feed's own address (look for RSS or Atom on the site)"}
	}
	return core.RemoteWords(core.ProblemServer, core.Say("the feed cannot be read: {{.Reason}}", "Reason", firstLine(err.Error())),
		"Hearth will try again; if it stays broken, tell the site", err)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}
