package imap

import (
	"testing"
	"time"
)

// An account edited to another server keeps its cursors; the other server
// may number its INBOX with the same UIDVALIDITY (two fresh servers both
// start at 1), and its UIDs then mean other messages. The cursor knows the
// server it was made on, so the folder is read again: the new server's
// messages all come in, the ones already stored are relocated, not
// doubled, and one the new server lacks is marked deleted, not lost.
func TestAnotherServerWithTheSameUIDValidityIsReadAgain(t *testing.T) {
	now := time.Now()
	a, b := startPeer(t, peerOptions{}), startPeer(t, peerOptions{})
	appendMsg(t, a.client(t), "INBOX", message("a@x", "A", now, "a"), now)
	appendMsg(t, a.client(t), "INBOX", message("b@x", "B", now, "b"), now)
	s := newFakeSession(t)
	mustSync(t, a.open(t, nil), s)
	before := s.cursor(t, "INBOX")

	appendMsg(t, b.client(t), "INBOX", message("c@x", "C", now, "c"), now)
	appendMsg(t, b.client(t), "INBOX", message("a@x", "A", now, "a"), now)
	mustSync(t, b.open(t, nil), s)
	after := s.cursor(t, "INBOX")
	if after.UIDValidity != before.UIDValidity {
		t.Skipf("the two servers number differently (%d, %d): nothing to show", before.UIDValidity, after.UIDValidity)
	}
	if n := s.count(t); n != 3 {
		t.Fatalf("%d items after the move, want a, b and c once each", n)
	}
	if a := s.item(t, "a@x"); a.Location != "1:2:INBOX" || a.Deleted {
		t.Errorf("a@x is at %q (deleted %v), want the new server's UID 2, not deleted", a.Location, a.Deleted)
	}
	if c := s.item(t, "c@x"); c.Deleted {
		t.Error("c@x is marked deleted")
	}
	if !s.item(t, "b@x").Deleted {
		t.Error("b@x, which the new server lacks, is not marked deleted")
	}
	s.checkClean(t)
}
