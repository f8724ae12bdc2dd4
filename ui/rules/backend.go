// Package rules is the Rules screen: the ordered list of rules with their
// on/off switch and order, and the editor (name, query with its parse
// error at its column, actions, stop, auto-reply) with a live dry run of
// the last 30 days. It talks to the core rules service only.
package rules

import (
	"context"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/rules"
)

// Rules is what the screen needs of the core rules service.
type Rules interface {
	List(ctx context.Context) ([]core.Rule, error)
	Add(ctx context.Context, r core.Rule) (core.Rule, error)
	Update(ctx context.Context, r core.Rule) error
	Remove(ctx context.Context, id int64) error
	SetEnabled(ctx context.Context, id int64, on bool) error
	Move(ctx context.Context, id int64, delta int) error
	DryRun(ctx context.Context, query string, first int) (rules.DryRun, error)
}

// Backend is the screen's use cases.
type Backend struct {
	Rules Rules
}
