package imap

import (
	"fmt"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/hearthhq/hearth/core"
)

// A mailer that gives every message the same Message-Id (test mailers,
// some ticket systems) loses none of them; a copy of one message in a
// second folder is still one message, and a later pass changes nothing.
func TestReusedMessageIDLosesNoMail(t *testing.T) {
	p := startPeer(t, peerOptions{})
	cl := p.client(t)
	now := time.Now().Add(-time.Hour)
	const n = 25
	for i := range n {
		date := now.Add(time.Duration(i) * time.Second)
		appendMsg(t, cl, "INBOX", message("ticket@helpdesk", fmt.Sprintf("Ticket %d updated", i), date,
			fmt.Sprintf("Status of ticket %d: open", i)), date)
	}
	// Two deliveries of ticket 3 (the same bytes) and a copy in Archive.
	dup := message("ticket@helpdesk", "Ticket 3 updated", now.Add(3*time.Second), "Status of ticket 3: open")
	appendMsg(t, cl, "INBOX", dup, now)
	appendMsg(t, cl, "Archive", dup, now)
	// A reply to the first ticket mail threads with it.
	reply := message("re@customer", "Re: Ticket 0 updated", now.Add(time.Minute), "Thanks")
	reply = append([]byte("In-Reply-To: <ticket@helpdesk>\r\n"), reply...)
	appendMsg(t, cl, "INBOX", reply, now)

	c := p.open(t, func(s *core.IMAPSettings) { s.Folders = []string{"INBOX", "Archive"} })
	s := newFakeSession(t)
	mustSync(t, c, s)
	all := s.all(t)
	subjects := map[string]int{}
	for _, it := range all {
		subjects[it.Subject]++
	}
	for i := range n {
		if got := subjects[fmt.Sprintf("Ticket %d updated", i)]; got != 1 {
			t.Errorf("ticket %d stored %d times, want once", i, got)
		}
	}
	if len(all) != n+1 {
		t.Errorf("stored %d items, want %d (every ticket once, and the reply)", len(all), n+1)
	}
	s.checkClean(t)
	first, re := s.item(t, "ticket@helpdesk"), s.item(t, "re@customer")
	if first.Subject != "Ticket 0 updated" || re.ThreadID != first.ThreadID {
		t.Errorf("reply in thread %d, first ticket (%q) in %d", re.ThreadID, first.Subject, first.ThreadID)
	}

	commits := s.commits
	mustSync(t, c, s)
	if s.count(t) != n+1 || s.commits != commits {
		t.Errorf("a pass with nothing new: %d items, %d commits; want %d items, no commit", s.count(t), s.commits-commits, n+1)
	}
}

// A message expunged on the server is marked deleted in the workspace; one
// moved to another synced folder by another client is kept, at its new place.
func TestExpungeMarksMessageDeleted(t *testing.T) {
	for _, caps := range map[string][]imap.Cap{"condstore": {imap.CapUIDPlus, imap.CapMove, imap.CapCondStore}, "plain": nil} {
		name := "plain"
		if caps != nil {
			name = "condstore"
		}
		t.Run(name, func(t *testing.T) {
			p := startPeer(t, peerOptions{caps: caps})
			cl := p.client(t)
			now := time.Now().Add(-time.Hour)
			uids := map[string]imap.UID{}
			for _, id := range []string{"keep@x", "gone@x", "moved@x"} {
				uids[id] = appendMsg(t, cl, "INBOX", message(id, "About "+id, now, "text of "+id), now)
			}
			c := p.open(t, func(s *core.IMAPSettings) { s.Folders = []string{"INBOX", "Archive"} })
			s := newFakeSession(t)
			mustSync(t, c, s)

			selectFolder(t, cl, "INBOX")
			expunge(t, cl, uids["gone@x"])
			if _, err := cl.Move(imap.UIDSetNum(uids["moved@x"]), "Archive").Wait(); err != nil {
				t.Fatal(err)
			}
			mustSync(t, c, s)
			for id, want := range map[string]bool{"keep@x": false, "gone@x": true, "moved@x": false} {
				if got := s.item(t, id).Deleted; got != want {
					t.Errorf("%s deleted = %v, want %v", id, got, want)
				}
			}
			if s.count(t) != 3 {
				t.Errorf("stored %d items, want 3 (a move is not a new message)", s.count(t))
			}
			// Nothing expunged since: the next pass lists nothing and
			// commits nothing.
			commits := s.commits
			mustSync(t, c, s)
			if s.commits != commits {
				t.Errorf("a quiet pass committed %d times", s.commits-commits)
			}
		})
	}
}

func selectFolder(t testing.TB, cl *imapclient.Client, folder string) {
	t.Helper()
	if _, err := cl.Select(folder, nil).Wait(); err != nil {
		t.Fatal(err)
	}
}

func expunge(t testing.TB, cl *imapclient.Client, uid imap.UID) {
	t.Helper()
	store := &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}
	if err := cl.Store(imap.UIDSetNum(uid), store, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := cl.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
}
