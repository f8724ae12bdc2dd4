package accounts

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
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

func TestAccountEditFormGolden(t *testing.T) {
	h := newHarness(t)
	h.saved(func(ctx context.Context) (core.Account, error) {
		return h.ws.Accounts.AddIMAP(ctx, "Support", core.IMAPSettings{Host: "imap.example.org", User: "support@example.org",
			Folders: []string{"INBOX", "Équipe"}, FromName: "Hearth support"}, "s3cret")
	})
	h.edit("Support")
	h.Canvas().Unfocus()
	h.Settle()
	h.Relayout()
	test.AssertRendersToMarkup(t, "accounts_edit_form.xml", h.Canvas())
	test.AssertRendersToImage(t, "accounts_edit_form.png", h.Canvas())
}
