package x

import (
	"context"

	"github.com/hearthhq/hearth/core"
)

// Publish posts now, its pictures uploaded first (see media.go); a
// failure before the post itself is core.NotPosted. X has no scheduled
// posts through the API: they are refused for good.
func (c *Conn) Publish(ctx context.Context, p core.Publication) (core.Published, error) {
	if p.PublishAt.After(c.now().Add(clockSkew)) {
		return core.Published{}, &core.RemoteError{Problem: core.ProblemConfig, Err: core.ErrUnsupported,
			Message: "X cannot schedule posts", Action: "let Hearth publish it at the time"}
	}
	ids, err := c.mediaIDs(ctx, p)
	if err != nil {
		return core.Published{}, core.NotPosted(err)
	}
	t, err := c.api.post(ctx, p.Text, "", ids)
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
