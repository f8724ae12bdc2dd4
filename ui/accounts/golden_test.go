package accounts

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// The golden files under testdata/ were reviewed by eye (as PNG) before
// they were accepted.

func TestAccountFormGolden(t *testing.T) {
	h := newHarness(t)
	h.openAccountForm()
	h.Canvas().Unfocus() // no blinking cursor in the picture
	h.Settle()
	h.Relayout()
	test.AssertRendersToMarkup(t, "accounts_form.xml", h.Canvas())
	test.AssertRendersToImage(t, "accounts_form.png", h.Canvas())
}
