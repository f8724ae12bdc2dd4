package accounts

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// harness is the accounts screen on fakes in a window of the size the
// screen gets in the default window, shown.
type harness struct {
	*uitest.Window
	accts *fakeAccounts
	s     *Screen
	// changes counts the calls telling the window that accounts changed.
	changes int
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	w := uitest.NewScreenWindow(t, uitest.ScreenSize)
	h := &harness{Window: w, accts: &fakeAccounts{accts: sampleAccounts()}}
	h.s = New(w.Env, Backend{Accounts: h.accts}, func() { h.changes++ })
	w.Win.SetContent(h.s.Content())
	w.Win.Show()
	h.s.Start()
	h.s.Shown()
	h.WaitFor("the account list", func() bool { return len(h.s.rows.Objects) > 0 })
	return h
}

// sampleAccounts are a mailbox that synced, a VK community syncing and an
// X account whose token was revoked.
func sampleAccounts() []core.Account {
	return []core.Account{
		{ID: 1, Kind: core.KindIMAP, Name: "work@example.com",
			Status: core.AccountStatus{State: core.SyncOK, LastSync: uitest.Now.Add(-2 * time.Minute)}},
		{ID: 2, Kind: core.KindVK, Name: "Hearth VK",
			Status: core.AccountStatus{State: core.SyncRunning, Done: 120, Total: 400, LastSync: uitest.Now.Add(-time.Hour)}},
		{ID: 3, Kind: core.KindX, Name: "@hearth_game",
			Status: core.AccountStatus{State: core.SyncError, Message: "the token was revoked", Action: "paste a new token"}},
	}
}

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
			if tested, added, _ := h.accts.snapshot(); len(tested)+len(added) != 0 {
				t.Errorf("invalid settings reached the backend: tested %d, added %d", len(tested), len(added))
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
	h.WaitFor("the test", func() bool { tested, _, _ := h.accts.snapshot(); return len(tested) == 1 })
	tested, _, _ := h.accts.snapshot()
	if s := tested[0]; !s.AllowPlain || s.TLS != core.TLSNone || s.SMTPHost != "127.0.0.1" {
		t.Errorf("settings = %+v", s)
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
			h.accts.testErr = tt.err
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
			tested, _, _ := h.accts.snapshot()
			s := tested[0]
			if s.Host != "mail.example.org" || s.Port != 993 || s.TLS != core.TLSImplicit || s.SMTPPort != 587 ||
				!slices.Equal(s.Folders, []string{"INBOX", "Équipe"}) || s.BackfillDays != 30 || s.User != "support@example.org" {
				t.Errorf("tested settings = %+v", s)
			}
		})
	}
}

func TestAccountFormAdds(t *testing.T) {
	h := newHarness(t)
	f := h.openAccountForm()
	fill(f)
	f.archive.SetChecked(true)
	test.Tap(f.SaveButton)
	h.WaitFor("the account to be added", func() bool { _, added, _ := h.accts.snapshot(); return len(added) == 1 })
	h.WaitFor("the form to close", func() bool { return !f.content.Visible() })
	_, added, _ := h.accts.snapshot()
	if !added[0].ArchiveOnDone {
		t.Error("archive on done was not passed on")
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
	buttons := uitest.ButtonsIn(h.s.rows.Objects[1]) // Hearth VK
	test.Tap(buttons[0])
	h.WaitFor("SyncNow", func() bool { _, _, calls := h.accts.snapshot(); return slices.Contains(calls, "SyncNow 2") })

	test.Tap(buttons[1])
	confirm := h.Canvas().Overlays().Top()
	if confirm == nil {
		t.Fatal("Remove did not ask first")
	}
	if _, _, calls := h.accts.snapshot(); slices.Contains(calls, "Remove 2") {
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
	h.WaitFor("Remove", func() bool { _, _, calls := h.accts.snapshot(); return slices.Contains(calls, "Remove 2") })
	h.WaitFor("the list without it", func() bool { return len(h.s.rows.Objects) == 2 })
}
