package x

import (
	"context"

	"github.com/hearthhq/hearth/core"
)

// Publish posts text now. X has no scheduled posts through the API and
// Hearth does not upload images to X yet: both are refused for good.
func (c *Conn) Publish(ctx context.Context, p core.Publication) (core.Published, error) {
	if len(p.Media) > 0 {
		return core.Published{}, &core.RemoteError{Problem: core.ProblemConfig, Err: core.ErrUnsupported,
			Message: "Hearth cannot attach images to X posts yet", Action: "remove the images from the X version"}
	}
	if p.PublishAt.After(c.now().Add(clockSkew)) {
		return core.Published{}, &core.RemoteError{Problem: core.ProblemConfig, Err: core.ErrUnsupported,
			Message: "X cannot schedule posts", Action: "let Hearth publish it at the time"}
	}
	t, err := c.api.post(ctx, p.Text, "")
	if err != nil {
		return core.Published{}, writeFailed(ctx, "publish", err)
	}
	return c.published(t), nil
}

// FindPublished looks in our own timeline, since the first attempt, for a
// post with the same text.
func (c *Conn) FindPublished(ctx context.Context, p core.Publication) (core.Published, bool, error) {
	me, err := c.whoAmI(ctx)
	if err != nil {
		return core.Published{}, false, err
	}
	own, err := c.api.timeline(ctx, me, p.Since.Add(-clockSkew))
	if err != nil {
		return core.Published{}, false, classify(ctx, "read own posts", err)
	}
	for _, t := range own {
		if t.ReplyTo == "" && sameText(t.Text, p.Text) {
			return c.published(t), true, nil
		}
	}
	return core.Published{}, false, nil
}

func (c *Conn) published(t tweet) core.Published {
	at := t.CreatedAt
	if at.IsZero() {
		at = c.now() // v2 answers a create with the id and text only
	}
	c.mu.Lock()
	handle := c.handle
	c.mu.Unlock()
	url := "https://x.com/i/web/status/" + t.ID
	if handle != "" {
		url = "https://x.com/" + handle + "/status/" + t.ID
	}
	return core.Published{RemoteID: t.ID, URL: url, At: at}
}
