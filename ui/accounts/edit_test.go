package accounts

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// saved adds an account through the service, as an earlier session did,
// and waits for its row.
func (h *harness) saved(add func(ctx context.Context) (core.Account, error)) core.Account {
	h.T.Helper()
	a, err := add(context.Background())
	if err != nil {
		h.T.Fatal(err)
	}
	h.s.reload.Request()
	h.WaitFor("the row of "+a.Name, func() bool { return len(h.s.rows.Objects) == h.accountCount() })
	return a
}

// edit taps Edit… on the account's row.
func (h *harness) edit(name string) {
	h.T.Helper()
	test.Tap(uitest.Button(h.T, h.row(name), "Edit…"))
}

// secretsOf are an account's stored secrets by name.
func (h *harness) secretsOf(a core.Account, names ...string) map[string]string {
	h.T.Helper()
	out := map[string]string{}
	for _, n := range names {
		out[n], _ = h.secret(a.ID, n)
	}
	return out
}

func TestEditIMAPPrefillsTestsThenSaves(t *testing.T) {
	h := newHarness(t)
	a := h.saved(func(ctx context.Context) (core.Account, error) {
		return h.ws.Accounts.AddIMAP(ctx, "Support", core.IMAPSettings{Host: "imap.example.org", User: "support@example.org",
			Folders: []string{"INBOX", "Équipe"}, FromName: "Hearth support", ArchiveOnDone: true, PollSeconds: 60}, "s3cret")
	})
	h.edit("Support")
	f := h.s.form
	if !f.content.Visible() || h.s.adds.Visible() || f.title.Text != "Edit Support" {
		t.Fatalf("the e-mail form did not open on Support (title %q)", f.title.Text)
	}
	got := []string{f.name.Text, f.user.Text, f.imapHost.Text, f.imapPort.Text, f.imapTLS.Selected, f.folders.Text, f.fromName.Text, f.password.Text}
	want := []string{"Support", "support@example.org", "imap.example.org", "993", "TLS", "INBOX, Équipe", "Hearth support", ""}
	if !slices.Equal(got, want) || !f.archive.Checked {
		t.Errorf("prefilled %q (archive %v)\nwant %q", got, f.archive.Checked, want)
	}
	if f.password.PlaceHolder != unchanged() {
		t.Errorf("the password field says %q, want that the stored one is kept", f.password.PlaceHolder)
	}
	if !f.SaveButton.Disabled() || f.SaveButton.Text != "Save" || !f.gate.skip.Visible() {
		t.Fatal("Save is enabled before a test, or Save without testing is missing")
	}

	f.imapHost.SetText("mail.example.net")
	test.Tap(f.TestButton)
	h.WaitFor("the test", func() bool { return f.Result.Importance == widget.SuccessImportance })
	tests := h.ch.testsOf(core.KindIMAP)
	if s, _ := tests[0].imapSettings(); len(tests) != 1 || s.Host != "mail.example.net" || tests[0].secrets["password"] != "s3cret" {
		t.Errorf("the test tried %+v with %v; want the new host and the stored password", s, tests[0].secrets)
	}
	if f.SaveButton.Disabled() {
		t.Fatal("Save is still disabled after a passing test")
	}
	f.imapPort.SetText("994")
	if !f.SaveButton.Disabled() || f.Result.Importance != widget.WarningImportance {
		t.Error("a change after the test left Save enabled, or did not say the test is stale")
	}
	f.imapPort.SetText("993")
	test.Tap(f.TestButton)
	h.WaitFor("the second test", func() bool { return !f.SaveButton.Disabled() })
	f.name.SetText("Support desk") // a new name needs no new test
	test.Tap(f.SaveButton)
	h.WaitFor("the form to close", func() bool { return !f.content.Visible() })
	saved := h.mustAccount("Support desk")
	var s core.IMAPSettings
	h.settings(saved, &s)
	if saved.ID != a.ID || s.Host != "mail.example.net" || s.FromName != "Hearth support" || s.PollSeconds != 60 || !s.ArchiveOnDone {
		t.Errorf("saved %d %+v; want the same account, the new host, the settings the form does not show kept", saved.ID, s)
	}
	if pw, _ := h.secret(a.ID, "password"); pw != "s3cret" {
		t.Errorf("password %q after an edit that left it empty", pw)
	}
	if !strings.Contains(h.s.note.Text, "Saved Support desk") || !strings.Contains(h.s.note.Text, "Another server") || h.changes == 0 {
		t.Errorf("note %q (window told %d times)", h.s.note.Text, h.changes)
	}
	h.WaitFor("the renamed row", func() bool { return slices.Contains(uitest.LabelsIn(h.s.rows), "Support desk") })
	h.edit("Support desk")
	if f.fromAddr.Text != "" || f.fromAddr.PlaceHolder == "" || !f.fromName.Visible() {
		t.Errorf("the From fields are not offered on a second edit: %q %q %v", f.fromAddr.Text, f.fromAddr.PlaceHolder, f.fromName.Visible())
	}
}

