package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// The golden files under testdata/ were reviewed by eye (as PNG) before
// they were accepted; a change in the screens shows up as a diff here.

func TestInboxGolden(t *testing.T) {
	h := newHarness(t)
	h.selectID(2)
	h.settle()
	h.relayout()
	test.AssertRendersToMarkup(t, "inbox.xml", h.canvas())
	test.AssertRendersToImage(t, "inbox.png", h.canvas())
}

func TestInboxSmallWindowGolden(t *testing.T) {
	h := newHarness(t)
	h.ui.Win.Resize(minimumSize)
	h.selectID(1)
	h.settle()
	h.relayout()
	test.AssertRendersToImage(t, "inbox_1024.png", h.canvas())
}

func TestAccountFormGolden(t *testing.T) {
	h := newHarness(t)
	h.openAccountForm()
	h.canvas().Unfocus() // no blinking cursor in the picture
	h.settle()
	h.relayout()
	test.AssertRendersToMarkup(t, "accounts_form.xml", h.canvas())
	test.AssertRendersToImage(t, "accounts_form.png", h.canvas())
}

func TestWindowFitsSmallestSize(t *testing.T) {
	h := newHarness(t)
	for _, screen := range []string{"Inbox", "Accounts", "Calendar"} {
		h.ui.nav.show(screen)
		if screen == "Inbox" {
			h.selectID(2)
		} else if screen == "Accounts" {
			test.Tap(h.ui.accounts.add)
		}
		h.settle()
		if m := h.ui.Win.Content().MinSize(); m.Width > minimumSize.Width || m.Height > minimumSize.Height {
			t.Errorf("%s needs %v, more than the smallest supported window %v", screen, m, minimumSize)
		}
	}
}
