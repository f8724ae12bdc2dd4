package vk

import (
	"fmt"
	"strings"
	"time"

	"github.com/SevereCloud/vksdk/v2/object"

	"github.com/hearthhq/hearth/core"
)

// authors names the people a page of VK data mentions.
type authors struct {
	group string // the community's name
	users map[int]object.UsersUser
}

func (a authors) add(us []object.UsersUser) {
	for _, u := range us {
		a.users[u.ID] = u
	}
}

func (a authors) person(id int) core.Person {
	if id < 0 {
		return core.Person{Name: a.group, Address: userAddress(id)}
	}
	u := a.users[id]
	return core.Person{Name: fullName(u), Address: userAddress(id), Handle: u.ScreenName}
}

func fullName(u object.UsersUser) string {
	return strings.TrimSpace(u.FirstName + " " + u.LastName)
}

func unix(t int) time.Time { return time.Unix(int64(t), 0).UTC() }

// base fills what every VK item shares; our own ones are done and seen.
func (c *Conn) base(kind core.ItemKind, rid string, from, date int, text string, a authors) core.Item {
	it := core.Item{Kind: kind, RemoteID: rid, Author: a.person(from), Text: text,
		CreatedAt: unix(date), State: core.StateNew} // the store fills the snippet
	if from == c.owner {
		it.Outgoing, it.State, it.Seen = true, core.StateDone, true
	}
	return it
}

func (c *Conn) postItem(p object.WallWallpost, a authors) core.Item {
	it := c.base(core.ItemVKPost, postRID(c.owner, p.ID), p.FromID, p.Date, p.Text, a)
	it.Location = fmt.Sprintf("https://vk.com/wall%d_%d", c.owner, p.ID)
	it.Stats = core.ItemStats{Likes: p.Likes.Count, Reposts: p.Reposts.Count,
		Comments: p.Comments.Count, Views: p.Views.Count}
	it.Attachments = postPictures(p.Attachments)
	return it
}

// commentItem maps a comment; its thread refs are the post, then the
// thread's first comment and the comment it answers.
func (c *Conn) commentItem(cm object.WallWallComment, postID int, a authors) core.Item {
	it := c.base(core.ItemVKComment, commentRID(c.owner, postID, cm.ID), cm.FromID, cm.Date, cm.Text, a)
	it.Location = fmt.Sprintf("https://vk.com/wall%d_%d?reply=%d", c.owner, postID, cm.ID)
	it.Scope = postScope(postID)
	it.ThreadRefs = []string{postRID(c.owner, postID)}
	top := 0
	if len(cm.ParentsStack) > 0 {
		top = cm.ParentsStack[0]
	}
	if top != 0 && top != cm.ID {
		it.ThreadRefs = append(it.ThreadRefs, commentRID(c.owner, postID, top))
	}
	if r := cm.ReplyToComment; r != 0 && r != top {
		it.ThreadRefs = append(it.ThreadRefs, commentRID(c.owner, postID, r))
	}
	it.Deleted = bool(cm.Deleted)
	it.Attachments = commentPictures(cm.Attachments)
	return it
}

func (c *Conn) messageItem(m object.MessagesMessage, a authors) core.Item {
	it := c.base(core.ItemVKMessage, msgRID(m.PeerID, m.ID), c.messageAuthor(m), m.Date, m.Text, a)
	it.ThreadRefs = []string{convRef(m.PeerID)}
	it.Location = fmt.Sprintf("https://vk.com/gim%d?sel=%d", c.set.GroupID, m.PeerID)
	return it
}

// messageAuthor is who wrote a message: the community for its own.
func (c *Conn) messageAuthor(m object.MessagesMessage) int {
	if m.Out {
		return c.owner
	}
	return m.FromID
}

// identityOf maps a VK user to the identity the member files keep.
func identityOf(u object.UsersUser) core.Identity {
	return core.Identity{Kind: core.IdentityVK, Address: userAddress(u.ID), Name: fullName(u),
		Handle: u.ScreenName, PhotoURL: u.Photo100, Location: u.City.Title, Followers: u.FollowersCount}
}

func identities(us []object.UsersUser) []core.Identity {
	out := make([]core.Identity, 0, len(us))
	for _, u := range us {
		if u.ID > 0 {
			out = append(out, identityOf(u))
		}
	}
	return out
}
