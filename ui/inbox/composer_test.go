package inbox

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

func (h *harness) composer() *composer { return h.s.composer }

func TestDraftSavesWhileTypingAndComesBack(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j")
	h.TypeKeys("r")
	if h.Canvas().Focused() != h.composer().entry {
		t.Fatalf("r focused %T, want the composer", h.Canvas().Focused())
	}
	h.TypeKeys("Oui, à 15 h")
	h.WaitFor("the draft to be saved", func() bool { return h.draft(h.id(1)) == "Oui, à 15 h" })

	h.Canvas().Unfocus()
	h.TypeKeys("j") // item 2: the composer empties
	if got := h.composer().entry.Text; got != "" {
		t.Fatalf("composer for item 2 shows %q", got)
	}
	h.TypeKeys("k") // back to item 1: the draft returns
	h.WaitFor("the draft to come back", func() bool { return h.composer().entry.Text == "Oui, à 15 h" })
}

func TestDraftSavedWhenLeavingBeforeTheDelay(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j")
	h.composer().focus()
	h.TypeKeys("Привет")
	h.Canvas().Unfocus() // focus loss saves at once
	h.WaitFor("the draft to be saved", func() bool { return h.draft(h.id(1)) == "Привет" })
}

func TestCtrlEnterQueuesReplyAndClears(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j")
	h.composer().focus()
	h.TypeKeys("Merci Claire !")
	h.composer().entry.TypedShortcut(uitest.CtrlEnter)
	id := h.id(1)
	h.WaitFor("the reply in the outbox", func() bool { return slices.Equal(h.replies(id), []string{"Merci Claire !"}) })
	h.WaitFor("the composer to clear", func() bool { return h.composer().entry.Text == "" })
	h.WaitFor("the reply status", func() bool { return len(h.composer().outbox.content.Objects) == 1 })
	want := "Reply “Merci Claire !” queued: it goes out with the next connection."
	if got := uitest.LabelsIn(h.composer().outbox.content); len(got) == 0 || got[0] != want {
		t.Errorf("reply status = %q, want %q", got, want)
	}
	h.Settle()
	if d := h.draft(id); d != "" {
		t.Errorf("draft after sending = %q, want none", d)
	}
	if e := h.outbox(id, core.OpReply); e[0].State != core.OutboxQueued || e[0].IdemKey == "" {
		t.Errorf("reply entry = %+v, want queued with an idempotency key", e[0])
	}
}

func TestEmptyReplyIsNotSent(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j")
	h.composer().focus()
	h.TypeKeys("   ")
	h.composer().entry.TypedShortcut(uitest.CtrlEnter)
	h.Settle()
	if got := h.replies(h.id(1)); len(got) > 0 {
		t.Fatalf("a blank reply was queued: %q", got)
	}
	if got := h.composer().note.Text; got != "Write a reply first." {
		t.Errorf("note = %q", got)
	}
	// The draft is saved (a blank one is none) and the reason stays in view.
	h.WaitFor("the draft to be saved", func() bool { return h.composer().saved == "   " })
	h.Settle()
	if got := h.composer().note.Text; got != "Write a reply first." {
		t.Errorf("after the draft's pause the note = %q, want the refusal still in view", got)
	}
}

func TestFailedReplyKeepsTheText(t *testing.T) {
	h := newHarness(t)
	id := h.id(1)
	h.inbox.failNext("Reply", fmt.Errorf("inbox: reply %d: database is locked", id))
	h.TypeKeys("j")
	h.composer().focus()
	h.TypeKeys("Bonjour")
	h.composer().entry.TypedShortcut(uitest.CtrlEnter)
	h.WaitFor("the error", func() bool { return strings.HasPrefix(h.composer().note.Text, "Could not queue") })
	if h.composer().entry.Text != "Bonjour" {
		t.Errorf("the text was lost: %q", h.composer().entry.Text)
	}
	h.WaitFor("the draft to be kept", func() bool { return h.draft(id) == "Bonjour" })
	h.Settle()
	if got, want := h.composer().note.Text, fmt.Sprintf("Could not queue the reply: Reply %d: database is locked.", id); got != want {
		t.Errorf("note = %q, want %q: the error must stay in view", got, want)
	}
	if got := h.replies(id); len(got) > 0 {
		t.Errorf("the failed reply is in the outbox: %q", got)
	}
}

