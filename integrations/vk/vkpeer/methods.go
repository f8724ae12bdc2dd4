package vkpeer

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

func itoa(n int) string { return strconv.Itoa(n) }

func fieldSet(f form) map[string]bool {
	out := map[string]bool{}
	for _, s := range strings.Split(f.str("fields"), ",") {
		out[strings.TrimSpace(s)] = true
	}
	return out
}

func (p *Peer) checkOwner(f form) *apiError {
	if f.int("owner_id", 0) != -p.opt.GroupID {
		return &apiError{15, "Access denied: wrong owner_id"}
	}
	return nil
}

func (p *Peer) groupsGetByID(f form) (any, *apiError) {
	if id := f.str("group_id"); id != "" && id != itoa(p.opt.GroupID) {
		return nil, &apiError{100, "One of the parameters specified was missing or invalid: group_id is undefined"}
	}
	g := p.groupJSON()
	if fieldSet(f)["members_count"] {
		g["members_count"] = len(p.members) + p.unlisted
	}
	return []map[string]any{g}, nil
}

func (p *Peer) groupsGetMembers(f form) (any, *apiError) {
	ids := make([]int, 0, len(p.members))
	for id := range p.members {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	lo, hi := page(f, len(ids), 1000, 1000)
	fields := fieldSet(f)
	items := []any{}
	for _, id := range ids[lo:hi] {
		if u := p.users[id]; u != nil && f.str("fields") != "" {
			items = append(items, p.userJSON(u, fields))
		} else {
			items = append(items, id)
		}
	}
	return map[string]any{"count": len(ids), "items": items}, nil
}

func (p *Peer) groupsGetLongPollServer(f form) (any, *apiError) {
	return map[string]any{"key": p.lpKey, "server": p.srv.URL + "/lp", "ts": itoa(len(p.events))}, nil
}

func (p *Peer) groupsBan(f form) (any, *apiError) {
	id := f.int("owner_id", 0)
	if id <= 0 {
		return nil, errParam("owner_id")
	}
	b := Ban{UserID: id, Reason: f.int("reason", 0), Comment: f.str("comment")}
	if end := f.int("end_date", 0); end > 0 {
		b.EndDate = time.Unix(int64(end), 0)
	}
	p.bans[id] = b
	p.emit("user_block", map[string]any{"admin_id": 1, "user_id": id, "unblock_date": f.int("end_date", 0),
		"reason": b.Reason, "comment": b.Comment})
	return 1, nil
}

func (p *Peer) groupsUnban(f form) (any, *apiError) {
	delete(p.bans, f.int("owner_id", 0))
	return 1, nil
}

func (p *Peer) usersGet(f form) (any, *apiError) {
	fields := fieldSet(f)
	out := []map[string]any{}
	for _, id := range f.ints("user_ids") {
		if u := p.users[id]; u != nil {
			out = append(out, p.userJSON(u, fields))
		}
	}
	return out, nil
}

func (p *Peer) wallGet(f form) (any, *apiError) {
	if err := p.checkOwner(f); err != nil {
		return nil, err
	}
	postponed := f.str("filter") == "postponed"
	var list []*Post
	for _, po := range p.posts {
		if p.postponed(po) == postponed && (f.str("filter") != "owner" || po.FromID == -p.opt.GroupID) {
			list = append(list, po)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID > list[j].ID })
	lo, hi := page(f, len(list), 20, 100)
	items := []any{}
	for _, po := range list[lo:hi] {
		items = append(items, p.postJSON(po))
	}
	return map[string]any{"count": len(list), "items": items}, nil
}

func (p *Peer) wallGetComments(f form) (any, *apiError) {
	if err := p.checkOwner(f); err != nil {
		return nil, err
	}
	po := p.posts[f.int("post_id", 0)]
	if po == nil {
		return nil, &apiError{100, "One of the parameters specified was missing or invalid: post_id is undefined"}
	}
	level := p.level(po.ID, f.int("comment_id", 0))
	if f.str("sort") == "desc" {
		sort.Slice(level, func(i, j int) bool { return level[i].ID > level[j].ID })
	}
	lo, hi := page(f, len(level), 10, 100)
	authors := map[int]bool{}
	items := []any{}
	for _, c := range level[lo:hi] {
		items = append(items, p.withThread(c, f.int("thread_items_count", 0), authors))
	}
	res := map[string]any{"count": len(level), "current_level_count": len(level), "can_post": 1,
		"show_reply_button": 1, "groups_can_post": true, "items": items}
	if f.bool("extended") {
		res["profiles"] = p.profiles(authors, fieldSet(f))
		res["groups"] = []any{p.groupJSON()}
	}
	return res, nil
}

// level lists the live comments of a post at one level: the top-level
// ones (parent 0) or the replies in the thread of parent, oldest first.
func (p *Peer) level(postID, parent int) []*Comment {
	var out []*Comment
	for _, c := range p.sortedComments() {
		if c.PostID != postID || c.Deleted {
			continue
		}
		top := c.ReplyTo == 0
		if (parent == 0 && top) || (parent != 0 && !top && p.thread(c).ID == parent) {
			out = append(out, c)
		}
	}
	return out
}

func (p *Peer) withThread(c *Comment, n int, authors map[int]bool) map[string]any {
	authors[c.FromID] = true
	m := p.commentJSON(c)
	if c.ReplyTo != 0 {
		return m
	}
	replies := p.level(c.PostID, c.ID)
	items := []any{}
	for i, r := range replies {
		if i >= n {
			break
		}
		authors[r.FromID] = true
		items = append(items, p.commentJSON(r))
	}
	m["thread"] = map[string]any{"count": len(replies), "items": items, "can_post": true,
		"show_reply_button": true, "groups_can_post": true}
	return m
}

func (p *Peer) wallCreateComment(f form) (any, *apiError) {
	if err := p.checkOwner(f); err != nil {
		return nil, err
	}
	po := p.posts[f.int("post_id", 0)]
	if po == nil {
		return nil, &apiError{100, "One of the parameters specified was missing or invalid: post_id is undefined"}
	}
	guid := f.str("guid")
	for _, c := range p.comments {
		if guid != "" && c.GUID == guid && c.PostID == po.ID {
			return map[string]any{"comment_id": c.ID, "parents_stack": []int{}}, nil
		}
	}
	text := f.str("message")
	if text == "" && f.str("attachments") == "" {
		return nil, errParam("message is empty")
	}
	atts, aerr := p.attachments(f.str("attachments"))
	if aerr != nil {
		return nil, aerr
	}
	from := 1 // the admin behind a user token
	// wall.createComment's from_group is the community's id (wall.post's is a flag).
	if g := f.int("from_group", 0); g == p.opt.GroupID || g == 1 {
		from = -p.opt.GroupID
	}
	reply := f.int("reply_to_comment", 0)
	if reply != 0 && p.comments[reply] == nil {
		return nil, &apiError{100, "One of the parameters specified was missing or invalid: reply_to_comment"}
	}
	id := p.addComment(Comment{PostID: po.ID, FromID: from, Text: text, ReplyTo: reply, GUID: guid, Attachments: atts})
	return map[string]any{"comment_id": id, "parents_stack": []int{}}, nil
}

func (p *Peer) wallPost(f form) (any, *apiError) {
	if err := p.checkOwner(f); err != nil {
		return nil, err
	}
	guid := f.str("guid")
	for _, po := range p.posts {
		if guid != "" && po.GUID == guid {
			return map[string]any{"post_id": po.ID}, nil
		}
	}
	if f.str("message") == "" && f.str("attachments") == "" {
		return nil, errParam("message is empty")
	}
	atts, aerr := p.attachments(f.str("attachments"))
	if aerr != nil {
		return nil, aerr
	}
	po := Post{Text: f.str("message"), GUID: guid, Attachments: atts}
	if !f.bool("from_group") {
		po.FromID = 1
	}
	if at := f.int("publish_date", 0); at > 0 {
		po.PublishDate = time.Unix(int64(at), 0)
	}
	return map[string]any{"post_id": p.addPost(po)}, nil
}

func (p *Peer) wallDeleteComment(f form) (any, *apiError) {
	if err := p.checkOwner(f); err != nil {
		return nil, err
	}
	if !p.setDeleted(f.int("comment_id", 0), true, -p.opt.GroupID) {
		return nil, &apiError{100, "One of the parameters specified was missing or invalid: comment_id"}
	}
	return 1, nil
}

func (p *Peer) wallRestoreComment(f form) (any, *apiError) {
	if err := p.checkOwner(f); err != nil {
		return nil, err
	}
	if !p.setDeleted(f.int("comment_id", 0), false, 0) {
		return nil, &apiError{100, "One of the parameters specified was missing or invalid: comment_id"}
	}
	return 1, nil
}

func (p *Peer) messagesSend(f form) (any, *apiError) {
	peer := f.int("peer_id", f.int("user_id", 0))
	if peer <= 0 {
		return nil, errParam("peer_id")
	}
	rid := f.int("random_id", 0)
	for _, m := range p.messages {
		if rid != 0 && m.PeerID == peer && m.RandomID == rid {
			return m.ID, nil
		}
	}
	if !p.canMessage(peer) {
		return nil, errNoPermission
	}
	m := &Message{ID: p.nextMsg, PeerID: peer, FromID: -p.opt.GroupID, Out: true, Date: p.opt.Now(),
		Text: f.str("message"), RandomID: rid}
	p.nextMsg++
	p.messages = append(p.messages, m)
	p.emit("message_reply", p.messageJSON(m))
	return m.ID, nil
}

func (p *Peer) messagesGetHistory(f form) (any, *apiError) {
	peer := f.int("peer_id", 0)
	var list []*Message
	for i := len(p.messages) - 1; i >= 0; i-- { // newest first
		if p.messages[i].PeerID == peer {
			list = append(list, p.messages[i])
		}
	}
	lo, hi := page(f, len(list), 20, 200)
	items := []any{}
	authors := map[int]bool{peer: true}
	for _, m := range list[lo:hi] {
		items = append(items, p.messageJSON(m))
	}
	res := map[string]any{"count": len(list), "items": items}
	if f.bool("extended") {
		res["profiles"] = p.profiles(authors, fieldSet(f))
	}
	return res, nil
}

func (p *Peer) messagesGetConversations(f form) (any, *apiError) {
	last := map[int]*Message{}
	for _, m := range p.messages {
		last[m.PeerID] = m
	}
	list := make([]*Message, 0, len(last))
	for _, m := range last {
		list = append(list, m)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID > list[j].ID })
	lo, hi := page(f, len(list), 20, 200)
	items := []any{}
	authors := map[int]bool{}
	for _, m := range list[lo:hi] {
		authors[m.PeerID] = true
		items = append(items, map[string]any{
			"conversation": map[string]any{"peer": map[string]any{"id": m.PeerID, "type": "user", "local_id": m.PeerID},
				"last_message_id": m.ID, "in_read": m.ID, "out_read": m.ID, "can_write": map[string]any{"allowed": true}},
			"last_message": p.messageJSON(m)})
	}
	res := map[string]any{"count": len(list), "items": items}
	if f.bool("extended") {
		res["profiles"] = p.profiles(authors, fieldSet(f))
	}
	return res, nil
}
