package inbox

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

func expertsButton(t *testing.T, h *harness) *widget.Button {
	t.Helper()
	for _, b := range uitest.ButtonsIn(h.composer().content) {
		if b.Text == "Experts" {
			return b
		}
	}
	t.Fatal("the composer offers no Experts button")
	return nil
}

func TestComposerOffersExpertsToMention(t *testing.T) {
	h := newHarness(t, withExperts(fakeExperts{}))
	h.selectID(h.id(5)) // Pixel Jane on X, about the map editor
	h.composer().setText("Thanks!")
	test.Tap(expertsButton(t, h))
	h.WaitFor("the experts menu", func() bool { return h.Canvas().Overlays().Top() != nil })
	test.Tap(uitest.MenuItem(t, h.Canvas().Overlays().Top(), "@claire_builds · expertise level 3; lists it as an interest"))
	if got := h.composer().entry.Text; got != "Thanks! @claire_builds " {
		t.Errorf("reply = %q, want the X handle mentioned", got)
	}
}

func TestComposerSaysWhenNoExpertIsKnown(t *testing.T) {
	h := newHarness(t, withExperts(fakeExperts{}))
	h.selectID(h.id(1)) // a meetup question by e-mail
	test.Tap(expertsButton(t, h))
	h.WaitFor("the note", func() bool { return strings.HasPrefix(h.composer().note.Text, "No member is known") })
}

func TestComposerWithoutMemberFilesHasNoExpertsButton(t *testing.T) {
	h := newHarness(t)
	h.selectID(h.id(5))
	for _, b := range uitest.ButtonsIn(h.composer().content) {
		if b.Text == "Experts" {
			t.Fatal("Experts offered without member files")
		}
	}
}
