package vk

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/SevereCloud/vksdk/v2/api"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// A comment or a post can be answered privately: a community message to
// its author, when the author allows messages from the community (VK
// refuses others with error 901). The message goes to the conversation
// with that user, where the member's private messages live.

var _ engine.Messenger = (*Conn)(nil)

// errNotAPerson refuses a private message to a community's post or comment.
var errNotAPerson = &core.RemoteError{Problem: core.ProblemConfig, Err: core.ErrUnsupported,
	Message: "this was written by a community, not a person: VK has no private messages to communities"}

// authorUser is the VK user who wrote it.
func authorUser(it core.Item) (int, bool) {
	id, err := parseUser(it.Author.Address)
	return id, err == nil && id > 0
}

// CanMessage asks VK whether the author of it allows messages from the
// community (messages.isMessagesFromGroupAllowed). A token without the
// messages right is a reason, not an error.
func (c *Conn) CanMessage(ctx context.Context, it core.Item) (bool, string, error) {
	uid, ok := authorUser(it)
	if !ok {
		return false, errNotAPerson.Message, nil
	}
	var r api.MessagesIsMessagesFromGroupAllowedResponse
	p := api.Params{"group_id": c.set.GroupID, "user_id": uid}
	err := c.call(ctx, "messages.isMessagesFromGroupAllowed", p, func(p api.Params) (err error) {
		r, err = c.vk.MessagesIsMessagesFromGroupAllowed(p)
		return
	})
	if re := core.AsRemote(err); re != nil && re.Problem == core.ProblemDenied {
		return false, re.Message + ": " + re.Action, nil
	}
	if err != nil {
		return false, "", err
	}
	if !bool(r.IsAllowed) {
		return false, firstNameOf(it.Author) + " does not allow messages from the community on VK", nil
	}
	return true, "", nil
}

// firstNameOf is how a sentence names a person.
func firstNameOf(p core.Person) string {
	if f := strings.Fields(p.Name); len(f) > 0 {
		return f[0]
	}
	return "This person"
}

// Message sends text to the author of it as a community message, with
// random_id derived from idemKey, as a reply to a conversation does. A
// refusal (901: they do not allow it) is definite; a lost answer is an
// unknown outcome, checked by FindMessage.
func (c *Conn) Message(ctx context.Context, it core.Item, text, idemKey string) (core.Item, error) {
	uid, ok := authorUser(it)
	if !ok {
		return core.Item{}, fmt.Errorf("vk: message: %w", errNotAPerson)
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return core.Item{}, fmt.Errorf("vk: message: %w", errEmpty)
	}
	rid, err := c.sendMessage(ctx, uid, text, idemKey)
	if err != nil {
		return core.Item{}, core.MarkUnknown(err)
	}
	return privateItem(uid, rid), nil
}

// FindMessage looks in the conversation with the author of it for our
// message with the random_id of idemKey.
func (c *Conn) FindMessage(ctx context.Context, it core.Item, _ string, idemKey string) (core.Item, bool, error) {
	uid, ok := authorUser(it)
	if !ok {
		return core.Item{}, false, errors.New("vk: find message: the author is not a VK user")
	}
	rid, found, err := c.findMessage(ctx, uid, randomID(idemKey))
	if err != nil || !found {
		return core.Item{}, false, err
	}
	return privateItem(uid, rid), true, nil
}

// privateItem is our message rid in the conversation with a user, threaded
// as the synced messages of that conversation are.
func privateItem(uid int, rid string) core.Item {
	return core.Item{Kind: core.ItemVKMessage, RemoteID: rid, ThreadRefs: []string{convRef(uid)}}
}
