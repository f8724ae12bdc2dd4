package x

import (
	"context"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// Moderate hides or shows again a reply to one of our posts. X offers no
// other moderation to an account.
func (c *Conn) Moderate(ctx context.Context, it core.Item, a core.ModAction) error {
	var hidden bool
	switch a.Kind {
	case core.ModHide:
		hidden = true
	case core.ModUnhide:
	default:
		return &core.RemoteError{Problem: core.ProblemConfig, Err: core.ErrUnsupported,
			Message: fmt.Sprintf("X cannot %s a post; it can only hide replies", a.Kind)}
	}
	if err := c.api.hide(ctx, it.RemoteID, hidden); err != nil {
		if core.AsRemote(err) == errHideV11 {
			return err
		}
		return classify(ctx, "hide reply", err)
	}
	return nil
}
