package vk

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/SevereCloud/vksdk/v2/api"

	"github.com/hearthhq/hearth/core"
)

// Reply answers as the community: a comment under a post or in a
// comment's thread (guid = idemKey, so VK makes it once), or a community
// message (random_id derived from idemKey, which VK deduplicates).
func (c *Conn) Reply(ctx context.Context, to core.Item, r core.Reply, idemKey string) (string, error) {
	ref, err := parseRID(to.RemoteID)
	if err != nil {
		return "", err
	}
	text := strings.TrimSpace(r.Text)
	if text == "" && len(r.Images) == 0 {
		return "", fmt.Errorf("vk: reply: %w", errEmpty)
	}
	var rid string
	if ref.Kind == core.ItemVKMessage {
		if len(r.Images) > 0 {
			return "", errMessagePhotos
		}
		rid, err = c.sendMessage(ctx, ref.Peer, text, idemKey)
	} else {
		// The photos go up first (photos.go), each step recorded: a
		// failure there made no comment and is retried as it is.
		atts, aerr := c.attachments(ctx, r.Pictures())
		if aerr != nil {
			return "", aerr
		}
		rid, err = c.createComment(ctx, ref, text, atts, idemKey)
	}
	if err != nil {
		// A reply that may have reached VK is marked so: the outbox checks
		// (FindReply) before any retry, it never resends blindly.
		return "", core.MarkUnknown(err)
	}
	return rid, nil
}

var errEmpty = &core.RemoteError{Problem: core.ProblemConfig, Message: "the reply is empty", Action: "write something first"}

var errMessagePhotos = &core.RemoteError{Problem: core.ProblemConfig, Err: core.ErrUnsupported,
	Message: "Hearth sends no pictures in VK community messages yet", Action: "send the text alone, or answer with a comment"}

func (c *Conn) createComment(ctx context.Context, ref ref, text string, atts []string, guid string) (string, error) {
	p := api.Params{"owner_id": c.owner, "post_id": ref.Post, "from_group": c.set.GroupID,
		"message": text, "guid": guid}
	if len(atts) > 0 {
		p["attachments"] = strings.Join(atts, ",")
	}
	if ref.Comment != 0 {
		p["reply_to_comment"] = ref.Comment
	}
	var r api.WallCreateCommentResponse
	err := c.call(ctx, "wall.createComment", p, func(p api.Params) (err error) { r, err = c.vk.WallCreateComment(p); return })
	if err != nil {
		return "", err
	}
	return commentRID(c.owner, ref.Post, r.CommentID), nil
}

func (c *Conn) sendMessage(ctx context.Context, peer int, text, idemKey string) (string, error) {
	p := api.Params{"peer_id": peer, "random_id": randomID(idemKey), "message": text}
	var id int
	err := c.call(ctx, "messages.send", p, func(p api.Params) (err error) { id, err = c.vk.MessagesSend(p); return })
	if err != nil {
		return "", err
	}
	return msgRID(peer, id), nil
}

// randomID maps an idempotency key to messages.send's random_id: the same
// key gives the same id on every attempt. Never 0, which VK reads as "no
// deduplication".
func randomID(key string) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32()&0x7fffffff) | 1
}

// Delivered checks a community message by its random_id. A comment keeps
// no key VK shows back: the outbox uses FindReply (the text) for those,
// and a resend carries the same guid anyway.
func (c *Conn) Delivered(ctx context.Context, to core.Item, idemKey string) (bool, error) {
	_, found, err := c.FindReply(ctx, to, core.Reply{}, idemKey)
	return found, err
}

// FindReply looks for what an earlier attempt made: the message with our
// random_id, or the community's comment with the reply's text at the
// place the reply goes.
func (c *Conn) FindReply(ctx context.Context, to core.Item, r core.Reply, idemKey string) (string, bool, error) {
	ref, err := parseRID(to.RemoteID)
	if err != nil {
		return "", false, err
	}
	if ref.Kind == core.ItemVKMessage {
		return c.findMessage(ctx, ref.Peer, randomID(idemKey))
	}
	text := strings.TrimSpace(r.Text)
	photo := savedPhoto(r.Pictures())
	if text == "" && photo == "" {
		return "", false, nil
	}
	return c.findComment(ctx, ref, text, photo)
}

func (c *Conn) findMessage(ctx context.Context, peer, rid int) (string, bool, error) {
	var r api.MessagesGetHistoryResponse
	p := api.Params{"peer_id": peer, "count": 50}
	if err := c.call(ctx, "messages.getHistory", p, func(p api.Params) (err error) {
		r, err = c.vk.MessagesGetHistory(p)
		return
	}); err != nil {
		return "", false, err
	}
	for _, m := range r.Items {
		if m.Out && m.RandomID == rid {
			return msgRID(peer, m.ID), true, nil
		}
	}
	return "", false, nil
}

// findComment reads the level the reply went to (the post's top level or
// the thread of the answered comment) for a community comment with text
// (and the photo, when one was saved: a comment of a photo alone has no
// text to tell it by).
func (c *Conn) findComment(ctx context.Context, ref ref, text, photo string) (string, bool, error) {
	thread := 0
	if ref.Comment != 0 {
		thread = ref.Comment
		if top, err := c.threadOf(ctx, ref); err == nil && top != 0 {
			thread = top
		}
	}
	cms, _, err := c.readLevel(ctx, ref.Post, thread)
	if err != nil {
		return "", false, err
	}
	for _, cm := range cms {
		if cm.FromID == c.owner && strings.TrimSpace(cm.Text) == text &&
			(ref.Comment == 0 || cm.ReplyToComment == ref.Comment) &&
			(photo == "" || slices.Contains(commentPhotos(cm.Attachments), photo)) {
			return commentRID(c.owner, ref.Post, cm.ID), true, nil
		}
	}
	return "", false, nil
}

// threadOf is the top-level comment of the thread a comment is in.
func (c *Conn) threadOf(ctx context.Context, ref ref) (int, error) {
	top, _, err := c.readLevel(ctx, ref.Post, 0)
	if err != nil {
		return 0, err
	}
	for _, cm := range top {
		if cm.ID == ref.Comment {
			return cm.ID, nil
		}
		for _, r := range cm.Thread.Items {
			if r.ID == ref.Comment {
				return cm.ID, nil
			}
		}
	}
	return 0, nil
}
