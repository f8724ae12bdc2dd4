package x

import (
	"context"

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
		return core.RemoteWords(core.ProblemConfig, cannotModerate(a.Kind), "", core.ErrUnsupported)
	}
	if err := c.api.hide(ctx, it.RemoteID, hidden); err != nil {
		if core.AsRemote(err) == errHideV11 {
			return err
		}
		return classify(ctx, "hide reply", err)
	}
	return nil
}

// cannotModerate says which moderation X refuses, a sentence per action
// for the window to translate.
func cannotModerate(k core.ModKind) *core.Words {
	switch k {
	case core.ModDelete:
		return core.Say("X cannot delete a post; it can only hide replies")
	case core.ModRestore:
		return core.Say("X cannot restore a post; it can only hide replies")
	case core.ModBan:
		return core.Say("X cannot ban an author; it can only hide replies")
	case core.ModUnban:
		return core.Say("X cannot unban an author; it can only hide replies")
	}
	return core.Say(`X has no "{{.Action}}" action; it can only hide replies`, "Action", string(k))
}
