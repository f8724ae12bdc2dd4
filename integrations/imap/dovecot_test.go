package imap

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-imap/v2"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/imap/mailparse"
)

// Tests against Debian's Dovecot: the server most self-hosted mailboxes
// run, with CONDSTORE, SPECIAL-USE, MOVE and UIDPLUS.

func TestDovecotInitialThenIncrementalSync(t *testing.T) {
	d := startDovecot(t)
	cl := d.client(t)
	now := time.Now()
	appendMsg(t, cl, "INBOX", message("old@x", "Old", now.AddDate(0, 0, -200), "old"), now.AddDate(0, 0, -200))
	appendMsg(t, cl, "INBOX", message("a@x", "Привет, мир", now, "a"), now)
	appendMsg(t, cl, "INBOX", message("", "Anonymous", now, "no id"), now, imap.FlagSeen)

	c := d.open(t, startSMTP(t).addr, func(s *core.IMAPSettings) { s.BackfillDays = 90 })
	s := newFakeSession(t)
	mustSync(t, c, s)
	if s.count(t) != 2 {
		t.Fatalf("first sync stored %d items, want 2", s.count(t))
	}
	if got := s.item(t, "a@x").Subject; got != "Привет, мир" {
		t.Errorf("subject = %q", got)
	}
	cur := s.cursor(t, "INBOX")
	if cur.HighestModSeq == 0 || cur.Backfill || cur.LastUID != 3 {
		t.Errorf("cursor = %+v, want CONDSTORE mod-sequence, last_uid 3, backfill done", cur)
	}

	appendMsg(t, cl, "INBOX", message("b@x", "B", now, "b"), now)
	mustSync(t, c, s)
	if s.count(t) != 3 {
		t.Fatalf("incremental sync: %d items, want 3", s.count(t))
	}
}

func TestDovecotIdleReportsArrival(t *testing.T) {
	d := startDovecot(t)
	c := d.open(t, startSMTP(t).addr, nil)
	cl := d.client(t)
	watchUntilChanged(t, c, func(int) {
		appendMsg(t, cl, "INBOX", message("late@x", "Late", time.Now(), "hi"), time.Now())
	})
}

func TestDovecotSeenBothWays(t *testing.T) {
	d := startDovecot(t)
	cl := d.client(t)
	now := time.Now()
	uid := appendMsg(t, cl, "INBOX", message("a@x", "A", now, "a"), now)
	appendMsg(t, cl, "INBOX", message("b@x", "B", now, "b"), now)
	c := d.open(t, startSMTP(t).addr, nil)
	s := newFakeSession(t)
	mustSync(t, c, s)

	// Here -> server.
	if err := c.SetSeen(withTimeout(t), s.item(t, "a@x"), true); err != nil {
		t.Fatal(err)
	}
	if !serverSeen(t, cl, "INBOX", uid) {
		t.Error("SetSeen(true) did not reach Dovecot")
	}
	// Server -> here, through CHANGEDSINCE.
	setServerSeen(t, cl, "INBOX", uid, false)
	mustSync(t, c, s)
	if s.item(t, "a@x").Seen {
		t.Error("marked unread in another client, still read here")
	}
	setServerSeen(t, cl, "INBOX", uid, true)
	mustSync(t, c, s)
	if !s.item(t, "a@x").Seen || s.item(t, "b@x").Seen {
		t.Errorf("seen a=%v b=%v, want a only", s.item(t, "a@x").Seen, s.item(t, "b@x").Seen)
	}
}

