package members

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// channelInbox is the real inbox whose channels answer from the
// harness's allowDM, as VK's messages.isMessagesFromGroupAllowed would;
// other items get the inbox's own answer.
type channelInbox struct {
	*inbox.Service
	h *harness
}

func (c *channelInbox) CanMessagePrivately(ctx context.Context, itemID int64) (bool, string, error) {
	if c.h.allowDM[itemID] {
		return true, "", nil
	}
	return false, "Дмитрий does not allow messages from the community on VK", nil
}

// Дмитрий only commented, but allows messages from the community: the
// composer says the greeting goes by VK community message to him, in a
// new private conversation, and sending queues that message, nothing in
// public.
func TestWelcomeStartsAPrivateConversationWhenAllowed(t *testing.T) {
	var nc *newcomers
	h := newMembersHarness(t, withWriter(), withSetup(func(h *harness) {
		nc = addNewcomers(h)
		h.allowDM = map[int64]bool{nc.dmitryComment: true}
	}))
	s := membersOf(h)
	showTab(h, "Welcome queue")
	h.WaitFor("the queue", func() bool { return len(s.welcome.list) == 4 })
	test.Tap(greetButton(t, h, "Дмитрий Орлов"))
	greetDialogSays(h, "Sent privately by VK community message to Дмитрий Орлов (vk.com/d_orlov): a new private conversation, which they allow")
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Send privately and mark greeted"))
	h.WaitFor("the greeting", func() bool { return len(s.welcome.list) == 3 })
	h.Settle()
	entries, err := h.ws.Store.Outbox(context.Background(), nc.dmitryComment)
	if err != nil || len(entries) != 1 || entries[0].Op != core.OpMessage || !strings.Contains(string(entries[0].Payload), "Hi Дмитрий") {
		t.Fatalf("outbox of his comment: %+v, %v; want the greeting as a private message", entries, err)
	}
	if got := h.replies(nc.dmitryComment); len(got) != 0 {
		t.Errorf("posted publicly under his comment: %q", got)
	}
}

// Without his permission the composer says why, and copies by default.
func TestWelcomeSaysWhyNoPrivateMessage(t *testing.T) {
	h := newMembersHarness(t, withWriter(), withSetup(func(h *harness) { addNewcomers(h) }))
	s := membersOf(h)
	showTab(h, "Welcome queue")
	h.WaitFor("the queue", func() bool { return len(s.welcome.list) == 4 })
	test.Tap(greetButton(t, h, "Дмитрий Орлов"))
	greetDialogSays(h, "Дмитрий does not allow messages from the community on VK.")
	if r := overlayRadio(t, h); r.Selected != choiceCopy {
		t.Errorf("selected %q, want copying", r.Selected)
	}
}

// Acceptance (issue 13, item 5): a check-in is written from the window the
// way a greeting is: the composer says where it goes and to whom, sends it
// privately, and only then takes the member off the list.
func TestCheckInWritesPrivatelyAndSaysWhereAndToWhom(t *testing.T) {
	h := newMembersHarness(t, withWriter())
	s := membersOf(h)
	showTab(h, "Check-ins")
	h.WaitFor("the list", func() bool { return len(s.checkins.list) == 2 })
	test.Tap(uitest.Button(t, s.checkins.rows, "Write…")) // Ben's, the first
	says := greetDialogSays(h, "Sent privately")
	if !strings.Contains(says, "Ben Carter") {
		t.Fatalf("the check-in composer says %q, want a private route named", says)
	}
	entry := greetingEntry(t, h)
	if !strings.HasPrefix(entry.Text, "Hi {first_name}, we have not heard from you") {
		t.Errorf("the check-in starts from %q, want the check-in template", entry.Text)
	}
	ben := h.id("Ben Carter")
	rt, err := h.writer.Route(context.Background(), ben)
	if err != nil || !rt.Private {
		t.Fatalf("Ben's route: %+v, %v", rt, err)
	}
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Send privately and mark written"))
	h.WaitFor("Ben off the list", func() bool { return len(s.checkins.list) == 1 })
	h.WaitFor("the check-in stored for Ben", func() bool {
		return slices.Equal(h.ritualsOf(h.id("Ben Carter")), []core.Ritual{core.RitualCheckIn})
	})
	entries, err := h.ws.Store.Outbox(context.Background(), rt.ItemID)
	if err != nil || len(entries) != 1 || !strings.Contains(string(entries[0].Payload), "Hi Ben, we have not heard") {
		t.Errorf("outbox of the message it answers: %+v, %v; want Ben's check-in", entries, err)
	}
	if h.Canvas().Overlays().Top() != nil {
		t.Error("the composer stayed open")
	}
}
