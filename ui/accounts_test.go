package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
)

// openAccountForm shows the Accounts screen and its add form.
func (h *harness) openAccountForm() *accountForm {
	h.ui.nav.show("Accounts")
	h.waitFor("the account list", func() bool { return len(h.ui.accounts.rows.Objects) > 0 })
	test.Tap(h.ui.accounts.add)
	return h.ui.accounts.form
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
			h.settle()
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
	h.waitFor("the test", func() bool { tested, _, _ := h.accts.snapshot(); return len(tested) == 1 })
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
			h.waitFor("the result", func() bool { return !f.TestButton.Disabled() })
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
	h.waitFor("the account to be added", func() bool { _, added, _ := h.accts.snapshot(); return len(added) == 1 })
	h.waitFor("the form to close", func() bool { return !f.content.Visible() })
	_, added, _ := h.accts.snapshot()
	if !added[0].ArchiveOnDone {
		t.Error("archive on done was not passed on")
	}
	if got := h.ui.accounts.note.Text; !strings.HasPrefix(got, "Added Support.") {
		t.Errorf("note = %q", got)
	}
	h.waitFor("the new account in the list", func() bool { return len(h.ui.accounts.rows.Objects) == 4 })
	h.waitFor("the new account in the filter", func() bool {
		return slices.Contains(h.ui.inbox.filters.account.Options, "Support")
	})
	test.Tap(h.ui.accounts.add)
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
	h.waitFor("the problem", func() bool { return f.Problem.Visible() })
	if want := `An account named "Hearth VK" already exists: choose another name.`; f.Problem.Text != want {
		t.Errorf("problem = %q", f.Problem.Text)
	}
	if !f.content.Visible() {
		t.Error("the form closed on failure")
	}
}

func TestAccountListShowsStatus(t *testing.T) {
	h := newHarness(t)
	h.ui.nav.show("Accounts")
	h.waitFor("the account list", func() bool { return len(h.ui.accounts.rows.Objects) == 3 })
	var errLabel *widget.Label
	texts := labelsIn(h.ui.accounts.rows)
	for _, want := range []string{"OK, synced 2 min ago.", "Syncing 120/400.", "Error: the token was revoked (paste a new token)."} {
		if !slices.Contains(texts, want) {
			t.Errorf("no %q in %q", want, texts)
		}
	}
	for _, o := range test.LaidOutObjects(h.ui.accounts.rows) {
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
	h.ui.nav.show("Accounts")
	h.waitFor("the account list", func() bool { return len(h.ui.accounts.rows.Objects) == 3 })
	buttons := buttonsIn(h.ui.accounts.rows.Objects[1]) // Hearth VK
	test.Tap(buttons[0])
	h.waitFor("SyncNow", func() bool { _, _, calls := h.accts.snapshot(); return slices.Contains(calls, "SyncNow 2") })

	test.Tap(buttons[1])
	confirm := h.canvas().Overlays().Top()
	if confirm == nil {
		t.Fatal("Remove did not ask first")
	}
	if _, _, calls := h.accts.snapshot(); slices.Contains(calls, "Remove 2") {
		t.Fatal("removed before confirming")
	}
	var yes *widget.Button
	for _, b := range buttonsIn(confirm) {
		if b.Text == "Remove" {
			yes = b
		}
	}
	if yes == nil {
		t.Fatal("no Remove button in the confirmation")
	}
	test.Tap(yes)
	h.waitFor("Remove", func() bool { _, _, calls := h.accts.snapshot(); return slices.Contains(calls, "Remove 2") })
	h.waitFor("the list without it", func() bool { return len(h.ui.accounts.rows.Objects) == 2 })
}

func TestStatusSummary(t *testing.T) {
	ok := func(name string, minsAgo int) core.Account {
		return core.Account{Name: name, Status: core.AccountStatus{State: core.SyncOK, LastSync: testNow.Add(-time.Duration(minsAgo) * time.Minute)}}
	}
	running := func(name string, done, total int) core.Account {
		return core.Account{Name: name, Status: core.AccountStatus{State: core.SyncRunning, Done: done, Total: total}}
	}
	failed := core.Account{Name: "@hearth_game", Status: core.AccountStatus{State: core.SyncError, Message: "the token was revoked", Action: "paste a new token"}}
	tests := []struct {
		name  string
		accts []core.Account
		want  syncSummary
	}{
		{"none", nil, syncSummary{text: "No accounts yet"}},
		{"all ok", []core.Account{ok("a", 2), ok("b", 5)}, syncSummary{text: "All accounts synced 5 min ago"}},
		{"syncing", []core.Account{ok("a", 2), running("work@example.com", 120, 400)},
			syncSummary{text: "Syncing work@example.com 120/400", syncing: true, progress: 0.3}},
		{"two syncing", []core.Account{running("b", 0, 0), running("a", 10, 20)},
			syncSummary{text: "Syncing a 10/20 and 1 more", syncing: true, progress: 0.5}},
		{"error", []core.Account{ok("a", 1), failed},
			syncSummary{text: "1 of 2 accounts synced 1 min ago", problem: "@hearth_game: error: the token was revoked (paste a new token)"}},
		{"first sync", []core.Account{{Name: "new"}}, syncSummary{text: "Waiting for the first sync"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summarize(tt.accts, testNow); got != tt.want {
				t.Errorf("summarize = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestStatusBar(t *testing.T) {
	h := newHarness(t)
	b := h.ui.status
	h.waitFor("the status", func() bool { return b.sync.Text != "" && b.unread.Text != "" })
	if b.sync.Text != "Syncing Hearth VK 120/400" || !b.progress.Visible() || b.progress.Value != 0.3 {
		t.Errorf("sync = %q, progress %v (visible %v)", b.sync.Text, b.progress.Value, b.progress.Visible())
	}
	if b.problem.Text != "@hearth_game: error: the token was revoked (paste a new token)" || b.problem.Importance != widget.DangerImportance {
		t.Errorf("problem = %q", b.problem.Text)
	}
	if b.unread.Text != "8 unread" {
		t.Errorf("unread = %q", b.unread.Text)
	}
	h.accts.mu.Lock()
	h.accts.accts[1].Status = core.AccountStatus{State: core.SyncOK, LastSync: testNow}
	h.accts.mu.Unlock()
	h.events.publish(core.Event{Kind: core.EventStatus, AccountID: 2})
	h.waitFor("the status event", func() bool { return !b.progress.Visible() })
	if b.sync.Text != "2 of 3 accounts synced 2 min ago" {
		t.Errorf("sync after the event = %q", b.sync.Text)
	}
}

func TestPlaceholdersSayNotBuilt(t *testing.T) {
	tests := []struct{ screen, want string }{
		{"Calendar", calendarNotBuilt},
		{"Members", membersNotBuilt},
		{"Dashboard", dashboardNotBuilt},
	}
	for _, tt := range tests {
		t.Run(tt.screen, func(t *testing.T) {
			h := newHarness(t)
			h.ui.nav.show(tt.screen)
			shown := h.ui.nav.stack.Objects[h.ui.nav.current]
			if !shown.Visible() || !slices.Contains(labelsIn(shown), tt.want) {
				t.Errorf("%s shows %q", tt.screen, labelsIn(shown))
			}
			if !strings.Contains(tt.want, "not built yet") {
				t.Errorf("%q does not say it is not built yet", tt.want)
			}
		})
	}
}
