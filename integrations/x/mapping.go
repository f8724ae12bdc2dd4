package x

import (
	"github.com/hearthhq/hearth/core"
)

// itemOf maps a mention to an inbox item. author may be zero when X did
// not expand it; ours are the posts of the account that Hearth holds (see
// threadRefs).
func (c *Conn) itemOf(t tweet, author user, me string, ours map[string]bool) core.Item {
	it := core.Item{
		Kind: core.ItemXMention, RemoteID: t.ID, ThreadRefs: threadRefs(t, me, ours),
		Author: core.Person{Name: author.Name, Address: t.AuthorID, Handle: author.Handle},
		Text:   t.Text, CreatedAt: t.CreatedAt, // the store fills the snippet
		State:       core.StateNew,
		Stats:       core.ItemStats{Likes: t.Likes, Reposts: t.Retweets + t.Quotes, Comments: t.Replies},
		VIP:         author.Followers >= c.set.VIPFollowers,
		Attachments: t.Photos,
	}
	if t.AuthorID == me {
		it.Kind, it.Outgoing, it.State, it.Seen = core.ItemXReply, true, core.StateDone, true
		it.VIP = false
	}
	return it
}

// threadRefs are a tweet's ancestors, root first: the conversation's first
// tweet, then the one it answers. v1.1 knows only the latter; the store
// chains the thread through it.
//
// People answering one of our announcements are separate conversations,
// not one thread per announcement: a reply to a post of ours joins that
// post's conversation only when the post is one of our replies Hearth
// holds (ours), never when it is the root of its X conversation.
func threadRefs(t tweet, me string, ours map[string]bool) []string {
	if t.ReplyTo != "" && t.ReplyToUser == me && t.AuthorID != me {
		if t.ReplyTo == t.ConversationID || !ours[t.ReplyTo] {
			return nil
		}
		return []string{t.ReplyTo}
	}
	var refs []string
	if t.ConversationID != "" && t.ConversationID != t.ID {
		refs = append(refs, t.ConversationID)
	}
	if t.ReplyTo != "" && t.ReplyTo != t.ConversationID {
		refs = append(refs, t.ReplyTo)
	}
	return refs
}

// identityOf maps an author to the identity the member files keep.
func identityOf(u user) core.Identity {
	return core.Identity{Kind: core.IdentityX, Address: u.ID, Name: u.Name, Handle: u.Handle,
		PhotoURL: u.PhotoURL, Location: u.Location, Bio: u.Bio, Followers: u.Followers, Verified: u.Verified}
}
