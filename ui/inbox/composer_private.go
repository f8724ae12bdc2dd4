package inbox

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// A VK comment or post, or an X mention, can be answered privately: the
// recipient bar's Private toggle turns the reply into a VK community
// message or an X direct message to the author. The channel is asked
// first whether the author accepts one; until it says yes the toggle stays
// off, and a no says why.

// privateOffer is what the recipient bar knows of a private answer to
// the item it shows.
type privateOffer struct {
	item      core.Item
	answering bool
	asked     bool   // the channel answered
	why       string // why not, when it said no
}

// privatePlace is where a private answer to it goes, "" when its author
// cannot be written to privately instead of publicly.
func privatePlace(it core.Item) string {
	if it.Outgoing || it.Deleted {
		return ""
	}
	switch it.Kind {
	case core.ItemVKComment, core.ItemVKPost:
		return lang.L("private VK community message")
	case core.ItemXMention, core.ItemXReply:
		return lang.L("private X direct message")
	}
	return ""
}

// privateRefusals are the channels' reasons for no private answer
// (integrations/vk and x) as sentences about a person, by how they end,
// and their translation keys: the name before the suffix stays.
var privateRefusals = []struct{ suffix, key string }{
	{" does not allow messages from the community on VK", "{{.Who}} does not allow messages from the community on VK"},
	{" does not accept direct messages from you on X", "{{.Who}} does not accept direct messages from you on X"},
}

// privateWhy translates a channel's reason for no private answer when it
// is one Hearth knows; a remote error's own words stay as they are.
func privateWhy(why string) string {
	for _, r := range privateRefusals {
		if who, ok := strings.CutSuffix(why, r.suffix); ok && who != "" {
			return lang.L(r.key, map[string]any{"Who": who})
		}
	}

	switch why {
	case "this is your own message", "this workspace cannot ask the channel":
		return lang.L(why)
	}
	return why
}

// resetPrivate shows the toggle, off and disabled until the channel
// answers, for an item that may be answered privately.
func (r *recipientBar) resetPrivate(it core.Item, answering bool) {
	r.pv = privateOffer{item: it, answering: answering}
	r.private.OnChanged = nil
	r.private.SetChecked(false)
	r.private.OnChanged = func(bool) { r.privateChanged() }
	r.private.Disable()
	r.private.Hidden = privatePlace(it) == ""
}

// allowPrivate records the channel's answer for the item shown.
func (r *recipientBar) allowPrivate(ok bool, why string) {
	r.pv.asked, r.pv.why = true, why
	if ok {
		r.pv.why = ""
		r.private.Enable()
	} else {
		r.private.SetChecked(false)
		r.private.Disable()
	}
	r.showLine()
}

func (r *recipientBar) privateChanged() {
	r.showLine()
	if r.onPrivate != nil {
		r.onPrivate()
	}
}

// isPrivate says whether the reply goes as a private message.
func (r *recipientBar) isPrivate() bool {
	return r.private.Visible() && !r.private.Disabled() && r.private.Checked
}

// showLine writes who reads the answer and where it shows, with the
// reason a private answer is not possible once the channel said so.
func (r *recipientBar) showLine() {
	it := r.pv.item
	to, where := replyPlace(it)
	if r.isPrivate() {
		where = privatePlace(it)
	}
	line := where
	if to != "" {
		line = lang.L("To {{.Who}} · {{.Where}}", map[string]any{"Who": to, "Where": where})
	}
	if r.pv.answering {
		line = lang.L("Answering this message: {{.Line}}", map[string]any{"Line": line})
	}
	if r.pv.asked && r.pv.why != "" && privatePlace(it) != "" && !r.isPrivate() {
		line += " · " + lang.L("not privately: {{.Why}}", map[string]any{"Why": privateWhy(r.pv.why)})
	}

	if it.Kind != core.ItemEmail {
		r.line.SetText(line)
	}
}

// answerKind is the kind of what the composer sends: a private message
// counts against the private channel's limit, not a post's.
func (c *composer) answerKind() core.ItemKind {
	if !c.rcpt.isPrivate() {
		return c.item.Kind
	}
	if strings.HasPrefix(string(c.item.Kind), "x_") {
		return core.ItemXDM
	}
	return core.ItemVKMessage
}

// askPrivate asks the channel, off the UI goroutine, whether the author
// of it accepts a private message, and tells the bar if it is still shown.
func (c *composer) askPrivate(it core.Item) {
	if privatePlace(it) == "" {
		return
	}
	id := it.ID
	type answer struct {
		ok  bool
		why string
	}
	kit.Background(c.u.Env, "ask for a private channel", func(ctx context.Context) (answer, error) {
		ok, why, err := c.u.b.Inbox.CanMessagePrivately(ctx, id)
		return answer{ok, why}, err
	}, func(a answer, err error) {
		if c.item.ID != id {
			return
		}
		if err != nil {
			// Unknown is not a no: the toggle stays off, the line as it was.
			a = answer{}
		}
		c.rcpt.allowPrivate(a.ok, a.why)
	})
}
