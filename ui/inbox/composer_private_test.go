package inbox

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

func (f *faultyInbox) CanMessagePrivately(ctx context.Context, id int64) (bool, string, error) {
	f.mu.Lock()
	why, set := f.dm[id]
	f.mu.Unlock()
	if !set {
		return f.Service.CanMessagePrivately(ctx, id)
	}
	return why == "", why, nil
}

// answerPrivately sets what the channel says of the authors of items.
func (h *harness) answerPrivately(answers map[int64]string) {
	h.inbox.mu.Lock()
	defer h.inbox.mu.Unlock()
	h.inbox.dm = answers
}

// privateMessages are the texts of the private messages queued for an item.
func (h *harness) privateMessages(id int64) []string {
	h.T.Helper()
	var out []string
	for _, e := range h.outbox(id, core.OpMessage) {
		var p struct{ Text string }
		_ = json.Unmarshal(e.Payload, &p)
		out = append(out, p.Text)
	}
	return out
}

// Сергей allows messages from the community: the Private toggle turns the
// answer to his comment into a VK community message, the line says so, and
// Send queues that message instead of a public comment.
func TestPrivateToggleSendsACommunityMessage(t *testing.T) {
	h := newHarness(t, withItems(vkDiscussion()))
	face := h.id(5)
	h.answerPrivately(map[int64]string{face: ""})
	h.s.OpenItem(face)
	h.WaitFor("the discussion", func() bool { return h.s.thread.shown == 5 })
	c := h.composer()
	h.WaitFor("the channel's answer", func() bool { return c.rcpt.private.Visible() && !c.rcpt.private.Disabled() })
	if c.rcpt.private.Checked || c.rcpt.line.Text != "To Сергей Козлов · public VK comment, threaded under their comment" {
		t.Errorf("before the toggle: checked %v, line %q; want a public answer", c.rcpt.private.Checked, c.rcpt.line.Text)
	}
	test.Tap(c.rcpt.private)
	if got := c.rcpt.line.Text; got != "To Сергей Козлов · private VK community message" {
		t.Errorf("with the toggle: %q", got)
	}
	c.focus()
	h.TypeKeys("Сергей, спасибо! Напишу детали в личку.")
	c.entry.TypedShortcut(uitest.CtrlEnter)
	h.WaitFor("the private message", func() bool {
		got := h.privateMessages(face)
		return len(got) == 1 && got[0] == "Сергей, спасибо! Напишу детали в личку."
	})
	if got := h.replies(face); len(got) != 0 {
		t.Errorf("also answered in public: %q", got)
	}
	h.WaitFor("its status", func() bool { return len(c.outbox.content.Objects) == 1 })
	if got := uitest.LabelsIn(c.outbox.content); len(got) == 0 || !strings.HasPrefix(got[0], "Private message “Сергей, спасибо!") {
		t.Errorf("status %q, want the private message's", got)
	}
}

// When the member does not allow messages the toggle is off and disabled,
// and the line says why; an e-mail offers no toggle (private already).
func TestPrivateToggleSaysWhyNot(t *testing.T) {
	h := newHarness(t, withItems(vkDiscussion()))
	face := h.id(5)
	why := "Сергей does not allow messages from the community on VK"
	h.answerPrivately(map[int64]string{face: why})
	h.s.OpenItem(face)
	c := h.composer()
	h.WaitFor("the reason", func() bool { return strings.HasSuffix(c.rcpt.line.Text, "not privately: "+why) })
	if !c.rcpt.private.Visible() || !c.rcpt.private.Disabled() || c.rcpt.private.Checked {
		t.Errorf("toggle visible %v, disabled %v, checked %v; want shown, off and disabled",
			c.rcpt.private.Visible(), c.rcpt.private.Disabled(), c.rcpt.private.Checked)
	}

	m := newHarness(t)
	m.TypeKeys("j")
	m.WaitFor("an e-mail open", func() bool { return m.composer().item.Kind == core.ItemEmail })
	if m.composer().rcpt.private.Visible() {
		t.Error("an e-mail offers the Private toggle")
	}
}

// A direct message on X is not a post: in private mode a 300-character
// answer to a mention is within the limit and goes out as one DM.
func TestPrivateToggleCountsADirectMessage(t *testing.T) {
	mention := core.Item{Account: "Hearth X", Kind: core.ItemXMention, RemoteID: "1861000000000000007",
		Author: core.Person{Name: "Alice Martin", Address: "2001", Handle: "alice_m"},
		Text:   "@hearth_game my order never arrived", CreatedAt: uitest.Now.Add(-time.Hour), State: core.StateNew}
	h := newHarness(t, withItems([]core.Item{mention}))
	id := h.id(1)
	h.answerPrivately(map[int64]string{id: ""})
	h.s.OpenItem(id)
	c := h.composer()
	h.WaitFor("the channel's answer", func() bool { return c.rcpt.private.Visible() && !c.rcpt.private.Disabled() })
	long := strings.Repeat("Sorry about that! ", 17) // 306 characters
	c.setText(long)
	c.updateCount()
	if c.count.Importance != widget.DangerImportance {
		t.Fatalf("a 306-character public X reply is not over the limit: %q", c.count.Text)
	}
	test.Tap(c.rcpt.private)
	if c.count.Importance == widget.DangerImportance || !strings.Contains(c.rcpt.line.Text, "private X direct message") {
		t.Errorf("in private: count %q (%v), line %q; want within the DM limit", c.count.Text, c.count.Importance, c.rcpt.line.Text)
	}
	c.sendReply()
	h.WaitFor("the direct message", func() bool { return len(h.privateMessages(id)) == 1 })
}
