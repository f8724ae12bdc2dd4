package vkpeer

// VK's JSON shapes of API 5.131, built as maps so that the peer answers
// exactly the documented field names.

func (p *Peer) postJSON(po *Post) map[string]any {
	comments := 0
	for _, c := range p.comments {
		if c.PostID == po.ID && !c.Deleted {
			comments++
		}
	}
	typ := "post"
	if p.postponed(po) {
		typ = "postpone"
	}
	return map[string]any{
		"id": po.ID, "owner_id": -p.opt.GroupID, "from_id": po.FromID, "date": p.postDate(po),
		"text": po.Text, "post_type": typ, "marked_as_ads": 0, "is_favorite": false,
		"comments":    map[string]any{"count": comments, "can_post": 1, "groups_can_post": true},
		"likes":       map[string]any{"count": po.Likes, "user_likes": 0, "can_like": 1, "can_publish": 1},
		"reposts":     map[string]any{"count": po.Reposts, "user_reposted": 0},
		"views":       map[string]any{"count": po.Views},
		"post_source": map[string]any{"type": "api"},
		"attachments": p.attachmentsJSON(po.Attachments),
	}
}

func (p *Peer) postDate(po *Post) int64 {
	if !po.PublishDate.IsZero() {
		return po.PublishDate.Unix()
	}
	return po.Date.Unix()
}

func (p *Peer) commentJSON(c *Comment) map[string]any {
	m := map[string]any{
		"id": c.ID, "from_id": c.FromID, "date": c.Date.Unix(), "text": c.Text,
		"post_id": c.PostID, "owner_id": -p.opt.GroupID, "post_owner_id": -p.opt.GroupID,
		"parents_stack": []int{}, "attachments": p.attachmentsJSON(c.Attachments),
	}
	if c.ReplyTo != 0 {
		m["reply_to_comment"] = c.ReplyTo
		if parent := p.comments[c.ReplyTo]; parent != nil {
			m["reply_to_user"] = parent.FromID
		}
		m["parents_stack"] = []int{p.thread(c).ID}
	}
	return m
}

func (p *Peer) messageJSON(m *Message) map[string]any {
	out := 0
	if m.Out {
		out = 1
	}
	j := map[string]any{
		"id": m.ID, "date": m.Date.Unix(), "peer_id": m.PeerID, "from_id": m.FromID, "out": out,
		"text": m.Text, "conversation_message_id": m.ID, "fwd_messages": []any{}, "important": false,
		"attachments": []any{}, "is_hidden": false,
	}
	if m.Out {
		j["random_id"] = m.RandomID
	}
	return j
}

func (p *Peer) userJSON(u *User, fields map[string]bool) map[string]any {
	m := map[string]any{"id": u.ID, "first_name": u.FirstName, "last_name": u.LastName,
		"can_access_closed": true, "is_closed": false}
	if fields["screen_name"] && u.ScreenName != "" {
		m["screen_name"] = u.ScreenName
	}
	if fields["photo_100"] && u.Photo100 != "" {
		m["photo_100"] = u.Photo100
	}
	if fields["city"] && u.City != "" {
		m["city"] = map[string]any{"id": len(u.City), "title": u.City}
	}
	if fields["followers_count"] {
		m["followers_count"] = u.Followers
	}
	return m
}

func (p *Peer) groupJSON() map[string]any {
	return map[string]any{"id": p.opt.GroupID, "name": p.opt.GroupName, "screen_name": "club" + itoa(p.opt.GroupID),
		"is_closed": 0, "type": "group", "is_admin": 1, "admin_level": 3, "is_member": 1,
		"photo_100": "https://vk.example/images/community_100.png"}
}

// profiles lists the users among ids, with the asked fields.
func (p *Peer) profiles(ids map[int]bool, fields map[string]bool) []map[string]any {
	out := []map[string]any{}
	for id := range ids {
		if u := p.users[id]; u != nil {
			out = append(out, p.userJSON(u, fields))
		}
	}
	return out
}
