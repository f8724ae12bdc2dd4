package vk

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/SevereCloud/vksdk/v2/events"
	"github.com/SevereCloud/vksdk/v2/object"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// applyEvents commits the long-poll events queued since the last pass in
// one batch. Pushed comments count in the wall cursor, so the polling
// part of the pass does not read their post again.
func (c *Conn) applyEvents(ctx context.Context, s engine.Session, w *wallCursor, a authors) error {
	evs := c.sh.take()
	if len(evs) == 0 {
		return nil
	}
	b, err := c.eventBatch(ctx, evs, w, a)
	if err == nil {
		b.Cursors = map[string][]byte{wallKey: cursorBytes(w)}
		if err = s.Commit(ctx, b); err != nil {
			err = fmt.Errorf("vk: save live updates: %w", err)
		}
	}
	if err != nil {
		c.sh.requeue(evs)
		return err
	}
	return nil
}

// pendingBatch is a batch being made from events, with the VK user behind
// each item and membership kept as ids: their names are looked up after
// the events are read.
type pendingBatch struct {
	core.Batch
	authors []int // the author of each of Batch.Items
	members []int // the user of each of Batch.Memberships
}

func (b *pendingBatch) addItem(it core.Item, author int) {
	b.Items = append(b.Items, it)
	b.authors = append(b.authors, author)
}

func (b *pendingBatch) addMember(kind core.MembershipKind, user int, at time.Time) {
	b.Memberships = append(b.Memberships, core.MembershipEvent{Kind: kind, Address: userAddress(user), At: at})
	b.members = append(b.members, user)
}

// eventBatch maps events to a batch, asking VK for the people it names.
func (c *Conn) eventBatch(ctx context.Context, evs []events.GroupEvent, w *wallCursor, a authors) (core.Batch, error) {
	b := pendingBatch{Batch: core.Batch{Removed: map[string]bool{}}}
	for _, ev := range evs {
		if err := c.applyEvent(&b, ev, w, a); err != nil {
			return b.Batch, err
		}
	}
	users, err := c.lookup(ctx, slices.Concat(b.authors, b.members), a)
	if err != nil {
		return b.Batch, err
	}
	a.add(users)
	b.Identities = identities(users)
	for i := range b.Items { // names became known after the items were made
		if it := &b.Items[i]; !it.Outgoing {
			it.Author = a.person(b.authors[i])
		}
	}
	return b.Batch, nil
}

func (c *Conn) applyEvent(b *pendingBatch, ev events.GroupEvent, w *wallCursor, a authors) error {
	at := c.now()
	switch ev.Type {
	case events.EventWallReplyNew, events.EventWallReplyEdit, events.EventWallReplyRestore:
		var cm object.WallWallComment
		if err := decode(ev, &cm); err != nil {
			return err
		}
		it := c.commentItem(cm, cm.PostID, a)
		b.addItem(it, cm.FromID)
		switch ev.Type {
		case events.EventWallReplyRestore:
			b.Removed[it.RemoteID] = false
			w.commentSeen(cm.PostID, cm.ID, 1)
		case events.EventWallReplyNew:
			w.commentSeen(cm.PostID, cm.ID, 1)
		}
	case events.EventWallReplyDelete:
		var d events.WallReplyDeleteObject
		if err := decode(ev, &d); err != nil {
			return err
		}
		b.Removed[commentRID(c.owner, d.PostID, d.ID)] = true
		w.commentSeen(d.PostID, 0, -1)
	case events.EventWallPostNew:
		var p object.WallWallpost
		if err := decode(ev, &p); err != nil {
			return err
		}
		if p.PostType == "postpone" || p.PostType == "suggest" {
			return nil
		}
		b.addItem(c.postItem(p, a), p.FromID)
	case events.EventGroupJoin:
		var j events.GroupJoinObject
		if err := decode(ev, &j); err != nil {
			return err
		}
		b.addMember(core.MemberJoined, j.UserID, at)
	case events.EventGroupLeave:
		var l events.GroupLeaveObject
		if err := decode(ev, &l); err != nil {
			return err
		}
		b.addMember(core.MemberLeft, l.UserID, at)
	case events.EventMessageNew:
		if !c.set.Messages {
			return nil
		}
		var m events.MessageNewObject
		if err := decode(ev, &m); err != nil {
			return err
		}
		b.addItem(c.messageItem(m.Message, a), c.messageAuthor(m.Message))
	}
	return nil
}

func decode(ev events.GroupEvent, v any) error {
	if err := json.Unmarshal(ev.Object, v); err != nil {
		return fmt.Errorf("vk: long poll %s event: %w", ev.Type, err)
	}
	return nil
}

// lookup asks users.get for the users among named (communities have
// negative ids) that the pass does not know yet.
func (c *Conn) lookup(ctx context.Context, named []int, a authors) ([]object.UsersUser, error) {
	seen := map[int]bool{}
	var ids []int
	for _, id := range named {
		if _, known := a.users[id]; id > 0 && !known && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return c.usersGet(ctx, ids)
}
