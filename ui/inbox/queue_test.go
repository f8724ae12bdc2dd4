package inbox

import (
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// queueItems: an abusive VK comment, a strongly negative and a warm
// e-mail, each with the tone the engine gives at ingest.
func queueItems() []core.Item {
	tone := func(lang string, s float64, abusive bool) *core.Tone {
		return &core.Tone{Lang: lang, Sentiment: s, Abusive: abusive}
	}
	return []core.Item{
		{Kind: core.ItemVKComment, Account: "Hearth VK", RemoteID: "c1", Author: core.Person{Name: "Тролль", Address: "id66"},
			Text: "Админ — идиот", CreatedAt: uitest.Now.Add(-time.Hour), State: core.StateNew, Tone: tone("ru", -0.6, true)},
		{Kind: core.ItemEmail, RemoteID: "m1", Author: core.Person{Name: "Max", Address: "max@example.org"}, Subject: "Refund",
			Text: "Terrible, broken, I want a refund", CreatedAt: uitest.Now.Add(-2 * time.Hour), State: core.StateOpen, Tone: tone("en", -0.8, false)},
		{Kind: core.ItemEmail, RemoteID: "m2", Author: core.Person{Name: "Ana", Address: "ana@example.org"}, Subject: "Merci",
			Text: "Merci, c'était génial", CreatedAt: uitest.Now.Add(-3 * time.Hour), State: core.StateNew, Tone: tone("fr", 0.8, false)},
	}
}

// The Moderation view lists abusive and strongly negative messages
// with their tone; f marks the open one fine (Undo brings it back), and a
// step its channel cannot take says so.
func TestModerationQueueView(t *testing.T) {
	h := newHarness(t, withItems(queueItems()))
	if got := h.rows()[2].tone.Text(); got != "Positive" {
		t.Errorf("the warm e-mail's badge = %q, want Positive", got)
	}
	h.s.filters.state.SetSelected(moderationView)
	h.WaitFor("the queue", func() bool { return len(h.ids()) == 2 })
	if got := []string{h.rows()[0].tone.Text(), h.rows()[1].tone.Text()}; got[0] != "Abusive" || got[1] != "Negative" {
		t.Errorf("queue badges = %v, want Abusive then Negative (newest first)", got)
	}
	h.TypeKeys("j") // the comment is open
	h.TypeKeys("f")
	h.WaitFor("the comment leaves the queue", func() bool { return len(h.ids()) == 1 })
	h.WaitFor("the toast", func() bool { return strings.Contains(h.s.toast.Message(), "fine") })
	if it := h.byRemote("c1"); !it.ModerationFine {
		t.Errorf("stored item after f: %+v, want it marked fine", it)
	}
	h.s.toast.Undo()
	h.WaitFor("the comment back in the queue", func() bool { return len(h.ids()) == 2 })

	h.selectID(h.byRemote("m1").ID) // e-mail: nothing to delete on a channel
	h.TypeKeys("d")
	h.WaitFor("the banner", func() bool { return strings.Contains(h.s.banner.Message(), "cannot be deleted") })
}

// Picking another list of states closes the conversation open beside the
// old list: the Moderation queue kept the warm e-mail open beside its two
// messages, and f marked that e-mail fine.
func TestAnotherStateListClosesTheOpenConversation(t *testing.T) {
	h := newHarness(t, withItems(queueItems()))
	warm := h.byRemote("m2")
	h.selectID(warm.ID)
	h.WaitFor("the warm e-mail open", func() bool { return h.s.selectedID == warm.ID })
	h.s.filters.state.SetSelected(moderationView)
	h.WaitFor("the queue", func() bool { return len(h.ids()) == 2 })
	h.Settle()
	if h.s.selectedID != 0 || len(h.s.thread.messages.Objects) != 0 {
		t.Fatalf("the queue shows conversation %d beside it (%d messages), want none", h.s.selectedID, len(h.s.thread.messages.Objects))
	}
	h.TypeKeys("f")
	h.Settle()
	if it := h.byRemote("m2"); it.ModerationFine {
		t.Error("f in the queue marked the e-mail open before it fine")
	}
	h.TypeKeys("j") // the triage keys then work from the top of the new list
	h.WaitFor("the queue's first message open", func() bool { return h.s.selectedID == h.ids()[0] })
}