// A failing test keeps Save off; Save without testing says what it skips
// and saves the new token; the running sync restarts with it.
func TestEditVKFailedTestThenSaveWithoutTesting(t *testing.T) {
	h := newHarness(t)
	a := h.saved(func(ctx context.Context) (core.Account, error) {
		return h.ws.Accounts.AddVK(ctx, "Клуб", core.VKSettings{GroupID: 123456, BackfillDays: 10}, "vk1.a.old")
	})
	h.ws.StartEngine(t)
	h.WaitFor("the first pass", func() bool { return h.ch.passesOf(a.ID) >= 1 })
	h.edit("Клуб")
	f := h.s.vk
	if g := field(t, f, "Community").Text; g != "123456" || field(t, f, "Backfill days").Text != "10" || field(t, f, "Access token").Text != "" {
		t.Errorf("prefilled community %q, backfill %q", g, field(t, f, "Backfill days").Text)
	}
	h.ch.failTests(core.KindVK, &core.RemoteError{Problem: core.ProblemAuth, Message: "token revoked or expired", Action: "paste a new token"})
	test.Type(field(t, f, "Access token"), "vk1.a.new")
	test.Tap(f.TestButton)
	h.WaitFor("the failed test", func() bool { return f.Result.Importance == widget.DangerImportance })
	if !f.SaveButton.Disabled() || !strings.Contains(f.Result.Text, "Token revoked") {
		t.Errorf("after a failed test: Save disabled %v, result %q", f.SaveButton.Disabled(), f.Result.Text)
	}
	if tok, _ := h.secret(a.ID, "token"); tok != "vk1.a.old" {
		t.Fatal("a test saved the token it tried")
	}
	test.Tap(f.gate.skip)
	if msg := strings.Join(uitest.LabelsIn(h.Canvas().Overlays().Top()), " "); !strings.Contains(msg, "will not check") {
		t.Errorf("Save without testing asks %q, want what it skips", msg)
	}
	passes := h.ch.passesOf(a.ID)
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Save without testing"))
	h.WaitFor("the form to close", func() bool { return !f.content.Visible() })
	if tok, _ := h.secret(a.ID, "token"); tok != "vk1.a.new" {
		t.Errorf("token %q, want the new one", tok)
	}
	h.WaitFor("a pass with the new settings", func() bool { return h.ch.passesOf(a.ID) > passes })
}

