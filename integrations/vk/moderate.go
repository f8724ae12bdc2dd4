package vk

import (
	"context"

	"github.com/SevereCloud/vksdk/v2/api"

	"github.com/hearthhq/hearth/core"
)

// Moderate deletes or restores a comment, or bans or unbans its author in
// the community. All four are idempotent on VK's side.
func (c *Conn) Moderate(ctx context.Context, it core.Item, a core.ModAction) error {
	if err := a.Validate(); err != nil {
		return &core.RemoteError{Problem: core.ProblemConfig, Message: err.Error(), Err: err}
	}
	switch a.Kind {
	case core.ModDelete, core.ModRestore:
		return c.deleteComment(ctx, it, a.Kind == core.ModDelete)
	case core.ModBan:
		return c.ban(ctx, it, a)
	case core.ModUnban:
		return c.unban(ctx, it)
	default:
		return core.RemoteWords(core.ProblemConfig, core.Say(`VK has no "{{.Action}}" action`, "Action", string(a.Kind)), "", core.ErrUnsupported)
	}
}

func (c *Conn) deleteComment(ctx context.Context, it core.Item, del bool) error {
	ref, err := parseRID(it.RemoteID)
	if err != nil {
		return err
	}
	if ref.Kind != core.ItemVKComment {
		return &core.RemoteError{Problem: core.ProblemConfig, Err: core.ErrUnsupported,
			Message: "Hearth deletes and restores comments only", Action: "delete posts on vk.com"}
	}
	p := api.Params{"owner_id": c.owner, "comment_id": ref.Comment}
	if del {
		return c.call(ctx, "wall.deleteComment", p, func(p api.Params) error { _, err := c.vk.WallDeleteComment(p); return err })
	}
	return c.call(ctx, "wall.restoreComment", p, func(p api.Params) error { _, err := c.vk.WallRestoreComment(p); return err })
}

// author is the VK user behind an item; the community cannot ban itself.
func author(it core.Item) (int, error) {
	id, err := parseUser(it.Author.Address)
	if err != nil || id <= 0 {
		return 0, core.RemoteWords(core.ProblemConfig, core.Say(`"{{.Name}}" is not a VK user who can be banned`, "Name", it.Author.Label()), "", nil)
	}
	return id, nil
}

func (c *Conn) ban(ctx context.Context, it core.Item, a core.ModAction) error {
	user, err := author(it)
	if err != nil {
		return err
	}
	p := api.Params{"group_id": c.set.GroupID, "owner_id": user, "reason": int(a.Reason),
		"comment": a.Comment, "comment_visible": a.ShowComment}
	if end := a.BanEnd(); !end.IsZero() {
		p["end_date"] = end.Unix()
	}
	return c.call(ctx, "groups.ban", p, func(p api.Params) error { _, err := c.vk.GroupsBan(p); return err })
}

func (c *Conn) unban(ctx context.Context, it core.Item) error {
	user, err := author(it)
	if err != nil {
		return err
	}
	p := api.Params{"group_id": c.set.GroupID, "owner_id": user}
	return c.call(ctx, "groups.unban", p, func(p api.Params) error { _, err := c.vk.GroupsUnban(p); return err })
}
