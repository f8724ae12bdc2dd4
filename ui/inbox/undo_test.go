package inbox

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// ctrlZ is Ctrl+Z as the desktop driver delivers it (glfw's window turns
// it into fyne's Undo shortcut).
var ctrlZ = &fyne.ShortcutUndo{}

// Every triage step shows what it did with an Undo, by button or Ctrl+Z,
// that puts the conversation back where it was.
func TestTriageCanBeUndone(t *testing.T) {
	for _, tt := range []struct {
		name string
		key  string
		said string
		undo func(h *harness)
	}{
		{"done, by the button", "e", "as done", func(h *harness) { test.Tap(h.s.toast.Content.Objects[1].(*fyne.Container).Objects[0].(fyne.Tappable)) }},
		{"spam, by Ctrl+Z", "#", "to spam", func(h *harness) { h.Canvas().(fyne.Shortcutable).TypedShortcut(ctrlZ) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			id := h.id(2)
			h.selectID(id)
			h.WaitFor("the conversation opened", func() bool { return h.item(id).State == core.StateOpen })
			before := h.item(id).State
			h.TypeKeys(tt.key)
			h.WaitFor("the toast", func() bool { return strings.Contains(h.s.toast.Message(), tt.said) })
			if slices.Contains(h.ids(), id) {
				t.Fatal("the conversation is still in the inbox")
			}
			tt.undo(h)
			h.WaitFor("the conversation back", func() bool {
				return slices.Contains(h.ids(), id) && h.item(id).State == before
			})
			if h.s.toast.Message() != "" {
				t.Errorf("the toast stayed after its undo: %q", h.s.toast.Message())
			}
		})
	}
}

// The Spam and Done views offer the way back from the conversation itself.
func TestSpamAndDoneViewsOfferTheWayBack(t *testing.T) {
	for _, tt := range []struct {
		view   string
		state  core.State
		button string
	}{
		{"Spam", core.StateSpam, "Not spam"},
		{"Done", core.StateDone, "Reopen"},
	} {
		t.Run(tt.view, func(t *testing.T) {
			h := newHarness(t)
			id := h.id(2)
			if err := h.ws.Inbox.SetState(context.Background(), id, tt.state, time.Time{}); err != nil {
				t.Fatal(err)
			}
			h.s.filters.selectState(tt.view)
			h.WaitFor("the "+tt.view+" view", func() bool { return slices.Contains(h.ids(), id) })
			h.selectID(id)
			test.Tap(uitest.Button(t, h.s.thread.content, tt.button))
			h.WaitFor("the conversation back in the inbox", func() bool {
				return h.item(id).State == core.StateOpen && !slices.Contains(h.ids(), id)
			})
			h.WaitFor("a toast saying what happened", func() bool { return h.s.toast.Message() != "" })
		})
	}
}

// ? lists every key the inbox answers, Undo included.
func TestQuestionMarkListsEveryShortcut(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("?")
	top := h.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("? opened nothing")
	}
	labels := uitest.LabelsIn(top)
	for _, want := range []string{"Ctrl+Z", "undo the last step", "#", "spam", "/", "search"} {
		if !slices.Contains(labels, want) {
			t.Errorf("the shortcut list lacks %q: %q", want, labels)
		}
	}
}

// In Spam the way back takes the Spam button's place (in Done, Done's), so
// the action bar keeps its width and the list its room.
func TestTheWayBackTakesThePlaceOfTheStepTaken(t *testing.T) {
	h := newHarness(t)
	id := h.id(2)
	if err := h.ws.Inbox.SetState(context.Background(), id, core.StateSpam, time.Time{}); err != nil {
		t.Fatal(err)
	}
	h.s.filters.selectState("Spam")
	h.WaitFor("the Spam view", func() bool { return slices.Contains(h.ids(), id) })
	h.selectID(id)
	h.WaitFor("Not spam", func() bool { return h.s.thread.back.Visible() })
	if h.s.thread.spam.Visible() || !h.s.thread.done.Visible() {
		t.Errorf("in Spam: Spam shown %v, Done shown %v", h.s.thread.spam.Visible(), h.s.thread.done.Visible())
	}
}
