package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/demo"
)

// movedArgs are the flags of `account edit` that point an account at the
// peers p.
func movedArgs(p *demo.Peers) []string {
	_, s, _ := p.Account()
	return []string{"--port", strconv.Itoa(s.Port), "--smtp-port", strconv.Itoa(s.SMTPPort)}
}

// storedIMAP reads an account's stored settings from the workspace file.
func storedIMAP(t *testing.T, dir, name string) core.IMAPSettings {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbPath(dir)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var raw string
	if err := db.QueryRow("SELECT settings FROM accounts WHERE name = ?", name).Scan(&raw); err != nil {
		t.Fatalf("account %q: %v", name, err)
	}
	var s core.IMAPSettings
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// `account edit` moves a mailbox to another server: a wrong password fails
// the test and changes nothing; the right one saves, says the folders are
// read again, and the next sync reads the new server (the old one is gone)
// without doubling a message. A rename keeps the password reachable.
func TestHeadlessAccountEditMovesToAnotherServer(t *testing.T) {
	t.Parallel()
	// A holds the demo's scripted messages (34), B those and 29 more.
	a, b := startPeers(t, 1), startPeers(t, 40)
	dir := t.TempDir()
	args, pwA := addArgs(dir, a)
	if code, out, errs := cli(t, pwA, args...); code != 0 {
		t.Fatalf("account add: %d %s%s", code, out, errs)
	}
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync: %d %s%s", code, out, errs)
	}
	before := storedMessages(t, dir)
	_, _, pwB := b.Account()
	edit := append([]string{"--data", dir, "--secrets", "file", "account", "edit", demo.AccountName}, movedArgs(b)...)

	code, out, errs := cli(t, pwA+"\n", append(edit, "--password-stdin")...)
	if code != 1 || out != "" || !strings.Contains(errs, "connection test failed") || !strings.Contains(errs, "nothing was changed") {
		t.Errorf("edit with the old server's password: exit %d, %q %q; want 1 and the failed test", code, out, errs)
	}
	if s := storedIMAP(t, dir, demo.AccountName); s.Port != mustPort(t, a) {
		t.Fatalf("a failed test changed the port to %d", s.Port)
	}

	code, out, errs = cli(t, pwB+"\n", append(edit, "--password-stdin", "--name", "Support")...)
	if code != 0 || !strings.Contains(out, `saved account "Support"`) || !strings.Contains(out, "Another server") {
		t.Fatalf("edit to the new server: exit %d, %q %q", code, out, errs)
	}
	a.Close()
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync after the move: %d %s%s", code, out, errs)
	}
	if got, want := storedMessages(t, dir), mailboxCount(t, b); got != want || got <= before {
		t.Errorf("after the move %d messages are stored (%d before), want the new server's %d, none doubled", got, before, want)
	}
	if code, _, errs := cli(t, "", "--data", dir, "--secrets", "file", "account", "edit", "Support", "--folders", "INBOX,Nope"); code != 1 || !strings.Contains(errs, "Nope") {
		t.Errorf("a folder the server lacks: exit %d, %q; want the test to name it", code, errs)
	}
	code, out, _ = cli(t, "", "--data", dir, "--secrets", "file", "account", "edit", "Support", "--from-name", "Support team", "--no-test")
	if s := storedIMAP(t, dir, "Support"); code != 0 || s.FromName != "Support team" || s.Port != mustPort(t, b) {
		t.Errorf("--no-test edit: exit %d, %q, stored %+v", code, out, s)
	}
	if code, _, _ := cli(t, "", "--data", dir, "--secrets", "file", "account", "edit"); code != 2 {
		t.Errorf("edit without a name: exit %d, want 2", code)
	}
}

func mustPort(t *testing.T, p *demo.Peers) int {
	t.Helper()
	_, s, _ := p.Account()
	return s.Port
}

