package vk

import (
	"context"
	"fmt"
	"slices"

	"github.com/SevereCloud/vksdk/v2/api"
	"github.com/SevereCloud/vksdk/v2/object"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// Sync runs one pass: the long-poll events waiting since the last pass,
// then the wall (posts, and the comments of posts whose count changed),
// the community's conversations and, once a day, the member list. Each
// step commits with its cursor, so a failure keeps what was fetched.
func (c *Conn) Sync(ctx context.Context, s engine.Session) error {
	name, err := c.groupName(ctx)
	if err != nil {
		return err
	}
	a := authors{group: name, users: map[int]object.UsersUser{}}
	w, err := c.loadWall(ctx, s)
	if err != nil {
		return err
	}
	if err := c.applyEvents(ctx, s, &w, a); err != nil {
		return err
	}
	if err := c.syncWall(ctx, s, &w, a); err != nil {
		return err
	}
	if c.set.Messages {
		if err := c.syncMessages(ctx, s, a); err != nil {
			return err
		}
	}
	return c.syncMembers(ctx, s)
}

// syncWall reads the posts from the cutoff on, newest first, and commits
// them oldest first: each post whose comment count changed with its new
// comments, the others together (their counters refreshed).
func (c *Conn) syncWall(ctx context.Context, s engine.Session, w *wallCursor, a authors) error {
	posts, err := c.readWall(ctx, w.cutoff(c.now()))
	if err != nil {
		return err
	}
	slices.Reverse(posts)
	w.prune(c.now())
	quiet := core.Batch{}
	for i, p := range posts {
		s.Progress(i, len(posts))
		st, known := w.Posts[p.ID]
		if known && st.Comments == p.Comments.Count {
			quiet.Items = append(quiet.Items, c.postItem(p, a))
			continue
		}
		if err := c.syncPost(ctx, s, w, p, a); err != nil {
			return err
		}
	}
	quiet.Cursors = map[string][]byte{wallKey: cursorBytes(w)}
	if err := s.Commit(ctx, quiet); err != nil {
		return fmt.Errorf("vk: save posts: %w", err)
	}
	s.Progress(len(posts), len(posts))
	return nil
}

// readWall pages through wall.get until a post older than cutoff; a
// pinned post may be old and is skipped, not taken as the end.
func (c *Conn) readWall(ctx context.Context, cutoff int64) ([]object.WallWallpost, error) {
	var out []object.WallWallpost
	for offset := 0; ; offset += c.opt.PageSize {
		r, err := c.wallGet(ctx, "all", offset, c.opt.PageSize)
		if err != nil {
			return nil, err
		}
		for _, p := range r.Items {
			if int64(p.Date) >= cutoff {
				out = append(out, p)
			} else if !p.IsPinned {
				return out, nil
			}
		}
		if len(r.Items) == 0 || offset+len(r.Items) >= r.Count {
			return out, nil
		}
	}
}

// syncPost commits one post with its comments not yet stored.
func (c *Conn) syncPost(ctx context.Context, s engine.Session, w *wallCursor, p object.WallWallpost, a authors) error {
	b := core.Batch{Items: []core.Item{c.postItem(p, a)}}
	st := postState{Date: int64(p.Date), Comments: p.Comments.Count, LastComment: w.Posts[p.ID].LastComment}
	if p.Comments.Count > 0 {
		cms, users, err := c.readComments(ctx, p.ID)
		if err != nil {
			return err
		}
		a.add(users)
		b.Identities = identities(users)
		fresh, err := c.unknownComments(ctx, s, p.ID, cms)
		if err != nil {
			return err
		}
		for _, cm := range fresh {
			b.Items = append(b.Items, c.commentItem(cm, p.ID, a))
			st.LastComment = max(st.LastComment, cm.ID)
		}
	}
	w.Posts[p.ID] = st
	w.Newest = max(w.Newest, p.ID)
	b.Cursors = map[string][]byte{wallKey: cursorBytes(w)}
	if err := s.Commit(ctx, b); err != nil {
		return fmt.Errorf("vk: save post %d: %w", p.ID, err)
	}
	return nil
}

// unknownComments drops the comments already stored (pushed by long poll
// or read by an earlier pass).
func (c *Conn) unknownComments(ctx context.Context, s engine.Session, post int, cms []object.WallWallComment) ([]object.WallWallComment, error) {
	ids := make([]string, len(cms))
	for i, cm := range cms {
		ids[i] = commentRID(c.owner, post, cm.ID)
	}
	known, err := s.Known(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("vk: known comments of post %d: %w", post, err)
	}
	var out []object.WallWallComment
	for i, cm := range cms {
		if !known[ids[i]] {
			out = append(out, cm)
		}
	}
	return out, nil
}

// readComments reads every live comment of a post: the top level with the
// first replies of each thread, then the rest of the longer threads.
func (c *Conn) readComments(ctx context.Context, post int) ([]object.WallWallComment, []object.UsersUser, error) {
	top, users, err := c.readLevel(ctx, post, 0)
	if err != nil {
		return nil, nil, err
	}
	var out []object.WallWallComment
	for _, cm := range top {
		out = append(out, cm)
		replies := cm.Thread.Items
		if cm.Thread.Count > len(replies) {
			var more []object.UsersUser
			if replies, more, err = c.readLevel(ctx, post, cm.ID); err != nil {
				return nil, nil, err
			}
			users = append(users, more...)
		}
		for _, r := range replies {
			if len(r.ParentsStack) == 0 {
				r.ParentsStack = []int{cm.ID}
			}
			out = append(out, r)
		}
	}
	return out, users, nil
}

// readLevel pages through one level of comments.
func (c *Conn) readLevel(ctx context.Context, post, thread int) ([]object.WallWallComment, []object.UsersUser, error) {
	var cms []object.WallWallComment
	var users []object.UsersUser
	for offset := 0; ; {
		r, err := c.comments(ctx, post, thread, offset)
		if err != nil {
			return nil, nil, err
		}
		cms = append(cms, r.Items...)
		users = append(users, r.Profiles...)
		offset += len(r.Items)
		if len(r.Items) == 0 || offset >= r.CurrentLevelCount && offset >= r.Count {
			return cms, users, nil
		}
	}
}

// syncMembers reads the whole member list once a day into identities.
func (c *Conn) syncMembers(ctx context.Context, s engine.Session) error {
	var mc membersCursor
	if _, err := loadJSON(ctx, s, membersKey, &mc); err != nil {
		return err
	}
	now := c.now()
	if now.Sub(unix(int(mc.ReadAt))) < membersEvery {
		return nil
	}
	for offset := 0; ; {
		var r api.GroupsGetMembersFieldsResponse
		p := api.Params{"group_id": c.set.GroupID, "offset": offset, "count": 1000, "fields": userFields}
		err := c.call(ctx, "groups.getMembers", p, func(p api.Params) (err error) {
			r, err = c.vk.GroupsGetMembersFields(p)
			return
		})
		if err != nil {
			return err
		}
		offset += len(r.Items)
		b := core.Batch{Identities: identities(r.Items)}
		if len(r.Items) == 0 || offset >= r.Count {
			b.Cursors = map[string][]byte{membersKey: cursorBytes(membersCursor{ReadAt: now.Unix()})}
		}
		if err := s.Commit(ctx, b); err != nil {
			return fmt.Errorf("vk: save members: %w", err)
		}
		if b.Cursors != nil {
			return nil
		}
	}
}
