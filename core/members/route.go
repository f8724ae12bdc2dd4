package members

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
)

// Route is how a personal message (a greeting, a check-in) would reach a
// member. A ritual message is private: it answers the member's latest
// private conversation, an e-mail or a VK community message, so only they
// read it. With none, it starts one where the channel allows it: a VK
// community message to a member who allows messages from the community, an
// X direct message to one who accepts them (the Writer asks the channel).
// With no private way at all, the message is copied for the person to
// send, or, only when the person chooses it, posted publicly under the
// member's latest public message.
type Route struct {
	Private bool
	// Channel and To say where a private message goes: "e-mail",
	// "Claire Dubois <claire@exemple.fr>"; ItemID is the message it answers
	// or, when Start is set, the public message whose author it writes to
	// privately, starting a conversation.
	Channel string
	To      string
	ItemID  int64
	Start   bool
	// Why says why there is no private route, in English; Whys are its
	// sentences, for the window's language.
	Why  string
	Whys []*core.Words
	// PublicItemID is the member's latest public message (0: none), which a
	// person may choose to answer in public; PublicWhere says where that
	// answer would show, for everyone to read (in English; Where for the
	// window's language).
	PublicItemID int64
	PublicWhere  string
	Where        *core.Words
	// starts are the member's latest public messages per channel, newest
	// first, whose authors a private message could start a conversation with.
	starts []core.Item
}

// ErrNoPrivateChannel is returned by Writer.WriteTo when the member can
// only be reached in public and the person did not choose that.
var ErrNoPrivateChannel error = core.Say("there is no private channel to this member: copy the text, or choose to post it publicly")

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
		if where := publicPlace(it); r.PublicItemID == 0 && where != nil {
			r.PublicItemID, r.PublicWhere, r.Where = it.ID, where.Error(), where
		}
		if startChannel(it.Kind) != "" && !slices.ContainsFunc(r.starts, func(s core.Item) bool {
			return startChannel(s.Kind) == startChannel(it.Kind)
		}) {
			r.starts = append(r.starts, it)
		}
	}
	r.because(core.Say("{{.Name}} has not written to you by e-mail or VK message, so there is no private "+
		"conversation to answer.", "Name", firstName(m)))
	return r, nil
}

// because adds a sentence to why there is no private route.
func (r *Route) because(w *core.Words) {
	r.Whys = append(r.Whys, w)
	if r.Why != "" {
		r.Why += " "
	}
	r.Why += sentence(w.Error())
}

// startChannel names the private channel that can start a conversation
// with the author of a public item of kind k, "" for none.
func startChannel(k core.ItemKind) string {
	switch k {
	case core.ItemVKComment, core.ItemVKPost:
		return "VK community message"
	case core.ItemXMention, core.ItemXReply:
		return "X direct message"
	}
	return ""
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
	case a.Handle != "" && startChannel(it.Kind) == "X direct message":
		where = "(@" + a.Handle + ")"
	case a.Handle != "":
		where = "(vk.com/" + a.Handle + ")"
	case a.Address != "":
		where = "(vk.com/id" + a.Address + ")"
	}
	return strings.TrimSpace(name + " " + where)
}

// publicPlace says where a public answer to it would show, nil for an
// item that cannot be answered in public.
func publicPlace(it core.Item) *core.Words {
	quote := clip(firstLine(it.Text), 60)
	switch it.Kind {
	case core.ItemVKComment:
		return core.Say(`a public VK comment under their comment "{{.Text}}"`, "Text", quote)
	case core.ItemVKPost:
		return core.Say(`a public VK comment under their post "{{.Text}}"`, "Text", quote)
	case core.ItemXMention, core.ItemXReply:
		return core.Say(`a public X reply to their post "{{.Text}}"`, "Text", quote)
	}
	return nil
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
	// SendPrivately queues a private message to the author of a public
	// item (a VK community message, an X direct message).
	SendPrivately(ctx context.Context, itemID int64, text string) error
	// CanMessagePrivately asks the item's channel whether its author
	// accepts that now, and why not.
	CanMessagePrivately(ctx context.Context, itemID int64) (bool, string, error)
}

// Writer sends ritual messages to members by their Route, through the
// outbox like any reply.
type Writer struct {
	s *Service
	r Replier
}

// NewWriter makes a Writer over the member files and a replier.
func NewWriter(s *Service, r Replier) *Writer { return &Writer{s: s, r: r} }

// Route is how a message to the member would go now: an answer in their
// latest private conversation, else a new private conversation on a
// channel whose settings allow it (asked now), else no private route.
func (w *Writer) Route(ctx context.Context, memberID int64) (Route, error) {
	r, err := w.s.Route(ctx, memberID)
	if err != nil || r.Private {
		return r, err
	}
	said := false
	for _, it := range r.starts {
		ok, why, err := w.r.CanMessagePrivately(ctx, it.ID)
		if ok && err == nil {
			return Route{Private: true, Start: true, Channel: startChannel(it.Kind), To: recipient(it), ItemID: it.ID,
				PublicItemID: r.PublicItemID, PublicWhere: r.PublicWhere, Where: r.Where}, nil
		}
		switch {
		case err != nil:
			r.because(core.Say("Hearth could not ask {{.Channel}} whether a private message may go ({{.Error}})",
				"Channel", channelOf(it.Kind), "Error", err))
		case why != "":
			// The channel's own sentence (kit.StoredText knows those
			// Hearth's integrations write).
			r.because(core.Say("{{.Reason}}", "Reason", why))
		default:
			continue
		}
		said = true
	}
	if !said && len(r.starts) == 0 {
		r.because(core.Say("They wrote nothing on VK or X that a private message could follow."))
	}
	return r, nil
}

// channelOf names the service of an item kind.
func channelOf(k core.ItemKind) string {
	if strings.HasPrefix(string(k), "x_") {
		return "X"
	}
	return "VK"
}

// sentence makes a reason a sentence: a capital first, a full stop last.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	s = string(r)
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// WriteTo sends text to the member privately. Without a private route it
// posts in public only when public is set (the person chose it), and
// returns ErrNoPrivateChannel otherwise. The route is found again here:
// what the person was shown may have changed, never for the worse (a
// private conversation that appeared meanwhile is used).
func (w *Writer) WriteTo(ctx context.Context, memberID int64, text string, public bool) error {
	r, err := w.Route(ctx, memberID)
	if err != nil {
		return err
	}
	switch {
	case r.Private && r.Start:
		return w.r.SendPrivately(ctx, r.ItemID, text)
	case r.Private:
		return w.r.Reply(ctx, r.ItemID, text)
	case !public:
		return ErrNoPrivateChannel
	case r.PublicItemID == 0:
		return fmt.Errorf("members: %w", core.Say("they wrote nothing public to answer either: copy the text"))
	}
	return w.r.Reply(ctx, r.PublicItemID, text)
}
