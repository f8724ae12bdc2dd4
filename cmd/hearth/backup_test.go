package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/store"
)

// seedWorkspace makes a workspace in dir with one mail account and n mails.
func seedWorkspace(t *testing.T, dir string, n int) {
	t.Helper()
	ctx := context.Background()
	fromTemplate(t, dir)
	st, err := store.Open(ctx, dbPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	addMails(t, st, "m", n)
}

func addMails(t *testing.T, st *store.Store, prefix string, n int) {
	t.Helper()
	ctx := context.Background()
	accts, err := st.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	if len(accts) > 0 {
		id = accts[0].ID
	} else if id, err = st.CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "mail"}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var items []core.Item
	for i := range n {
		items = append(items, core.Item{Kind: core.ItemEmail, RemoteID: fmt.Sprint(prefix, i),
			Subject: "Hello " + fmt.Sprint(i), Text: "Body", CreatedAt: at.Add(time.Duration(i) * time.Minute),
			Author: core.Person{Name: "Anna", Address: "anna@example.org"}})
	}
	if _, err := st.ApplyBatch(ctx, id, core.Batch{Items: items}); err != nil {
		t.Fatal(err)
	}
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// damageIndex overwrites the root page of one of the items indexes.
func damageIndex(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	err = db.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'items_thread'").Scan(&root)
	if err == nil {
		err = db.QueryRow("PRAGMA page_size").Scan(&size)
	}
	if err := errors.Join(err, db.Close()); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteAt(bytes.Repeat([]byte{0xAB}, int(size)), (root-1)*size)
	if err := errors.Join(err, f.Close()); err != nil {
		t.Fatal(err)
	}
}

func TestCheckBackupRestoreCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seedWorkspace(t, dir, 40)
	if code, out, errs := cli(t, "", "--data", dir, "check"); code != 0 || !strings.HasPrefix(out, "ok") {
		t.Fatalf("check of a sound workspace: exit %d\n%s%s", code, out, errs)
	}
	out := filepath.Join(t.TempDir(), "saved.db")
	for range 2 { // a second backup to the same file replaces the first
		if code, stdout, errs := cli(t, "", "--data", dir, "backup", "--out", out); code != 0 || errs != "" {
			t.Fatalf("backup --out: exit %d\n%s%s", code, stdout, errs)
		}
	}
	if names := dirNames(t, filepath.Dir(out)); len(names) != 1 {
		t.Errorf("beside the backup: %v, want the backup alone", names)
	}
	st, err := store.Open(context.Background(), dbPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	addMails(t, st, "later", 5)
	// The window has the workspace open: restore waits for it to close.
	code, _, errs := cli(t, "", "--data", dir, "restore", out)
	if code != 1 || !strings.Contains(errs, "open in another Hearth process") {
		t.Errorf("restore while open: exit %d, stderr %q", code, errs)
	}
	st.Close()
	if n := len(inboxJSON(t, dir, "--state", "all", "--limit", "1000")); n != 45 {
		t.Fatalf("%d items before restore, want 45", n)
	}

	code, stdout, errs := cli(t, "", "--data", dir, "restore", out)
	if code != 0 || !strings.Contains(stdout, "kept as") {
		t.Fatalf("restore: exit %d\n%s%s", code, stdout, errs)
	}
	if n := len(inboxJSON(t, dir, "--state", "all", "--limit", "1000")); n != 40 {
		t.Errorf("%d items after restore, want the backup's 40", n)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "backups", "hearth-before-restore-*.db"))
	if len(kept) != 1 {
		t.Errorf("the replaced database was not kept: %v", dirNames(t, filepath.Join(dir, "backups")))
	}

	// A damaged database: check says what and what to do, and fails.
	damageIndex(t, dbPath(dir))
	code, stdout, _ = cli(t, "", "--data", dir, "check")
	if code != 1 || !strings.Contains(stdout, "integrity") || !strings.Contains(stdout, "restore") {
		t.Errorf("check of a damaged workspace: exit %d\n%s", code, stdout)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestEmptyDatabaseFileIsNotANewWorkspace(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dbPath(dir), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := cli(t, "", "--data", dir, "inbox")
	if code != 1 || !strings.Contains(errs, "empty") || !strings.Contains(errs, "restore") {
		t.Errorf("inbox on a 0-byte database: exit %d, stderr %q; want a refusal saying what to do", code, errs)
	}
	if fi, err := os.Stat(dbPath(dir)); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was made into something: %v %v", fi, err)
	}
}

// TestDamageAfterAKillIsNeverWrittenTo kills a running 'hearth sync', damages
// the database as a crash of the disk might, and checks that no command
// writes to it and each says what to do.
func TestDamageAfterAKillIsNeverWrittenTo(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	seedWorkspace(t, dir, 40)
	saved := filepath.Join(t.TempDir(), "saved.db")
	if code, out, errs := cli(t, "", "--data", dir, "backup", "--out", saved); code != 0 {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errs)
	}
	cmd := exec.Command(os.Args[0], "--data", dir, "--secrets", "file", "sync")
	cmd.Env = append(os.Environ(), "HEARTH_TEST_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the sync to open the workspace", func() bool {
		b, _ := os.ReadFile(store.LockPath(dbPath(dir)))
		return strings.TrimSpace(string(b)) == "open"
	})
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	damageIndex(t, dbPath(dir))
	before := sum(t, dbPath(dir))

	for _, args := range [][]string{{"sync", "--once"}, {"inbox"}, {"backup", "--out", filepath.Join(dir, "b.db")}} {
		code, _, errs := cli(t, "", append([]string{"--data", dir, "--secrets", "file"}, args...)...)
		if code != 1 || !strings.Contains(errs, "damaged") || !strings.Contains(errs, "check") {
			t.Errorf("%v on a damaged workspace: exit %d, stderr %q", args, code, errs)
		}
		if !strings.Contains(errs, "not closed cleanly") {
			t.Errorf("%v: stderr %q does not say why it checks", args, errs)
		}
	}
	if sum(t, dbPath(dir)) != before {
		t.Error("the damaged database was written to")
	}

	// What the refusal says to do works: restore, and the workspace opens.
	if code, out, errs := cli(t, "", "--data", dir, "restore", saved); code != 0 {
		t.Fatalf("restore: exit %d\n%s%s", code, out, errs)
	}
	if n := len(inboxJSON(t, dir, "--state", "all")); n != 40 {
		t.Errorf("%d items after restoring the backup, want 40", n)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestMovedWorkspaceFindsItsSecrets: the key file is named by the
// workspace's id, not its path, so a moved workspace syncs and no key file
// is added per path.
func TestMovedWorkspaceFindsItsSecrets(t *testing.T) {
	conf := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", conf)
	t.Setenv("HEARTH_SECRETS_KEY_FILE", "") // the default location
	p := startPeers(t, 5)
	dir := filepath.Join(t.TempDir(), "ws")
	args, pw := addArgs(dir, p)
	if code, out, errs := cli(t, pw, args...); code != 0 {
		t.Fatalf("account add: exit %d\n%s%s", code, out, errs)
	}
	moved := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := cli(t, "", "--data", moved, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync of the moved workspace: exit %d\n%s%s", code, out, errs)
	}
	if n := len(inboxJSON(t, moved, "--state", "all")); n == 0 {
		t.Error("the moved workspace synced nothing")
	}
	if keys, _ := filepath.Glob(filepath.Join(conf, "hearth", "*.key")); len(keys) != 1 {
		t.Errorf("key files %v, want one for the workspace", keys)
	}
}

// TestSyncDaemonMakesTheDailyBackup: 'hearth sync' (and the window, through
// the same start) makes the automatic backup.
func TestSyncDaemonMakesTheDailyBackup(t *testing.T) {
	old := backupDelay
	backupDelay = 0
	t.Cleanup(func() { backupDelay = old })
	dir := t.TempDir()
	seedWorkspace(t, dir, 10)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var out, errb bytes.Buffer
	go func() {
		done <- run(ctx, []string{"--data", dir, "--secrets", "file", "sync"}, strings.NewReader(""), &out, &errb)
	}()
	today := filepath.Join(dir, "backups", "hearth-"+time.Now().Format(time.DateOnly)+".db")
	waitFor(t, "the daily backup", func() bool {
		_, err := os.Stat(today)
		return err == nil
	})
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("sync exit %d: %s", code, errb.String())
	}
	if code, stdout, errs := cli(t, "", "--data", dir, "backup"); code != 0 || !strings.Contains(stdout, today) {
		t.Errorf("backup (list): exit %d\n%s%s", code, stdout, errs)
	}
	rep, err := store.Check(context.Background(), today)
	if err != nil || !rep.OK() {
		t.Errorf("the daily backup does not check: %v %v", rep.Problems, err)
	}
}