func TestDovecotArchiveUsesTheSpecialUseFolder(t *testing.T) {
	d := startDovecot(t)
	cl := d.client(t)
	now := time.Now()
	uid := appendMsg(t, cl, "INBOX", message("a@x", "A", now, "a"), now)
	c := d.open(t, startSMTP(t).addr, nil)
	s := newFakeSession(t)
	mustSync(t, c, s)

	scope, loc, err := c.Archive(withTimeout(t), s.item(t, "a@x"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseLocation(loc)
	if err != nil {
		t.Fatal(err)
	}
	archived := folderUIDs(t, cl, "Archived Mail")
	if got.Folder != "Archived Mail" || scope != got.Folder || !slices.Contains(archived, got.UID) {
		t.Errorf("archived to %q; the folder holds %v", loc, archived)
	}
	if slices.Contains(folderUIDs(t, cl, "INBOX"), uid) {
		t.Error("the message is still in INBOX")
	}
}

func TestDovecotReplyLandsInSent(t *testing.T) {
	d := startDovecot(t)
	smtpPeer := startSMTP(t)
	cl := d.client(t)
	c := d.open(t, smtpPeer.addr, nil)
	id := NewMessageID("alice@example.org")
	ctx := withTimeout(t)
	if ok, err := c.Delivered(ctx, original(), id); err != nil || ok {
		t.Fatalf("Delivered before = %v, %v", ok, err)
	}
	if _, err := c.Reply(ctx, original(), core.Reply{Text: "See you there.", Quote: true}, id); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.Delivered(ctx, original(), id); err != nil || !ok {
		t.Fatalf("Delivered after = %v, %v", ok, err)
	}
	sent := folderUIDs(t, cl, "Sent Messages")
	if len(sent) != 1 || !serverSeen(t, cl, "Sent Messages", sent[0]) {
		t.Errorf("Sent Messages holds %v, want the reply, read", sent)
	}
	if n := len(smtpPeer.messages()); n != 1 {
		t.Errorf("SMTP got %d messages", n)
	}
}

func TestDovecotUIDValidityReset(t *testing.T) {
	d := startDovecot(t)
	cl := d.client(t)
	if err := cl.Create("Lists", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	raws := [][]byte{message("a@x", "A", now, "a"), message("", "Anon", now, "anon"), message("b@x", "B", now, "b")}
	for _, raw := range raws {
		appendMsg(t, cl, "Lists", raw, now)
	}
	c := d.open(t, startSMTP(t).addr, func(s *core.IMAPSettings) { s.Folders = []string{"Lists"} })
	s := newFakeSession(t)
	mustSync(t, c, s)
	before := s.cursor(t, "Lists")

	if err := cl.Delete("Lists").Wait(); err != nil {
		t.Fatal(err)
	}
	if err := cl.Create("Lists", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	for _, raw := range slices.Backward(raws) {
		appendMsg(t, cl, "Lists", raw, now)
	}
	mustSync(t, c, s)
	after := s.cursor(t, "Lists")
	if after.UIDValidity == before.UIDValidity {
		t.Fatalf("Dovecot kept uidvalidity %d", after.UIDValidity)
	}
	if s.count(t) != 3 {
		t.Fatalf("%d items after the reset, want 3", s.count(t))
	}
	if want := fmt.Sprintf("%d:3:Lists", after.UIDValidity); s.item(t, "a@x").Location != want {
		t.Errorf("a@x at %q, want %q", s.item(t, "a@x").Location, want)
	}
}

func TestDovecotIdleResyncTouchesNothing(t *testing.T) {
	d := startDovecot(t)
	cl := d.client(t)
	now := time.Now()
	for i := range 20 {
		appendMsg(t, cl, "INBOX", message(fmt.Sprintf("m%d@x", i), "M", now, "m"), now)
	}
	c := d.open(t, startSMTP(t).addr, nil)
	s := newFakeSession(t)
	mustSync(t, c, s)
	commits := s.commits
	for range 3 {
		mustSync(t, c, s)
	}
	if s.commits != commits {
		t.Errorf("unchanged mailbox: %d commits on re-sync, want none", s.commits-commits)
	}
	// A fresh connection (an app restart) skips as well: CONDSTORE says
	// nothing changed.
	c2 := d.open(t, "127.0.0.1:1", nil)
	mustSync(t, c2, s)
	if s.commits != commits {
		t.Errorf("unchanged mailbox after restart: %d commits, want none", s.commits-commits)
	}
}

// corpusFiles lists the real-world messages mailparse is tested on.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	root := filepath.Join("mailparse", "testdata")
	var files []string
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(path, ".eml") {
			files = append(files, path)
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus under %s: %v", root, err)
	}
	return files
}

// crlf gives a message IMAP line endings, as a mail client would send it.
func crlf(raw []byte) []byte {
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(raw, []byte("\n"), []byte("\r\n"))
}

func TestDovecotCorpusSyncsEveryMessageOnce(t *testing.T) {
	d := startDovecot(t)
	cl := d.client(t)
	want := map[string]string{} // remote id -> file
	for _, path := range corpusFiles(t) {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(raw, 0) >= 0 {
			// An IMAP literal cannot carry NUL; Dovecot rewrites it, so
			// the stored message is not this file any more.
			t.Logf("skipped %s: it holds NUL bytes", path)
			continue
		}
		raw = crlf(raw)
		cmd := cl.Append("INBOX", int64(len(raw)), nil)
		cmd.Write(raw)
		cmd.Close()
		if _, err := cmd.Wait(); err != nil {
			t.Logf("Dovecot refused %s: %v", path, err)
			continue
		}
		// Files that share a Message-Id but say different things are
		// different messages; identical ones are one.
		it := mailparse.Parse(raw)
		want[it.RemoteID+" "+it.ContentHash] = path
	}
	c := d.open(t, startSMTP(t).addr, nil)
	s := newFakeSession(t)
	mustSync(t, c, s)

	if s.count(t) != len(want) {
		t.Errorf("stored %d items for %d distinct messages", s.count(t), len(want))
	}
	s.checkClean(t)
	stored := map[string]core.Item{}
	for id, it := range s.all(t) {
		stored[core.SharedID(id)] = it
	}
	for key, path := range want {
		id, _, _ := strings.Cut(key, " ")
		it, ok := stored[id]
		if !ok {
			t.Errorf("%s (%s) did not arrive", path, id)
			continue
		}
		if it.Subject == "" || !utf8.ValidString(it.Subject) || !utf8.ValidString(it.Text) {
			t.Errorf("%s: subject %q is empty or not UTF-8", path, it.Subject)
		}
	}
	t.Logf("%d distinct corpus messages synced", len(want))
}
