package x

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// rateLimitFallback is the wait after a 429 without a reset header: X's
// windows are 15 minutes long.
const rateLimitFallback = 15 * time.Minute

// apiBody is an error answer of either API version: v2 problem JSON or a
// v1.1 error list.
type apiBody struct {
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Type   string `json:"type"`
	Reason string `json:"reason"`
	Errors []struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
}

func (b apiBody) hasCode(codes ...int) bool {
	for _, e := range b.Errors {
		for _, c := range codes {
			if e.Code == c {
				return true
			}
		}
	}
	return false
}

// text is X's own sentence, for the log and the rarer errors.
func (b apiBody) text() string {
	if b.Detail != "" {
		return b.Detail
	}
	if len(b.Errors) > 0 {
		return b.Errors[0].Message
	}
	return b.Title
}

// statusError turns a non-2xx answer into a sentence a person can act on.
func statusError(method, path string, status int, rl rateLimit, raw []byte, now time.Time) *core.RemoteError {
	var b apiBody
	_ = json.Unmarshal(raw, &b) // an HTML page from a proxy leaves b empty
	endpoint := method + " " + path
	cause := fmt.Errorf("%s: HTTP %d: %s", endpoint, status, firstLine(b.text(), raw))
	switch {
	case status == http.StatusTooManyRequests || b.hasCode(88):
		retry := rl.Reset
		if !retry.After(now) {
			retry = now.Add(rateLimitFallback)
		}
		return &core.RemoteError{Problem: core.ProblemRateLimit, RetryAt: retry, Err: cause,
			Message: "X's rate limit is reached", Action: "Hearth waits until " + retry.Local().Format("15:04") + " and tries again"}
	case status == http.StatusUnauthorized || b.hasCode(89, 32, 215):
		return &core.RemoteError{Problem: core.ProblemAuth, Err: cause,
			Message: "X refused the keys: keys revoked or wrong", Action: "re-enter them in Accounts"}
	case status == http.StatusForbidden && (b.Reason == "client-not-enrolled" || strings.Contains(b.Type, "client-forbidden") || b.hasCode(453)):
		return &core.RemoteError{Problem: core.ProblemDenied, Err: cause,
			Message: "your X API plan does not include " + endpointName(path),
			Action:  "upgrade the plan of the app in X's developer portal, or switch the account to the other API version"}
	case status == http.StatusForbidden:
		return core.RemoteWords(core.ProblemDenied, core.Say("X refused: {{.Reason}}", "Reason", b.text()), "", cause)
	case status == http.StatusNotFound:
		return &core.RemoteError{Problem: core.ProblemConfig, Err: fmt.Errorf("%w: %w", core.ErrNotFound, cause),
			Message: "X does not know this post or user", Action: "check the account's user id in its settings"}
	case status >= 500:
		return core.RemoteWords(core.ProblemServer, core.Say("X is having trouble (HTTP {{.Status}})", "Status", strconv.Itoa(status)), "", cause)
	default:
		return core.RemoteWords(core.ProblemServer, core.Say("X answered HTTP {{.Status}}: {{.Reason}}", "Status", strconv.Itoa(status), "Reason", firstLine(b.text(), raw)), "", cause)
	}
}

// endpointName says in words what a denied endpoint does.
func endpointName(path string) string {
	switch {
	case strings.Contains(path, "/dm_"):
		return "direct messages"
	case strings.Contains(path, "mention"):
		return "reading mentions"
	case strings.HasSuffix(path, "/hidden"):
		return "hiding replies"
	case strings.HasSuffix(path, "/tweets") && !strings.Contains(path, "/users/"), strings.Contains(path, "update"):
		return "posting"
	case strings.Contains(path, "timeline"), strings.Contains(path, "/tweets"):
		return "reading the account's own posts"
	default:
		return "this endpoint (" + path + ")"
	}
}

func firstLine(s string, raw []byte) string {
	if s == "" {
		s = string(raw)
	}
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// classify wraps a failed call with what it was doing. A RemoteError made
// by the transport passes through; network failures become one; the
// caller's cancellation stays a context error.
func classify(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("x: %s: %w", op, ctx.Err())
	}
	if re := core.AsRemote(err); re != nil {
		return fmt.Errorf("x: %s: %w", op, re)
	}
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("x: %s: %w", op, &core.RemoteError{Problem: core.ProblemNetwork, Err: err,
			Message: "X did not answer in time", Action: "Hearth will try again"})
	case core.IsNetwork(err):
		return fmt.Errorf("x: %s: %w", op, &core.RemoteError{Problem: core.ProblemNetwork, Err: err,
			Message: "cannot reach X", Action: "check the network; Hearth will try again"})
	default:
		// A body that does not parse: X or something in between is broken.
		return fmt.Errorf("x: %s: %w", op, &core.RemoteError{Problem: core.ProblemServer, Err: err,
			Message: "X sent an answer Hearth cannot read"})
	}
}