func TestReplyStatus(t *testing.T) {
	reply := func(st core.OutboxState, lastErr string) core.OutboxEntry {
		return core.OutboxEntry{Op: core.OpReply, Payload: []byte(`{"text":"Oui, à samedi !"}`),
			State: st, LastError: lastErr, CreatedAt: uitest.Now, UpdatedAt: uitest.Now.Add(-3 * 60e9)}
	}
	tests := []struct {
		entry   core.OutboxEntry
		want    string
		buttons []string
	}{
		{reply(core.OutboxQueued, ""), "Reply “Oui, à samedi !” queued: it goes out with the next connection.", nil},
		{reply(core.OutboxSending, ""), "Sending reply “Oui, à samedi !”…", nil},
		{reply(core.OutboxSent, ""), "Reply “Oui, à samedi !” sent 3 min ago.", nil},
		{reply(core.OutboxFailed, "the server refused the recipient"), "Reply “Oui, à samedi !” failed: the server refused the recipient.", []string{"Retry", "Discard"}},
		{reply(core.OutboxUnconfirmed, ""), "Reply “Oui, à samedi !” unconfirmed (may have been delivered at 14:57): Hearth did not find it on the channel. Check the replies sent there, then Retry or Discard.", []string{"Retry (may send a second copy)", "Discard"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.entry.State), func(t *testing.T) {
			h := newHarness(t)
			item := h.item(h.id(1))
			e := tt.entry
			e.AccountID, e.ItemID = item.AccountID, item.ID
			entryID := h.addOutbox(e)
			h.addOutbox(core.OutboxEntry{AccountID: item.AccountID, ItemID: item.ID, Op: core.OpSetSeen, State: core.OutboxFailed})
			h.TypeKeys("j")
			h.WaitFor("the reply status", func() bool { return len(h.composer().outbox.content.Objects) == 1 })
			row := h.composer().outbox.content.Objects[0]
			if got := uitest.LabelsIn(row); len(got) == 0 || got[0] != tt.want {
				t.Errorf("status = %q, want %q", got, tt.want)
			}
			buttons := uitest.ButtonsIn(row)
			if len(buttons) != len(tt.buttons) {
				t.Fatalf("buttons = %d, want %q", len(buttons), tt.buttons)
			}
			for i, b := range buttons {
				if b.Text != tt.buttons[i] {
					t.Errorf("button %d = %q, want %q", i, b.Text, tt.buttons[i])
				}
			}
			if len(buttons) > 0 {
				test.Tap(buttons[0])
				h.WaitFor("the retry", func() bool { e, _ := h.entry(item.ID, entryID); return e.State == core.OutboxQueued })
				h.WaitFor("the status to refresh", func() bool {
					return strings.Contains(strings.Join(uitest.LabelsIn(h.composer().outbox.content), ""), "queued")
				})
			}
		})
	}
}

func TestOutboxEventRefreshesStatus(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j")
	h.Settle()
	item := h.item(h.id(1))
	h.addOutbox(core.OutboxEntry{AccountID: item.AccountID, ItemID: item.ID, Op: core.OpReply,
		Payload: []byte(`{"text":"Oui"}`), State: core.OutboxSent, UpdatedAt: uitest.Now})
	h.publish(core.Event{Kind: core.EventOutbox, ItemIDs: []int64{item.ID}})
	h.WaitFor("the sent status", func() bool {
		return strings.Contains(strings.Join(uitest.LabelsIn(h.composer().outbox.content), ""), "sent just now")
	})
}

func TestDraftWritesKeepOrderAndCollapse(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j")
	gate := h.inbox.holdSaves()
	for _, text := range []string{"a", "ab", "abc"} {
		h.composer().entry.SetText(text)
		h.composer().flush() // as a focus loss would
	}
	close(gate) // the first write was held back; the others queued behind it
	id := h.id(1)
	h.WaitFor("the newest draft", func() bool { return h.draft(id) == "abc" })
	h.Settle()
	want := []string{fmt.Sprintf("%d a", id), fmt.Sprintf("%d abc", id)}
	if got := h.inbox.draftWrites(); !slices.Equal(got, want) {
		t.Errorf("draft writes = %q, want %q", got, want)
	}
}

func TestDraftSavedOnClose(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j")
	h.composer().focus()
	h.TypeKeys("À demain")
	h.close() // before the typing pause is over
	if got := h.draft(h.id(1)); got != "À demain" {
		t.Errorf("draft after closing = %q", got)
	}
}

func TestDiscardDropsAFailedReply(t *testing.T) {
	h := newHarness(t)
	item := h.item(h.id(1))
	entryID := h.addOutbox(core.OutboxEntry{AccountID: item.AccountID, ItemID: item.ID, Op: core.OpReply,
		Payload: []byte(`{"text":"Oui"}`), State: core.OutboxFailed, LastError: "refused", CreatedAt: uitest.Now})
	h.TypeKeys("j")
	h.WaitFor("the reply status", func() bool { return len(h.composer().outbox.content.Objects) == 1 })
	test.Tap(uitest.ButtonsIn(h.composer().outbox.content.Objects[0])[1])
	h.WaitFor("the discard", func() bool { _, ok := h.entry(item.ID, entryID); return !ok })
	h.WaitFor("the status to go", func() bool { return len(h.composer().outbox.content.Objects) == 0 })
}
