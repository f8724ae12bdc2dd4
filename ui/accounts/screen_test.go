package accounts

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// openAccountForm opens the add form.
func (h *harness) openAccountForm() *accountForm {
	test.Tap(h.s.add)
	return h.s.form
}

// fill types a complete, valid form.
func fill(f *accountForm) {
	test.Type(f.name, "Support")
	test.Type(f.user, "support@example.org")
	test.Type(f.password, "s3cret")
	test.Type(f.imapHost, "mail.example.org")
	f.folders.SetText("INBOX, Équipe")
	f.backfill.SetText("30")
}

func TestAccountFormValidates(t *testing.T) {
	tests := []struct {
		name string
		edit func(f *accountForm)
		want string
	}{
		{"no name", func(f *accountForm) { f.name.SetText("") }, "The account needs a name."},
		{"no host", func(f *accountForm) { f.imapHost.SetText(" ") }, "The IMAP host is missing."},
		{"no user", func(f *accountForm) { f.user.SetText("") }, "The user name is missing."},
		{"no password", func(f *accountForm) { f.password.SetText("") }, "The password is missing."},
		{"bad port", func(f *accountForm) { f.imapPort.SetText("99x") }, "The ports must be numbers, e.g. 993 for IMAP and 587 for SMTP."},
		{"port range", func(f *accountForm) { f.smtpPort.SetText("70000") }, "Port out of range."},
		{"plain to a remote host", func(f *accountForm) { f.imapTLS.SetSelected("None (local only)") },
			"An unencrypted connection to mail.example.org is refused; use tls or starttls (plain is allowed only to a loopback host with allow_plain)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			f := h.openAccountForm()
			fill(f)
			tt.edit(f)
			test.Tap(f.TestButton)
			test.Tap(f.SaveButton)
			h.Settle()
			if got := f.Problem.Text; got != tt.want || !f.Problem.Visible() {
				t.Errorf("problem = %q (visible %v)\nwant %q", got, f.Problem.Visible(), tt.want)
			}
			if n := h.ch.testCount(); n != 0 {
				t.Errorf("invalid settings reached the channel: %d tests", n)
			}
			if n := h.accountCount(); n != 3 {
				t.Errorf("invalid settings were saved: %d accounts, want the 3 samples", n)
			}
		})
	}
}

func TestAccountFormPlainToLoopbackAllowed(t *testing.T) {
	h := newHarness(t)
	f := h.openAccountForm()
	fill(f)
	f.imapHost.SetText("127.0.0.1")
	f.imapTLS.SetSelected("None (local only)")
	f.smtpTLS.SetSelected("None (local only)")
	if f.imapPort.Text != "143" || f.smtpPort.Text != "25" {
		t.Errorf("ports did not follow the security mode: %s, %s", f.imapPort.Text, f.smtpPort.Text)
	}
	test.Tap(f.TestButton)
	h.WaitFor("the test", func() bool { return len(h.ch.testsOf(core.KindIMAP)) == 1 })
	s, err := h.ch.testsOf(core.KindIMAP)[0].imapSettings()
	if err != nil || !s.AllowPlain || s.TLS != core.TLSNone || s.SMTPHost != "127.0.0.1" {
		t.Errorf("settings = %+v (%v)", s, err)
	}
}

func TestAccountFormTestsConnection(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		want    string
		success bool
	}{
		{"works", nil, "The connection works: Hearth logged in to mail.example.org and reached mail.example.org for replies.", true},
		{"refused", &core.RemoteError{Problem: core.ProblemAuth, Message: "the server refused the password", Action: "check the password"},
			"The test failed. The server refused the password: check the password.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.ch.failTests(core.KindIMAP, tt.err)
			f := h.openAccountForm()
			fill(f)
			test.Tap(f.TestButton)
			if f.TestButton.Disabled() == false || !f.Activity.Visible() {
				t.Error("no progress shown while testing")
			}
			h.WaitFor("the result", func() bool { return !f.TestButton.Disabled() })
			if f.Result.Text != tt.want {
				t.Errorf("result = %q\nwant %q", f.Result.Text, tt.want)
			}
			if (f.Result.Importance == widget.SuccessImportance) != tt.success {
				t.Errorf("result importance = %v", f.Result.Importance)
			}
			tests := h.ch.testsOf(core.KindIMAP)
			if len(tests) != 1 {
				t.Fatalf("%d connection tests reached the channel, want 1", len(tests))
			}
			if pw := tests[0].secrets["password"]; pw != "s3cret" {
				t.Errorf("the channel logged in with %q", pw)
			}
			s, err := tests[0].imapSettings()
			if err != nil || s.Host != "mail.example.org" || s.Port != 993 || s.TLS != core.TLSImplicit || s.SMTPPort != 587 ||
				!slices.Equal(s.Folders, []string{"INBOX", "Équipe"}) || s.BackfillDays != 30 || s.User != "support@example.org" {
				t.Errorf("tested settings = %+v (%v)", s, err)
			}
		})
	}
}

