package vk

import (
	"context"
	"fmt"

	"github.com/SevereCloud/vksdk/v2/api"
	"github.com/SevereCloud/vksdk/v2/object"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// syncMessages reads the conversations whose last message is newer than
// the one read before, each back to where the last pass stopped.
func (c *Conn) syncMessages(ctx context.Context, s engine.Session, a authors) error {
	var mc messagesCursor
	found, err := loadJSON(ctx, s, messagesKey, &mc)
	if err != nil {
		return err
	}
	if !found {
		mc.Since = backfillStart(c.set.BackfillDays, c.now())
	}
	if mc.Last == nil {
		mc.Last = map[int]int{}
	}
	var r api.MessagesGetConversationsResponse
	p := api.Params{"count": 200, "extended": 1, "fields": userFields}
	if err := c.call(ctx, "messages.getConversations", p, func(p api.Params) (err error) {
		r, err = c.vk.MessagesGetConversations(p)
		return
	}); err != nil {
		return err
	}
	a.add(r.Profiles)
	for _, cv := range r.Items {
		peer := cv.Conversation.Peer.ID
		if cv.LastMessage.ID <= mc.Last[peer] || int64(cv.LastMessage.Date) < mc.Since {
			continue
		}
		if err := c.syncConversation(ctx, s, &mc, peer, cv.LastMessage.ID, a); err != nil {
			return err
		}
	}
	return nil
}

// syncConversation commits one conversation's new messages.
func (c *Conn) syncConversation(ctx context.Context, s engine.Session, mc *messagesCursor, peer, last int, a authors) error {
	msgs, users, err := c.readHistory(ctx, peer, mc.Last[peer], mc.Since)
	if err != nil {
		return err
	}
	a.add(users)
	ids := make([]string, len(msgs))
	for i, m := range msgs {
		ids[i] = msgRID(m.PeerID, m.ID)
	}
	known, err := s.Known(ctx, ids)
	if err != nil {
		return fmt.Errorf("vk: known messages of %d: %w", peer, err)
	}
	b := core.Batch{Identities: identities(users)}
	for i, m := range msgs {
		if !known[ids[i]] {
			b.Items = append(b.Items, c.messageItem(m, a))
		}
	}
	mc.Last[peer] = last
	b.Cursors = map[string][]byte{messagesKey: cursorBytes(mc)}
	if err := s.Commit(ctx, b); err != nil {
		return fmt.Errorf("vk: save messages of %d: %w", peer, err)
	}
	return nil
}

// readHistory pages back through a conversation (newest first) to the
// message after, or to the window start.
func (c *Conn) readHistory(ctx context.Context, peer, after int, since int64) ([]object.MessagesMessage, []object.UsersUser, error) {
	var out []object.MessagesMessage
	var users []object.UsersUser
	for offset := 0; ; {
		var r api.MessagesGetHistoryResponse
		p := api.Params{"peer_id": peer, "offset": offset, "count": 200, "extended": 1, "fields": userFields}
		if err := c.call(ctx, "messages.getHistory", p, func(p api.Params) (err error) {
			r, err = c.vk.MessagesGetHistory(p)
			return
		}); err != nil {
			return nil, nil, err
		}
		users = append(users, r.Profiles...)
		for _, m := range r.Items {
			if m.ID <= after || int64(m.Date) < since {
				return out, users, nil
			}
			out = append(out, m)
		}
		offset += len(r.Items)
		if len(r.Items) == 0 || offset >= r.Count {
			return out, users, nil
		}
	}
}