// A running engine picks an edit up at once: the account's worker stops,
// and a new one syncs the new server with the kept password, while the old
// server is already gone.
func TestRunningEngineReconnectsAfterAnEdit(t *testing.T) {
	t.Parallel()
	// A holds the demo's scripted messages (34), B those and 29 more.
	a, b := startPeers(t, 1), startPeers(t, 40)
	ctx, cancel := context.WithCancel(context.Background())
	dir := t.TempDir()
	fromTemplate(t, dir)
	w, err := openWorkspace(ctx, workspaceOptions{dir: dir, secretsMode: "file", log: slog.Default(), noBackups: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	defer func() { cancel(); w.wait() }()
	events, stop := w.engine.Subscribe()
	defer stop()
	if err := w.start(ctx); err != nil {
		t.Fatal(err)
	}
	name, set, pw := a.Account()
	set.BackfillDays = -1
	acct, err := w.accounts.AddIMAP(ctx, name, set, pw)
	if err != nil {
		t.Fatal(err)
	}
	waitSynced(t, w, events, acct.ID)
	first := storedMessages(t, dir)

	// Both demo servers share one password only by chance: give B's.
	_, setB, pwB := b.Account()
	set.Port, set.SMTPPort = setB.Port, setB.SMTPPort
	a.Close()
	if _, err := w.accounts.UpdateIMAP(ctx, acct.ID, name, set, pwB); err != nil {
		t.Fatal(err)
	}
	// A status event of the stopped worker's last pass can still say OK:
	// wait through passes until the new server's messages are in (or
	// waitSynced's two minutes end), rather than for the first OK.
	want := mailboxCount(t, b)
	got := first
	for deadline := time.Now().Add(2 * time.Minute); got != want && time.Now().Before(deadline); got = storedMessages(t, dir) {
		waitSynced(t, w, events, acct.ID)
	}
	if got != want || got <= first {
		t.Errorf("after the edit %d messages are stored (%d before), want the new server's %d", got, first, want)
	}
}

// waitSynced waits for a pass of the account to end well.
func waitSynced(t *testing.T, w *workspace, events <-chan core.Event, id int64) {
	t.Helper()
	deadline := time.After(2 * time.Minute)
	for {
		select {
		case ev := <-events:
			if ev.Kind != core.EventStatus || ev.AccountID != id {
				continue
			}
			st, _ := w.engine.LiveStatus(id)
			switch st.State {
			case core.SyncOK:
				return
			case core.SyncError:
				t.Fatalf("the sync failed: %s", st.Message)
			}
		case <-deadline:
			t.Fatal("no sync of the account ended within two minutes")
		}
	}
}

// `account edit` of a VK community: a revoked token is refused by the
// test and the old one kept; a good one replaces it; --no-test saves an
// untested API address; a flag of another kind is a usage error.
func TestHeadlessAccountEditVKToken(t *testing.T) {
	t.Parallel()
	p := startVKPeer(t)
	dir := t.TempDir()
	args, tok := addVKArgs(dir, p)
	if code, _, errs := cli(t, tok, args...); code != 0 {
		t.Fatalf("account add vk: %d %s", code, errs)
	}
	name, _, _ := p.Account()
	edit := []string{"--data", dir, "--secrets", "file", "account", "edit", name}
	code, _, errs := cli(t, "vk1.a.revoked\n", append(edit, "--token-stdin")...)
	if code != 1 || !strings.Contains(errs, "token revoked or expired") {
		t.Errorf("revoked token: exit %d, %q; want 1 and why", code, errs)
	}
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("the refused edit broke the account: %d %s%s", code, out, errs)
	}
	if code, out, errs := cli(t, tok, append(edit, "--token-stdin", "--backfill-days", "7")...); code != 0 || !strings.Contains(out, "saved account") {
		t.Errorf("a good token: exit %d, %q %q", code, out, errs)
	}
	if code, _, _ := cli(t, "", append(edit, "--host", "imap.example.org")...); code != 2 {
		t.Errorf("--host on a VK account: exit %d, want 2", code)
	}
	if code, _, errs := cli(t, "", append(edit, "--api-url", "http://127.0.0.1:1/method/", "--no-test")...); code != 0 {
		t.Errorf("--no-test: exit %d, %q", code, errs)
	}
	if code, _, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 1 || errs == "" {
		t.Errorf("sync against the untested dead address: exit %d, %q; want 1 and why", code, errs)
	}
}
