package inbox

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// The golden files under testdata/ were reviewed by eye (as PNG) before
// they were accepted; a change in the screen shows up as a diff here.

func TestInboxGolden(t *testing.T) {
	h := newHarness(t)
	h.selectID(h.id(2))
	h.Settle()
	h.Relayout()
	test.AssertRendersToMarkup(t, "inbox.xml", h.Canvas())
	test.AssertRendersToImage(t, "inbox.png", h.Canvas())
}

func TestInboxSmallWindowGolden(t *testing.T) {
	h := newHarness(t)
	h.ResizeContent(uitest.SmallestScreen)
	h.selectID(h.id(1))
	h.Settle()
	h.Relayout()
	test.AssertRendersToImage(t, "inbox_1024.png", h.Canvas())
}

// The list and an open conversation at 1024x700 in French and Russian,
// whose words are the longest: names and subjects cut after a whole word,
// the list keeping its width beside the reply pane.
func TestInboxSmallWindowGoldenInLongLanguages(t *testing.T) {
	for _, code := range []string{"fr", "ru"} {
		t.Run(code, func(t *testing.T) {
			useLanguage(t, code)
			h := newHarness(t)
			h.ResizeContent(uitest.SmallestScreen)
			h.selectID(h.id(1))
			h.Settle()
			h.Relayout()
			test.AssertRendersToImage(t, "inbox_1024_"+code+".png", h.Canvas())
		})
	}
}
