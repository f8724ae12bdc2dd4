package vk

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

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

// eventBatch maps events to a batch, asking VK for the people it names.
func (c *Conn) eventBatch(ctx context.Context, evs []events.GroupEvent, w *wallCursor, a authors) (core.Batch, error) {
	b := core.Batch{Removed: map[string]bool{}}
	for _, ev := range evs {
		if err := c.applyEvent(&b, ev, w, a); err != nil {
			return b, err
		}
	}
	users, err := c.lookup(ctx, b, a)
	if err != nil {
		return b, err
	}
	a.add(users)
	b.Identities = identities(users)
	for i := range b.Items { // names became known after the items were made
		if it := &b.Items[i]; !it.Outgoing {
			addr, _ := strconv.Atoi(it.Author.Address)
			it.Author = a.person(addr)
		}
	}
	return b, nil
}

func (c *Conn) applyEvent(b *core.Batch, ev events.GroupEvent, w *wallCursor, a authors) error {
	at := c.now()
	switch ev.Type {
	case events.EventWallReplyNew, events.EventWallReplyEdit, events.EventWallReplyRestore:
		var cm object.WallWallComment
		if err := decode(ev, &cm); err != nil {
			return err
		}
		it := c.commentItem(cm, cm.PostID, a)
		b.Items = append(b.Items, it)
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
		b.Items = append(b.Items, c.postItem(p, a))
	case events.EventGroupJoin:
		var j events.GroupJoinObject
		if err := decode(ev, &j); err != nil {
			return err
		}
		b.Memberships = append(b.Memberships, core.MembershipEvent{Kind: core.MemberJoined, Address: strconv.Itoa(j.UserID), At: at})
	case events.EventGroupLeave:
		var l events.GroupLeaveObject
		if err := decode(ev, &l); err != nil {
			return err
		}
		b.Memberships = append(b.Memberships, core.MembershipEvent{Kind: core.MemberLeft, Address: strconv.Itoa(l.UserID), At: at})
	case events.EventMessageNew:
		if !c.set.Messages {
			return nil
		}
		var m events.MessageNewObject
		if err := decode(ev, &m); err != nil {
			return err
		}
		b.Items = append(b.Items, c.messageItem(m.Message, a))
	}
	return nil
}

func decode(ev events.GroupEvent, v any) error {
	if err := json.Unmarshal(ev.Object, v); err != nil {
		return fmt.Errorf("vk: long poll %s event: %w", ev.Type, err)
	}
	return nil
}

// lookup asks users.get for the people the batch names and the pass does
// not know yet.
func (c *Conn) lookup(ctx context.Context, b core.Batch, a authors) ([]object.UsersUser, error) {
	seen := map[int]bool{}
	var ids []int
	want := func(addr string) {
		id, err := strconv.Atoi(addr)
		if err == nil && id > 0 && !seen[id] {
			if _, ok := a.users[id]; !ok {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	for _, it := range b.Items {
		want(it.Author.Address)
	}
	for _, m := range b.Memberships {
		want(m.Address)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return c.usersGet(ctx, ids)
}
