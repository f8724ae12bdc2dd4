package vk

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/SevereCloud/vksdk/v2/api"
	"github.com/SevereCloud/vksdk/v2/object"

	"github.com/hearthhq/hearth/core"
)

// findWindow is how far before the first attempt a crash check accepts a
// post's date: clocks differ.
const findWindow = 2 * time.Minute

// errMedia refuses a post with images; not ErrUnsupported, which would
// read as "this account cannot publish" at all.
var errMedia = &core.RemoteError{Problem: core.ProblemConfig,
	Message: "Hearth cannot attach images to VK posts yet", Action: "remove the images, or post them on vk.com"}

// Publish posts on the community's wall as the community, now or at
// PublishAt (VK publishes a postponed post itself), with guid = Key.
func (c *Conn) Publish(ctx context.Context, pub core.Publication) (core.Published, error) {
	if len(pub.Media) > 0 {
		return core.Published{}, errMedia
	}
	p := api.Params{"owner_id": c.owner, "from_group": 1, "message": pub.Text, "guid": pub.Key}
	at := c.now()
	if pub.PublishAt.After(at) {
		p["publish_date"] = pub.PublishAt.Unix()
		at = pub.PublishAt
	}
	var r api.WallPostResponse
	if err := c.call(ctx, "wall.post", p, func(p api.Params) (err error) { r, err = c.vk.WallPost(p); return }); err != nil {
		return core.Published{}, err
	}
	return c.published(r.PostID, at), nil
}

func (c *Conn) published(id int, at time.Time) core.Published {
	return core.Published{RemoteID: postRID(c.owner, id),
		URL: fmt.Sprintf("https://vk.com/wall%d_%d", c.owner, id), At: at.UTC()}
}

// FindPublished looks among the community's newest own posts (and its
// postponed ones, for a scheduled post) for one with the text, dated
// after the first attempt. VK's guid would also deduplicate a repeat, but
// a crash check must not post.
func (c *Conn) FindPublished(ctx context.Context, pub core.Publication) (core.Published, bool, error) {
	filters := []string{"owner"}
	if pub.PublishAt.After(c.now()) {
		filters = append(filters, "postponed")
	}
	text := strings.TrimSpace(pub.Text)
	for _, f := range filters {
		r, err := c.wallGet(ctx, f, 0, 100)
		if err != nil {
			return core.Published{}, false, err
		}
		if p, ok := matchPost(r.Items, text, pub.Since.Add(-findWindow)); ok {
			return c.published(p.ID, unix(p.Date)), true, nil
		}
	}
	return core.Published{}, false, nil
}

func matchPost(posts []object.WallWallpost, text string, since time.Time) (object.WallWallpost, bool) {
	for _, p := range posts {
		if strings.TrimSpace(p.Text) == text && !unix(p.Date).Before(since) {
			return p, true
		}
	}
	return object.WallWallpost{}, false
}
