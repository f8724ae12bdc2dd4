package imap

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/hearthhq/hearth/core"
)

func TestInitialSyncKeepsTheBackfillWindow(t *testing.T) {
	p := startPeer(t, peerOptions{})
	cl := p.client(t)
	now := time.Now()
	appendMsg(t, cl, "INBOX", message("old@x", "Old news", now.AddDate(0, 0, -200), "from long ago"), now.AddDate(0, 0, -200))
	recentUID := appendMsg(t, cl, "INBOX", message("new@x", "Fresh", now.AddDate(0, 0, -3), "hello there"), now.AddDate(0, 0, -3), imap.FlagSeen)
	appendMsg(t, cl, "INBOX", message("", "No id", now.AddDate(0, 0, -1), "anonymous"), now.AddDate(0, 0, -1))

	c := p.open(t, func(s *core.IMAPSettings) { s.BackfillDays = 90 })
	s := newFakeSession(t)
	mustSync(t, c, s)

	if got := s.count(t); got != 2 {
		t.Fatalf("stored %d items, want 2 (the old one is outside the 90-day window)", got)
	}
	fresh := s.item(t, "new@x")
	if fresh.Subject != "Fresh" || !fresh.Seen || fresh.Kind != core.ItemEmail {
		t.Errorf("fresh item = %+v", fresh)
	}
	if want := fmt.Sprintf("%d:%d:INBOX", s.cursor(t, "INBOX").UIDValidity, recentUID); fresh.Location != want {
		t.Errorf("location = %q, want %q", fresh.Location, want)
	}
	if s.done != 2 || s.total != 2 {
		t.Errorf("progress = %d/%d, want 2/2", s.done, s.total)
	}
	var anon int
	for id, it := range s.all(t) {
		if strings.HasPrefix(id, "sha256:") && it.Subject == "No id" {
			anon++
		}
	}
	if anon != 1 {
		t.Errorf("the message without Message-Id is stored %d times under a hash id, want once", anon)
	}
	if cur := s.cursor(t, "INBOX"); cur.Backfill || cur.LastUID != 3 {
		t.Errorf("cursor after the first sync = %+v, want last_uid 3 and backfill done", cur)
	}
}

func TestIncrementalSyncFetchesOnlyNewMessages(t *testing.T) {
	p := startPeer(t, peerOptions{})
	cl := p.client(t)
	now := time.Now()
	appendMsg(t, cl, "INBOX", message("a@x", "A", now, "a"), now)
	c := p.open(t, nil)
	s := newFakeSession(t)
	mustSync(t, c, s)

	// The old message is out of the window now: an incremental pass
	// takes everything new, whatever its date, and nothing else.
	appendMsg(t, cl, "INBOX", message("b@x", "B", now, "b"), now.AddDate(-1, 0, 0))
	appendMsg(t, cl, "INBOX", message("c@x", "C", now, "c"), now)
	commits := s.commits
	mustSync(t, c, s)
	if s.count(t) != 3 {
		t.Fatalf("stored %d items, want 3", s.count(t))
	}
	if s.commits-commits != 1 {
		t.Errorf("incremental pass made %d commits, want 1", s.commits-commits)
	}

	commits = s.commits
	mustSync(t, c, s) // nothing changed
	if s.commits != commits {
		t.Errorf("an idle pass committed %d batches, want none", s.commits-commits)
	}
}

func TestSyncReportsSeenChangesFromTheServer(t *testing.T) {
	p := startPeer(t, peerOptions{})
	cl := p.client(t)
	now := time.Now()
	uid := appendMsg(t, cl, "INBOX", message("a@x", "A", now, "a"), now)
	appendMsg(t, cl, "INBOX", message("b@x", "B", now, "b"), now)
	c := p.open(t, nil)
	s := newFakeSession(t)
	mustSync(t, c, s)

	setServerSeen(t, cl, "INBOX", uid, true)
	mustSync(t, c, s)
	if !s.item(t, "a@x").Seen {
		t.Error("read on the server, still unread here")
	}
	if s.item(t, "b@x").Seen {
		t.Error("b became read without reason")
	}

	setServerSeen(t, cl, "INBOX", uid, false)
	mustSync(t, c, s)
	if s.item(t, "a@x").Seen {
		t.Error("marked unread on the server, still read here")
	}

	// A fresh connection (restart) reports flags again without duplicates.
	c2 := p.open(t, nil)
	mustSync(t, c2, s)
	if s.count(t) != 2 {
		t.Errorf("stored %d items after a restart, want 2", s.count(t))
	}
}

func TestSyncInBatchesResumesAfterAFailedCommit(t *testing.T) {
	p := startPeer(t, peerOptions{})
	cl := p.client(t)
	now := time.Now()
	const n = metaChunk*2 + 50
	for i := range n {
		appendMsg(t, cl, "INBOX", message(fmt.Sprintf("m%d@x", i), fmt.Sprintf("Message %d", i), now, "body"), now)
	}
	c := p.open(t, nil)
	s := newFakeSession(t)
	s.failAt = 2 // the second batch fails, as a crash or a full disk would
	if err := c.Sync(context.Background(), s); err == nil {
		t.Fatal("sync succeeded despite a failed commit")
	}
	if got := s.count(t); got != metaChunk {
		t.Fatalf("after the failure %d items are stored, want the first batch (%d)", got, metaChunk)
	}
	if cur := s.cursor(t, "INBOX"); cur.LastUID != metaChunk || !cur.Backfill {
		t.Fatalf("cursor after the failure = %+v, want last_uid %d, backfill unfinished", cur, metaChunk)
	}

	mustSync(t, c, s)
	if got := s.count(t); got != n {
		t.Fatalf("after the rerun %d items are stored, want %d", got, n)
	}
	for i := range n {
		s.item(t, fmt.Sprintf("m%d@x", i))
	}
}

