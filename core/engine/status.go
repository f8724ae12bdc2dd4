package engine

import (
	"context"
	"errors"
	"time"

	"github.com/hearthhq/hearth/core"
)

// failedStatus turns a pass error into what a person reads on the status
// line: a sentence and, when it helps, what to do.
func failedStatus(prev core.AccountStatus, err error, now time.Time) core.AccountStatus {
	st := prev
	st.State = core.SyncError
	st.ErrorCount++
	st.Done, st.Total = 0, 0
	st.UpdatedAt = now
	st.Message, st.Action = describe(err)
	st.Problem = ""
	if re := core.AsRemote(err); re != nil {
		st.Problem = re.Problem
	}
	return st
}

func describe(err error) (msg, action string) {
	if re := core.AsRemote(err); re != nil {
		action = re.Action
		if action == "" {
			action = defaultAction(re.Problem)
		}
		return re.Message, action
	}
	if errors.Is(err, core.ErrDiskFull) {
		return "the disk is full: what was fetched could not be saved (nothing was half-written)",
			"free some space on the disk; Hearth will try again"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "the server took too long to answer", "Hearth will try again"
	}
	return err.Error(), "Hearth will try again"
}

func defaultAction(p core.Problem) string {
	switch p {
	case core.ProblemAuth:
		return "check the credentials in Accounts"
	case core.ProblemConfig:
		return "check the account settings"
	case core.ProblemDenied:
		return "grant the missing rights, then sync again"
	case core.ProblemRateLimit:
		return "Hearth will wait and try again"
	default:
		return "Hearth will try again"
	}
}
