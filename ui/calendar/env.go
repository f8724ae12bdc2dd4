package calendar

import (
	"context"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// Backend is what the calendar screen needs of the application core.
type Backend struct {
	Calendar Calendar
	// Accounts lists the channels posts can go to.
	Accounts Accounts
	// Experts offers members to @-mention in a post; nil without member
	// files.
	Experts kit.Mentioner
}

// Accounts lists the workspace's accounts with their status.
type Accounts interface {
	List(ctx context.Context) ([]core.Account, error)
}

// env is what every part of the screen shares: the window's environment
// and the backend.
type env struct {
	*kit.Env
	b Backend
}