func TestUIDValidityResetRelocatesWithoutDuplicates(t *testing.T) {
	p := startPeer(t, peerOptions{})
	cl := p.client(t)
	now, longAgo := time.Now(), time.Now().AddDate(0, 0, -200)
	type msg struct {
		raw  []byte
		date time.Time
	}
	stored := []msg{
		{message("a@x", "A", now, "a"), now},
		{message("b@x", "B", now, "b"), now},
		{message("", "Anonymous", now, "no id"), now},
		{message("old@x", "Old", longAgo, "old"), longAgo}, // stored when the window was wider
	}
	for _, m := range stored {
		appendMsg(t, cl, "INBOX", m.raw, m.date)
	}
	c := p.open(t, nil) // backfill: everything
	s := newFakeSession(t)
	mustSync(t, c, s)
	before := s.cursor(t, "INBOX")

	// The server loses its UID map: same messages, new numbers, plus one
	// new message and one old one never stored.
	if err := p.user.Delete("INBOX"); err != nil {
		t.Fatal(err)
	}
	if err := p.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	appendMsg(t, cl, "INBOX", message("new@x", "New", now, "new"), now)
	for _, m := range stored {
		appendMsg(t, cl, "INBOX", m.raw, m.date)
	}
	appendMsg(t, cl, "INBOX", message("older@x", "Older", longAgo, "older"), longAgo)

	c = p.open(t, func(s *core.IMAPSettings) { s.BackfillDays = 90 })
	mustSync(t, c, s)
	after := s.cursor(t, "INBOX")
	if after.UIDValidity == before.UIDValidity {
		t.Fatalf("uidvalidity did not change (%d)", after.UIDValidity)
	}
	if s.count(t) != 5 {
		t.Fatalf("stored %d items, want 5 (4 relocated, 1 new; the old unknown one is outside the window)", s.count(t))
	}
	for id, want := range map[string]string{"a@x": "2", "old@x": "5"} {
		if loc := fmt.Sprintf("%d:%s:INBOX", after.UIDValidity, want); s.item(t, id).Location != loc {
			t.Errorf("%s location = %q, want %q", id, s.item(t, id).Location, loc)
		}
	}
	for id, it := range s.all(t) {
		if !strings.HasPrefix(it.Location, fmt.Sprint(after.UIDValidity)+":") {
			t.Errorf("%s still at old location %q", id, it.Location)
		}
	}
	if after.Rescan || after.Backfill {
		t.Errorf("cursor after the rescan = %+v", after)
	}
}

func TestSyncFolderMissingIsAConfigProblem(t *testing.T) {
	p := startPeer(t, peerOptions{})
	c := p.open(t, func(s *core.IMAPSettings) { s.Folders = []string{"INBOX", "Nope"} })
	err := c.Sync(context.Background(), newFakeSession(t))
	re := wantProblem(t, err, core.ProblemConfig)
	if !strings.Contains(re.Message, `"Nope"`) {
		t.Errorf("message %q does not name the folder", re.Message)
	}
}

func TestSyncCancelledReturnsTheContextError(t *testing.T) {
	p := startPeer(t, peerOptions{})
	c := p.open(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Sync(ctx, newFakeSession(t)); !isContext(err) {
		t.Fatalf("err = %v, want a context error", err)
	}
	// The connection recovers for the next pass.
	mustSync(t, c, newFakeSession(t))
}

func TestSplitBySize(t *testing.T) {
	ms := []meta{{uid: 1, size: 10, id: "a"}, {uid: 2, size: 10, id: "b"}, {uid: 3, size: 10, id: "c"}, {uid: 4, size: 10}}
	tests := []struct {
		name  string
		limit int64
		want  [][]imap.UID
	}{
		{"all fit", 100, [][]imap.UID{{1, 2, 3, 4}}},
		{"two per part", 20, [][]imap.UID{{1, 2}, {3, 4}}},
		{"one huge each", 1, [][]imap.UID{{1}, {2}, {3}, {4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := splitBySize(ms, tt.limit)
			var got [][]imap.UID
			for _, p := range parts {
				got = append(got, uidsOf(p))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("parts = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLocationRoundTrip(t *testing.T) {
	tests := []struct {
		in   string
		want location
		ok   bool
	}{
		{"12:34:INBOX", location{12, 34, "INBOX"}, true},
		{"1:2:Work:Clients", location{1, 2, "Work:Clients"}, true},
		{"1:2:", location{}, false},
		{"x:2:INBOX", location{}, false},
		{"", location{}, false},
	}
	for _, tt := range tests {
		got, err := parseLocation(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseLocation(%q) = %+v, %v", tt.in, got, err)
		}
		if tt.ok && got.String() != tt.in {
			t.Errorf("String() = %q, want %q", got.String(), tt.in)
		}
	}
}

func TestCancelUnblocksAServerThatNeverAnswers(t *testing.T) {
	ln := listen(t)
	accepted := make(chan struct{}, 1)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() }) // accepted, never greeted
			accepted <- struct{}{}
		}
	}()
	host, port := splitAddr(ln.Addr().String())
	raw, _ := json.Marshal(core.IMAPSettings{Host: host, Port: port, TLS: core.TLSNone, AllowPlain: true, User: "a"})
	c := openConn(t, raw, "pw", nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Sync(ctx, newFakeSession(t)) }()
	select {
	case <-accepted: // the sync now waits for a greeting that never comes
	case <-time.After(5 * time.Second):
		t.Fatal("the sync did not connect")
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("sync = %v, want context.Canceled", err)
	}
}
