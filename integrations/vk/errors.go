package vk

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/SevereCloud/vksdk/v2/api"

	"github.com/hearthhq/hearth/core"
)

// Waits after VK's rate-limit errors: 6 is per second, 9 (flood control)
// and 29 (a method's daily quota) are much longer.
const (
	tooManyWait = 2 * time.Second
	floodWait   = 15 * time.Minute
	quotaWait   = time.Hour
)

// statusTransport turns a non-2xx answer into an error before vksdk reads
// it: VK itself always answers 200, so anything else is a proxy or an
// outage, and a JSON 5xx body must not pass for an empty success.
type statusTransport struct{ next http.RoundTripper }

// httpStatusError is a non-2xx answer.
type httpStatusError struct{ Status int }

func (e *httpStatusError) Error() string { return fmt.Sprintf("HTTP %d", e.Status) }

func (t statusTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		resp.Body.Close()
		return nil, &httpStatusError{resp.StatusCode}
	}
	return resp, nil
}

// rightOf names the token right a method needs, for a refusal's sentence.
func rightOf(method string) (right, what string) {
	switch {
	case strings.HasPrefix(method, "messages."):
		return "messages", "community messages"
	case method == "groups.ban" || method == "groups.unban":
		return "manage", "banning users"
	case method == "groups.getLongPollServer" || method == "groups.getMembers":
		return "manage", "live updates and the member list"
	case method == "wall.post":
		return "wall", "publishing posts"
	case strings.HasPrefix(method, "photos.") || method == "photo upload":
		return "photos", "pictures in posts"
	case strings.HasPrefix(method, "wall."):
		return "wall", "the wall and its comments"
	default:
		return "", method
	}
}

// classify wraps a failed call with what it was doing and, unless it is
// the caller's cancellation, a *core.RemoteError a person can act on.
func classify(ctx context.Context, method string, err error, now time.Time) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("vk: %s: %w", method, ctx.Err())
	}
	return fmt.Errorf("vk: %s: %w", method, remoteError(method, err, now))
}

func remoteError(method string, err error, now time.Time) *core.RemoteError {
	var ae *api.Error
	var ict *api.InvalidContentType
	var hs *httpStatusError
	var ne net.Error
	switch {
	case errors.As(err, &ae):
		return apiError(method, ae, now)
	case errors.As(err, &ict):
		return core.RemoteWords(core.ProblemServer, core.Say("VK answered with a web page instead of data ({{.Type}})", "Type", ict.ContentType), "Hearth will try again", err)
	case errors.As(err, &hs):
		return core.RemoteWords(core.ProblemServer, core.Say("VK is having trouble (HTTP {{.Status}})", "Status", strconv.Itoa(hs.Status)), "Hearth will try again", err)
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
		return &core.RemoteError{Problem: core.ProblemNetwork, Err: err,
			Message: "VK did not answer in time", Action: "Hearth will try again"}
	case core.IsNetwork(err):
		return &core.RemoteError{Problem: core.ProblemNetwork, Err: err,
			Message: "cannot reach VK", Action: "check the network; Hearth will try again"}
	default:
		return &core.RemoteError{Problem: core.ProblemServer, Err: err,
			Message: "VK sent an answer Hearth cannot read", Action: "Hearth will try again"}
	}
}

// apiError maps VK's error codes.
func apiError(method string, ae *api.Error, now time.Time) *core.RemoteError {
	switch ae.Code {
	case api.ErrAuth:
		return &core.RemoteError{Problem: core.ProblemAuth, Err: ae,
			Message: "token revoked or expired", Action: "paste a new token in Accounts"}
	case api.ErrTooMany:
		return rateLimited(ae, now.Add(tooManyWait), "VK says too many requests per second")
	case api.ErrFlood:
		return rateLimited(ae, now.Add(floodWait), "VK's flood control stopped a repeated action")
	case api.ErrRateLimit:
		return rateLimited(ae, now.Add(quotaWait), core.Say("VK's daily quota of {{.Method}} is used up", "Method", method).Error())
	case api.ErrPermission, api.ErrAccess, api.ErrAccessGroup, api.ErrMessagesChatUserNoAccess:
		return denied(method, ae)
	case api.ErrGroupAuth:
		return &core.RemoteError{Problem: core.ProblemDenied, Err: ae,
			Message: "VK does not allow " + method + " with a community token",
			Action:  "this action needs an administrator's user token; do it on vk.com"}
	case api.ErrMessagesDenySend:
		return &core.RemoteError{Problem: core.ProblemDenied, Err: ae,
			Message: "this person does not accept messages from the community", Action: "answer in a comment instead"}
	case api.ErrServer, api.ErrUnknown:
		return &core.RemoteError{Problem: core.ProblemServer, Err: ae,
			Message: "VK had an internal error", Action: "Hearth will try again"}
	default:
		return core.RemoteWords(core.ProblemConfig, core.Say("VK refused {{.Method}}: {{.Reason}}", "Method", method, "Reason", ae.Message), "", ae)
	}
}

func rateLimited(ae *api.Error, at time.Time, msg string) *core.RemoteError {
	return &core.RemoteError{Problem: core.ProblemRateLimit, RetryAt: at, Err: ae, Message: msg,
		Action: core.Say("Hearth waits until {{.Time}} and tries again", "Time", at.Local().Format("15:04:05")).Error()}
}

func denied(method string, ae *api.Error) *core.RemoteError {
	right, what := rightOf(method)
	if right == "" {
		return core.RemoteWords(core.ProblemDenied, core.Say("VK denied {{.Method}}", "Method", method), "", ae)
	}
	return core.RemoteWords(core.ProblemDenied, core.Say(`the token lacks the "{{.Right}}" right (needed for {{.What}})`, "Right", right, "What", what),
		core.Say(`create a community token with the "{{.Right}}" right (community settings, API usage) and paste it in Accounts`, "Right", right).Error(), ae)
}

// errNoSuchGroup is a community id the token does not open.
var errNoSuchGroup = &core.RemoteError{Problem: core.ProblemConfig, Err: core.ErrNotFound,
	Message: "VK does not know this community id, or the token belongs to another community",
	Action:  "check the community id (the digits of vk.com/club123) in Accounts"}
