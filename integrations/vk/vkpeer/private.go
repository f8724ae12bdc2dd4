package vkpeer

// A community may write to a user only when the user allows it: they
// pressed "Allow messages" in the community, or wrote to it first. A banned
// user cannot be written to. messages.send to anyone else fails with
// error 901, and messages.isMessagesFromGroupAllowed tells beforehand.

// errNoPermission is VK's answer to a message the user did not allow.
var errNoPermission = &apiError{901, "Can't send messages for users without permission"}

func init() {
	methods["messages.isMessagesFromGroupAllowed"] = (*Peer).messagesIsMessagesFromGroupAllowed
	rightOf["messages.isMessagesFromGroupAllowed"] = RightMessages
}

// AllowMessages sets whether a user allows messages from the community
// (as the user's "Allow messages" / "Deny messages" buttons do), and emits
// message_allow or message_deny.
func (p *Peer) AllowMessages(userID int, allow bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.msgAllow == nil {
		p.msgAllow = map[int]bool{}
	}
	p.msgAllow[userID] = allow
	if allow {
		p.emit("message_allow", map[string]any{"user_id": userID, "key": ""})
	} else {
		p.emit("message_deny", map[string]any{"user_id": userID})
	}
}

// canMessage reports whether the community may write to a user now.
func (p *Peer) canMessage(userID int) bool {
	if _, banned := p.bans[userID]; banned {
		return false
	}
	if allow, set := p.msgAllow[userID]; set {
		return allow
	}
	for _, m := range p.messages {
		if m.PeerID == userID && !m.Out {
			return true // they wrote first
		}
	}
	return false
}

func (p *Peer) messagesIsMessagesFromGroupAllowed(f form) (any, *apiError) {
	if f.int("group_id", 0) != p.opt.GroupID {
		return nil, errParam("group_id")
	}
	uid := f.int("user_id", 0)
	if uid <= 0 {
		return nil, errParam("user_id")
	}
	allowed := 0
	if p.canMessage(uid) {
		allowed = 1
	}
	return map[string]any{"is_allowed": allowed}, nil
}
