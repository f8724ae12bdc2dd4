package inbox

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// Ctrl+Shift+S in the reply lists the saved replies; the one chosen is
// written for the person answered.
func TestSavedReplyIsWrittenForThePerson(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	if err := h.ws.Inbox.SetSavedReplies(ctx, []core.SavedReply{
		{Name: "Merci", Lang: "fr", Text: "Merci, {first_name} !"},
		{Name: "Thanks", Lang: "en", Text: "Thanks, {first_name}!"},
	}); err != nil {
		t.Fatal(err)
	}
	h.TypeKeys("j") // Claire Dubois
	c := h.composer()
	c.focus()
	h.TypeKeys("Bonjour,")
	c.entry.TypedShortcut(savedShortcut)
	h.WaitFor("the saved replies", func() bool { return h.Canvas().Overlays().Top() != nil })
	test.Tap(uitest.MenuItem(t, h.Canvas().Overlays().Top(), "Merci  (fr)"))
	if got := c.entry.Text; got != "Bonjour,\n\nMerci, Claire !" {
		t.Errorf("the reply reads %q", got)
	}
	if h.Canvas().Focused() != c.entry {
		t.Error("the cursor left the reply")
	}
}

func TestSavedRepliesAreEditedFromTheComposer(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j")
	c := h.composer()
	c.editSaved(nil)
	top := h.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no editor")
	}
	name, text := uitest.EntriesIn(top)[0], uitest.EntriesIn(top)[1]
	test.Type(name, "Встреча")
	test.Type(text, "{first_name}, встреча в субботу.")
	test.Tap(uitest.Button(t, top, "Save"))
	h.WaitFor("the saved reply stored", func() bool {
		list, err := h.ws.Inbox.SavedReplies(context.Background())
		return err == nil && len(list) == 1 && list[0].Name == "Встреча"
	})
	// A typo in a variable is refused in words, nothing saved.
	name.SetText("Typo")
	text.SetText("Hi {firstname}")
	test.Tap(uitest.Button(t, top, "Save"))
	h.Settle()
	list, _ := h.ws.Inbox.SavedReplies(context.Background())
	if len(list) != 1 {
		t.Errorf("a reply with an unknown variable was saved: %+v", list)
	}
}