func TestAccountFormAdds(t *testing.T) {
	h := newHarness(t)
	f := h.openAccountForm()
	fill(f)
	f.archive.SetChecked(true)
	events, stop := h.ws.Engine.Subscribe()
	defer stop()
	test.Tap(f.SaveButton)
	h.WaitFor("the form to close", func() bool { return !f.content.Visible() })
	a := h.mustAccount("Support")
	var s core.IMAPSettings
	h.settings(a, &s)
	if a.Kind != core.KindIMAP || s.Host != "mail.example.org" || s.User != "support@example.org" || s.BackfillDays != 30 {
		t.Errorf("stored %s account with settings %+v", a.Kind, s)
	}
	if !s.ArchiveOnDone {
		t.Error("archive on done was not stored")
	}
	if pw, ok := h.secret(a.ID, "password"); pw != "s3cret" {
		t.Errorf("the keyring holds the password %q (%v), want the one typed", pw, ok)
	}
	if !told(events, core.EventAccount, a.ID) {
		t.Error("the engine was not told of the new account")
	}
	if got := h.s.note.Text; !strings.HasPrefix(got, "Added Support.") {
		t.Errorf("note = %q", got)
	}
	h.WaitFor("the new account in the list", func() bool { return len(h.s.rows.Objects) == 4 })
	if h.changes == 0 {
		t.Error("the window was not told that an account was added")
	}
	test.Tap(h.s.add)
	if f.name.Text != "" || f.password.Text != "" || f.imapPort.Text != "993" || f.smtpPort.Text != "587" || f.folders.Text != "INBOX" {
		t.Errorf("the form did not start afresh: %q %q %q %q %q", f.name.Text, f.password.Text, f.imapPort.Text, f.smtpPort.Text, f.folders.Text)
	}
}

func TestAccountFormNameTaken(t *testing.T) {
	h := newHarness(t)
	f := h.openAccountForm()
	fill(f)
	f.name.SetText("Hearth VK")
	test.Tap(f.SaveButton)
	h.WaitFor("the problem", func() bool { return f.Problem.Visible() })
	if want := `An account named "Hearth VK" already exists: choose another name.`; f.Problem.Text != want {
		t.Errorf("problem = %q", f.Problem.Text)
	}
	if !f.content.Visible() {
		t.Error("the form closed on failure")
	}
	if n := h.accountCount(); n != 3 {
		t.Errorf("the workspace holds %d accounts, want the 3 samples", n)
	}
}

func TestAccountListShowsStatus(t *testing.T) {
	h := newHarness(t)
	h.WaitFor("the account list", func() bool { return len(h.s.rows.Objects) == 3 })
	var errLabel *widget.Label
	texts := uitest.LabelsIn(h.s.rows)
	for _, want := range []string{"OK, synced 2 min ago.", "Syncing 120/400.", "Error: the token was revoked (paste a new token)."} {
		if !slices.Contains(texts, want) {
			t.Errorf("no %q in %q", want, texts)
		}
	}
	for _, o := range test.LaidOutObjects(h.s.rows) {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Error:") {
			errLabel = l
		}
	}
	if errLabel == nil || errLabel.Importance != widget.DangerImportance {
		t.Error("the error status is not in the error colour")
	}
}

func TestAccountSyncAndRemove(t *testing.T) {
	h := newHarness(t)
	h.WaitFor("the account list", func() bool { return len(h.s.rows.Objects) == 3 })
	vk, others := h.mustAccount("Hearth VK"), []core.Account{h.mustAccount("work@example.com"), h.mustAccount("@hearth_game")}
	if err := h.ws.Secrets.Set(context.Background(), vk.ID, "token", "vk1.a.old"); err != nil {
		t.Fatal(err)
	}
	h.ws.StartEngine(t)
	h.WaitFor("the first pass of every account", func() bool {
		return h.ch.passesOf(vk.ID) == 1 && h.ch.passesOf(others[0].ID) == 1 && h.ch.passesOf(others[1].ID) == 1
	})
	test.Tap(uitest.Button(t, h.row("Hearth VK"), "Sync now"))
	h.WaitFor("a pass of Hearth VK on demand", func() bool { return h.ch.passesOf(vk.ID) == 2 })
	for _, a := range others {
		if n := h.ch.passesOf(a.ID); n != 1 {
			t.Errorf("%s synced %d times: only Hearth VK was asked", a.Name, n)
		}
	}

	test.Tap(uitest.Button(t, h.row("Hearth VK"), "Remove"))
	confirm := h.Canvas().Overlays().Top()
	if confirm == nil {
		t.Fatal("Remove did not ask first")
	}
	if _, ok := h.account("Hearth VK"); !ok {
		t.Fatal("removed before confirming")
	}
	var yes *widget.Button
	for _, b := range uitest.ButtonsIn(confirm) {
		if b.Text == "Remove" {
			yes = b
		}
	}
	if yes == nil {
		t.Fatal("no Remove button in the confirmation")
	}
	test.Tap(yes)
	h.WaitFor("the list without it", func() bool { return len(h.s.rows.Objects) == 2 })
	if _, ok := h.account("Hearth VK"); ok {
		t.Error("Hearth VK is still in the workspace")
	}
	if _, ok := h.secret(vk.ID, "token"); ok {
		t.Error("the keyring still holds Hearth VK's token")
	}
}

// row is the list row of the account named name.
func (h *harness) row(name string) fyne.CanvasObject {
	h.T.Helper()
	for _, r := range h.s.rows.Objects {
		if slices.Contains(uitest.LabelsIn(r), name) {
			return r
		}
	}
	h.T.Fatalf("no row for %q in the list", name)
	return nil
}

// told reports whether the engine published an event of kind about an
// account, among those already on events.
func told(events <-chan core.Event, kind core.EventKind, accountID int64) bool {
	for {
		select {
		case ev := <-events:
			if ev.Kind == kind && ev.AccountID == accountID {
				return true
			}
		default:
			return false
		}
	}
}
