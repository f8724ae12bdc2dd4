package inbox

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// Channels asks an item's channel whether its author accepts a private
// message from the account (the engine does, through the connection).
type Channels interface {
	CanMessage(ctx context.Context, it core.Item) (ok bool, why string, err error)
}

// reachTTL is how long the channel's answer is trusted: a person who
// changes the setting is seen within a couple of minutes, and a composer
// opened again and again asks the channel once.
const reachTTL = 2 * time.Minute

// reachCache keeps the channels' recent answers, by account and author.
type reachCache struct {
	mu sync.Mutex
	m  map[reachKey]reach
}

type reachKey struct {
	account int64
	author  string
}

type reach struct {
	ok  bool
	why string
	at  time.Time
}

func (c *reachCache) get(k reachKey, now time.Time) (reach, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[k]
	return r, ok && now.Sub(r.at) < reachTTL && !now.Before(r.at)
}

func (c *reachCache) put(k reachKey, r reach) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[reachKey]reach{}
	}
	c.m[k] = r
}

// messagesPrivately reports whether the author of an item of kind k can be
// written to privately instead of answered in public.
func messagesPrivately(k core.ItemKind) bool {
	switch k {
	case core.ItemVKComment, core.ItemVKPost, core.ItemXMention, core.ItemXReply:
		return true
	}
	return false
}

// CanMessagePrivately says whether the author of the item can be written
// to privately now: a VK commenter who allows messages from the community,
// an X author who accepts direct messages. An e-mail or a private message
// is private already. The channel is asked, and its answer kept briefly.
func (s *Service) CanMessagePrivately(ctx context.Context, itemID int64) (bool, string, error) {
	it, err := s.store.Item(ctx, itemID)
	if err != nil {
		return false, "", fmt.Errorf("inbox: can message %d: %w", itemID, err)
	}
	switch {
	case it.Kind.Private():
		return true, "", nil
	case it.Outgoing:
		return false, "this is your own message", nil
	case !messagesPrivately(it.Kind):
		return false, "a " + kindNoun(it.Kind) + " has no private channel", nil
	case s.channels == nil:
		return false, "this workspace cannot ask the channel", nil
	}
	key := reachKey{it.AccountID, it.Author.Address}
	now := s.now()
	if r, ok := s.reach.get(key, now); ok {
		return r.ok, r.why, nil
	}
	ok, why, err := s.channels.CanMessage(ctx, it)
	if err != nil {
		return false, "", fmt.Errorf("inbox: can message %d: %w", itemID, err)
	}
	s.reach.put(key, reach{ok: ok, why: why, at: now})
	return ok, why, nil
}

// SendPrivately queues text as a private message to the author of the
// item (a VK community message, an X direct message) instead of a public
// answer; it shows in the private conversation with them once sent. An
// e-mail or a private message is answered as usual. It clears the draft.
func (s *Service) SendPrivately(ctx context.Context, itemID int64, text string) error {
	if strings.TrimSpace(text) == "" {
		return fmt.Errorf("inbox: the message is empty")
	}
	it, err := s.store.Item(ctx, itemID)
	if err != nil {
		return fmt.Errorf("inbox: message %d: %w", itemID, err)
	}
	if it.Kind.Private() {
		return s.Send(ctx, itemID, core.Reply{Text: text})
	}
	if it.Outgoing || !messagesPrivately(it.Kind) {
		return fmt.Errorf("inbox: the author of this %s cannot be written to privately: %w", kindNoun(it.Kind), core.ErrUnsupported)
	}
	payload, err := json.Marshal(engine.MessagePayload{Text: text})
	if err != nil {
		return fmt.Errorf("inbox: message %d: %w", itemID, err)
	}
	if err := s.enqueue(ctx, it, core.OpMessage, payload, RandomToken()); err != nil {
		return err
	}
	if err := s.store.SaveDraft(ctx, itemID, ""); err != nil {
		return fmt.Errorf("inbox: message %d: clear draft: %w", itemID, err)
	}
	if it.State == core.StateNew {
		_ = s.store.SetState(ctx, itemID, core.StateOpen, time.Time{})
	}
	return nil
}
