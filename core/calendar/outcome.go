package calendar

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// maxAttempts is how many times a channel that keeps failing before the
// post reached it is tried before a person is asked.
const maxAttempts = 5

// outcome is what a publish call's result means for its target.
type outcome struct {
	state  core.TargetState // published, unconfirmed, scheduled (again) or failed
	reason string
	at     time.Time // scheduled: not before (zero: back off)
}

// classify maps a publish error to an outcome. Only a failure known to
// have happened before the post reached the channel is retried by itself.
func classify(err error) outcome {
	if err == nil {
		return outcome{state: core.TargetPublished}
	}
	re := core.AsRemote(err)
	if errors.Is(err, core.ErrNotPosted) {
		return classifyNotPosted(err, re)
	}
	var notSent errNotSent
	switch {
	case errors.Is(err, core.ErrUnknownOutcome), errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, context.Canceled):
		return outcome{state: core.TargetUnconfirmed, reason: core.Say("no answer from the channel: checking whether the post went out").Error()}
	case errors.Is(err, core.ErrUnsupported):
		return outcome{state: core.TargetFailed, reason: core.Say("this account cannot publish posts").Error()}
	case re != nil && re.Problem == core.ProblemRateLimit:
		return outcome{state: core.TargetScheduled, reason: slowDown(re), at: re.RetryAt}
	case re != nil && re.NeedsPerson():
		return outcome{state: core.TargetFailed, reason: sentence(re)}
	case re != nil && errors.As(err, &notSent):
		return outcome{state: core.TargetScheduled, reason: sentence(re)}
	case re != nil:
		// The request may have reached the channel before it failed.
		return outcome{state: core.TargetUnconfirmed, reason: sentence(re)}
	}
	return outcome{state: core.TargetFailed, reason: err.Error()}
}

// retryAt is when a rescheduled target is tried again: when the channel
// said, else after a backoff of 1, 2, 4... minutes. Past maxAttempts the
// caller fails it instead.
func (o outcome) retryAt(now time.Time, attempts int) time.Time {
	if !o.at.IsZero() {
		return o.at
	}
	return now.Add(time.Minute << min(max(attempts-1, 0), 6))
}

// The reasons are kept in English in the workspace (the command line
// shows them); they are made with core.Say so that the window can say
// them in its language (kit.StoredText).

func sentence(re *core.RemoteError) string {
	if re.Action != "" {
		return core.Say("{{.Message}} ({{.Action}})", "Message", re.Message, "Action", re.Action).Error()
	}
	return re.Message
}

func slowDown(re *core.RemoteError) string {
	return core.Say("the channel asked to slow down: {{.Message}}", "Message", re.Message).Error()
}

// classifyNotPosted maps a failure before the post itself was sent (its
// pictures' upload, or reading them): no post can exist, so anything but
// a refusal is retried by itself, and what was uploaded is kept.
func classifyNotPosted(err error, re *core.RemoteError) outcome {
	switch {
	case re != nil && re.Problem == core.ProblemRateLimit:
		return outcome{state: core.TargetScheduled, reason: slowDown(re), at: re.RetryAt}
	case re != nil && re.NeedsPerson():
		return outcome{state: core.TargetFailed, reason: sentence(re)}
	case re != nil:
		return outcome{state: core.TargetScheduled, reason: core.Say("uploading the pictures failed: {{.Error}}", "Error", sentence(re)).Error()}
	case errors.Is(err, core.ErrUnknownOutcome), errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return outcome{state: core.TargetScheduled, reason: core.Say("uploading the pictures was cut short: trying again").Error()}
	}
	return outcome{state: core.TargetFailed, reason: strings.TrimPrefix(err.Error(), core.ErrNotPosted.Error()+": ")}
}
