package vk

import (
	"context"
	"fmt"
	"slices"
	"time"

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
// them oldest first: each post whose comment count changed with all its
// comments, the others together (their counters refreshed). A watched post
// missing from the wall was deleted. Each post's comments are also read in
// full once per connection and every checkEvery: what was deleted or edited
// while Hearth was closed, or while a deletion and a new comment left the
// count unchanged, is caught then.
func (c *Conn) syncWall(ctx context.Context, s engine.Session, w *wallCursor, a authors) error {
	now := c.now()
	cutoff := w.cutoff(now)
	posts, err := c.readWall(ctx, cutoff)
	if err != nil {
		return err
	}
	slices.Reverse(posts)
	quiet := core.Batch{Removed: w.gonePosts(c.owner, posts, cutoff)}
	w.prune(now)
	for i, p := range posts {
		s.Progress(i, len(posts))
		if w.Deleted[p.ID] != 0 { // deleted, then restored on VK
			delete(w.Deleted, p.ID)
			quiet.Removed[postRID(c.owner, p.ID)] = false
		}
		st, known := w.Posts[p.ID]
		checked := c.checkedPost(p.ID) && now.Sub(unix(int(st.Checked))) < checkEvery
		if known && st.Comments == p.Comments.Count && checked {
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

// checkedPost says whether this connection read the post's comments in full.
func (c *Conn) checkedPost(id int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.checked[id]
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

// syncPost commits one post with all its live comments: new ones are
// added, edited ones refreshed, and the stored ones VK no longer lists are
// marked deleted (Batch.Present of the post's scope).
func (c *Conn) syncPost(ctx context.Context, s engine.Session, w *wallCursor, p object.WallWallpost, a authors) error {
	b := core.Batch{Items: []core.Item{c.postItem(p, a)}}
	st := postState{Date: int64(p.Date), Comments: p.Comments.Count, LastComment: w.Posts[p.ID].LastComment,
		Checked: c.now().Unix()}
	live := []string{}
	if p.Comments.Count > 0 {
		cms, users, err := c.readComments(ctx, p.ID)
		if err != nil {
			return err
		}
		a.add(users)
		b.Identities = identities(users)
		for _, cm := range cms {
			it := c.commentItem(cm, p.ID, a)
			b.Items = append(b.Items, it)
			if !it.Deleted {
				live = append(live, it.Location)
			}
			st.LastComment = max(st.LastComment, cm.ID)
		}
	}
	b.Present = map[string][]string{postScope(p.ID): live}
	w.Posts[p.ID] = st
	w.Newest = max(w.Newest, p.ID)
	b.Cursors = map[string][]byte{wallKey: cursorBytes(w)}
	if err := s.Commit(ctx, b); err != nil {
		return fmt.Errorf("vk: save post %d: %w", p.ID, err)
	}
	c.mu.Lock()
	if c.checked == nil {
		c.checked = map[int]bool{}
	}
	c.checked[p.ID] = true
	c.mu.Unlock()
	return nil
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

// membershipChanges are the joins and leaves between two sorted member
// lists, as of now.
func membershipChanges(before, after []int, now time.Time) []core.MembershipEvent {
	var out []core.MembershipEvent
	for _, id := range after {
		if _, found := slices.BinarySearch(before, id); !found {
			out = append(out, core.MembershipEvent{Kind: core.MemberJoined, Address: userAddress(id), At: now})
		}
	}
	for _, id := range before {
		if _, found := slices.BinarySearch(after, id); !found {
			out = append(out, core.MembershipEvent{Kind: core.MemberLeft, Address: userAddress(id), At: now})
		}
	}
	return out
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
// Compared with the list of the day before, it tells who joined or left
// while no long-poll event said so (Hearth closed): those are recorded as
// of the read; a change the events recorded already is not repeated (the
// store keeps a join after a join once).
func (c *Conn) syncMembers(ctx context.Context, s engine.Session) error {
	var mc membersCursor
	if _, err := loadJSON(ctx, s, membersKey, &mc); err != nil {
		return err
	}
	now := c.now()
	if now.Sub(unix(int(mc.ReadAt))) < membersEvery {
		return nil
	}
	var ids []int
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
		for _, u := range r.Items {
			ids = append(ids, u.ID)
		}
		b := core.Batch{Identities: identities(r.Items)}
		if len(r.Items) == 0 || offset >= r.Count {
			slices.Sort(ids)
			ids = slices.Compact(ids)
			if mc.Listed {
				b.Memberships = membershipChanges(mc.IDs, ids, now)
			}
			b.Cursors = map[string][]byte{membersKey: cursorBytes(membersCursor{ReadAt: now.Unix(), IDs: ids, Listed: true})}
		}
		if err := s.Commit(ctx, b); err != nil {
			return fmt.Errorf("vk: save members: %w", err)
		}
		if b.Cursors != nil {
			return nil
		}
	}
}
