package members

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
)

// Route is how a personal message (a greeting, a check-in) would reach a
// member. A ritual message is private: it answers the member's latest
// private conversation, an e-mail or a VK community message, so only they
// read it. With no private conversation there is no private route (X
// direct messages are not supported); the message is then copied for the
// person to send, or, only when the person chooses it, posted publicly
// under the member's latest public message.
type Route struct {
	Private bool
	// Channel and To say where a private message goes: "e-mail",
	// "Claire Dubois <claire@exemple.fr>"; ItemID is the message it answers.
	Channel string
	To      string
	ItemID  int64
	// Why says why there is no private route.
	Why string
	// PublicItemID is the member's latest public message (0: none), which a
	// person may choose to answer in public; PublicWhere says where that
	// answer would show, for everyone to read.
	PublicItemID int64
	PublicWhere  string
}

// ErrNoPrivateChannel is returned by Writer.WriteTo when the member can
// only be reached in public and the person did not choose that.
var ErrNoPrivateChannel = errors.New("there is no private channel to this member: copy the text, or choose to post it publicly")

// Route finds how a personal message would reach a member now.
func (s *Service) Route(ctx context.Context, memberID int64) (Route, error) {
	m, err := s.store.Member(ctx, memberID)
	if err != nil {
		return Route{}, fmt.Errorf("members: route to %d: %w", memberID, err)
	}
	items, err := s.store.MemberItems(ctx, memberID)
	if err != nil {
		return Route{}, fmt.Errorf("members: route to %d: %w", memberID, err)
	}
	var r Route
	// Newest first: the latest private conversation is the one they expect
	// an answer in.
	for i := len(items) - 1; i >= 0; i-- {
		it := items[i]
		if it.Outgoing || it.Deleted || it.State == core.StateSpam {
			continue
		}
		if ch := privateChannel(it.Kind); ch != "" {
			return Route{Private: true, Channel: ch, To: recipient(it), ItemID: it.ID}, nil
		}
		if r.PublicItemID == 0 && publicPlace(it) != "" {
			r.PublicItemID, r.PublicWhere = it.ID, publicPlace(it)
		}
	}
	r.Why = fmt.Sprintf("%s has not written to you by e-mail or VK message, so there is no private "+
		"conversation to answer; Hearth cannot send X direct messages.", firstName(m))
	return r, nil
}

// privateChannel names the channel of a private item kind, "" for a
// public one.
func privateChannel(k core.ItemKind) string {
	switch k {
	case core.ItemEmail:
		return "e-mail"
	case core.ItemVKMessage:
		return "VK community message"
	}
	return ""
}

// recipient is who a private answer to it reaches, as a person reads it.
func recipient(it core.Item) string {
	a := it.Author
	name := strings.TrimSpace(a.Name)
	var where string
	switch {
	case it.Kind == core.ItemEmail:
		where = "<" + a.Address + ">"
	case a.Handle != "":
		where = "(vk.com/" + a.Handle + ")"
	case a.Address != "":
		where = "(vk.com/id" + a.Address + ")"
	}
	return strings.TrimSpace(name + " " + where)
}

// publicPlace says where a public answer to it would show, "" for an item
// that cannot be answered in public.
func publicPlace(it core.Item) string {
	quote := `"` + clip(firstLine(it.Text), 60) + `"`
	switch it.Kind {
	case core.ItemVKComment:
		return "a public VK comment under their comment " + quote
	case core.ItemVKPost:
		return "a public VK comment under their post " + quote
	case core.ItemXMention, core.ItemXReply:
		return "a public X reply to their post " + quote
	}
	return ""
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func firstName(m core.Member) string {
	if f := strings.Fields(m.Name); len(f) > 0 {
		return f[0]
	}
	return "This member"
}

// Replier queues a reply to an item in the outbox (core/inbox's service).
type Replier interface {
	Reply(ctx context.Context, itemID int64, text string) error
}

// Writer sends ritual messages to members by their Route, through the
// outbox like any reply.
type Writer struct {
	s *Service
	r Replier
}

// NewWriter makes a Writer over the member files and a replier.
func NewWriter(s *Service, r Replier) *Writer { return &Writer{s: s, r: r} }

// Route is how a message to the member would go now.
func (w *Writer) Route(ctx context.Context, memberID int64) (Route, error) {
	return w.s.Route(ctx, memberID)
}

// WriteTo sends text to the member privately. Without a private route it
// posts in public only when public is set (the person chose it), and
// returns ErrNoPrivateChannel otherwise. The route is found again here:
// what the person was shown may have changed, never for the worse (a
// private conversation that appeared meanwhile is used).
func (w *Writer) WriteTo(ctx context.Context, memberID int64, text string, public bool) error {
	r, err := w.s.Route(ctx, memberID)
	if err != nil {
		return err
	}
	switch {
	case r.Private:
		return w.r.Reply(ctx, r.ItemID, text)
	case !public:
		return ErrNoPrivateChannel
	case r.PublicItemID == 0:
		return errors.New("members: they wrote nothing public to answer either: copy the text")
	}
	return w.r.Reply(ctx, r.PublicItemID, text)
}