// Keys left empty are kept; a name another account holds is refused next
// to Save, and nothing changes.
func TestEditXKeepsTheKeysLeftEmpty(t *testing.T) {
	h := newHarness(t)
	keys := core.XKeys{ConsumerKey: "ck", ConsumerSecret: "cs", AccessToken: "at", AccessSecret: "as"}
	a := h.saved(func(ctx context.Context) (core.Account, error) {
		return h.ws.Accounts.AddX(ctx, "Brand", core.XSettings{Handle: "brand", VIPFollowers: 2000, APIVersion: core.XAPIv11}, keys)
	})
	h.edit("Brand")
	f := h.s.x
	if field(t, f, "Handle").Text != "brand" || field(t, f, "VIP from").Text != "2000" || field(t, f, "API key").PlaceHolder != unchanged() {
		t.Errorf("prefilled handle %q, VIP %q", field(t, f, "Handle").Text, field(t, f, "VIP from").Text)
	}
	field(t, f, "VIP from").SetText("500")
	test.Type(field(t, f, "Access token"), "at2")
	test.Tap(f.TestButton)
	h.WaitFor("the test", func() bool { return !f.SaveButton.Disabled() })
	if got := h.ch.testsOf(core.KindX)[0].secrets; got["consumer_key"] != "ck" || got["access_token"] != "at2" {
		t.Errorf("the test logged in with %v", got)
	}
	f.name.SetText("@hearth_game")
	test.Tap(f.SaveButton)
	h.WaitFor("the refusal", func() bool { return f.Problem.Visible() })
	if !strings.Contains(f.Problem.Text, `"@hearth_game" already exists`) || !f.content.Visible() {
		t.Errorf("problem %q", f.Problem.Text)
	}
	if got := h.secretsOf(a, "access_token"); got["access_token"] != "at" {
		t.Errorf("a refused edit changed the token to %q", got["access_token"])
	}
	f.name.SetText("Brand")
	test.Tap(f.SaveButton)
	h.WaitFor("the form to close", func() bool { return !f.content.Visible() })
	want := map[string]string{"consumer_key": "ck", "consumer_secret": "cs", "access_token": "at2", "access_secret": "as"}
	if got := h.secretsOf(a, "consumer_key", "consumer_secret", "access_token", "access_secret"); !maps.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	var s core.XSettings
	h.settings(h.mustAccount("Brand"), &s)
	if s.VIPFollowers != 500 || s.APIVersion != core.XAPIv11 {
		t.Errorf("saved %+v", s)
	}
}

func TestEditFeedKeywords(t *testing.T) {
	h := newHarness(t)
	h.saved(func(ctx context.Context) (core.Account, error) {
		return h.ws.Accounts.AddFeed(ctx, "Forum", core.FeedSettings{URL: "https://forum.example.org/rss", Keywords: []string{"hearth"}})
	})
	h.edit("Forum")
	f := h.s.feed
	if field(t, f, "Feed address").Text != "https://forum.example.org/rss" || field(t, f, "Keywords").Text != "hearth" {
		t.Errorf("prefilled %q, %q", field(t, f, "Feed address").Text, field(t, f, "Keywords").Text)
	}
	field(t, f, "Keywords").SetText("hearth, очаг")
	test.Tap(f.TestButton)
	h.WaitFor("the test", func() bool { return !f.SaveButton.Disabled() })
	test.Tap(f.SaveButton)
	h.WaitFor("the form to close", func() bool { return !f.content.Visible() })
	var s core.FeedSettings
	h.settings(h.mustAccount("Forum"), &s)
	if !slices.Equal(s.Keywords, []string{"hearth", "очаг"}) || !strings.Contains(h.s.note.Text, "keywords") {
		t.Errorf("keywords %q, note %q", s.Keywords, h.s.note.Text)
	}
}

// Cancel leaves the account as it was and the form ready to add again.
func TestEditCancelledChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.saved(func(ctx context.Context) (core.Account, error) {
		return h.ws.Accounts.AddVK(ctx, "Club", core.VKSettings{GroupID: 7}, "tok")
	})
	h.edit("Club")
	f := h.s.vk
	field(t, f, "Community").SetText("8")
	test.Tap(uitest.Button(t, f.content, "Cancel"))
	if f.content.Visible() || !h.s.adds.Visible() {
		t.Fatal("Cancel did not close the form")
	}
	var s core.VKSettings
	h.settings(h.mustAccount("Club"), &s)
	if s.GroupID != 7 {
		t.Errorf("community %d after Cancel", s.GroupID)
	}
	h.openChannelForm("Add VK community")
	if f.heading.Text != "Add a VK community" || f.SaveButton.Text != "Add account" || f.SaveButton.Disabled() ||
		field(t, f, "Access token").PlaceHolder == unchanged() || f.name.Text != "" {
		t.Error("the add form still shows the edit")
	}
}
