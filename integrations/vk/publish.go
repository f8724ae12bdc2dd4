package vk

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/SevereCloud/vksdk/v2/api"
	"github.com/SevereCloud/vksdk/v2/object"

	"github.com/hearthhq/hearth/core"
)

// findWindow is how far before the first attempt a crash check accepts a
// post's date: clocks differ.
const findWindow = 2 * time.Minute

// Publish posts on the community's wall as the community, now or at
// PublishAt (VK publishes a postponed post itself), with guid = Key, its
// pictures uploaded first (see photos.go). A failure before wall.post is
// core.NotPosted: no post can exist.
func (c *Conn) Publish(ctx context.Context, pub core.Publication) (core.Published, error) {
	atts, err := c.attachments(ctx, pub)
	if err != nil {
		return core.Published{}, core.NotPosted(err)
	}
	p := api.Params{"owner_id": c.owner, "from_group": 1, "message": pub.Text, "guid": pub.Key}
	if len(atts) > 0 {
		p["attachments"] = strings.Join(atts, ",")
	}
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
// postponed ones, for a scheduled post) for one with the text (and the
// first picture, when its photo was saved), dated after the first
// attempt. VK's guid would also deduplicate a repeat, but a crash check
// must not post.
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
		if p, ok := matchPost(r.Items, text, savedPhoto(pub), pub.Since.Add(-findWindow)); ok {
			return c.published(p.ID, unix(p.Date)), true, nil
		}
	}
	return core.Published{}, false, nil
}

func matchPost(posts []object.WallWallpost, text, photo string, since time.Time) (object.WallWallpost, bool) {
	for _, p := range posts {
		if strings.TrimSpace(p.Text) == text && !unix(p.Date).Before(since) && (photo == "" || slices.Contains(postPhotos(p.Attachments), photo)) {
			return p, true
		}
	}
	return object.WallWallpost{}, false
}

// savedPhoto is the attachment of the publication's first picture or
// video, when an attempt saved it ("" otherwise).
func savedPhoto(pub core.Publication) string {
	if len(pub.Images) > 0 {
		if up := pub.Images[0].Upload; strings.HasPrefix(up, "photo") || strings.HasPrefix(up, "video") {
			return up
		}
	}
	return ""
}
