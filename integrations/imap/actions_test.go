package imap

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/hearthhq/hearth/core"
)

// syncedItem stores one message through a sync and returns it as stored.
func syncedItem(t *testing.T, p *peer, c *Conn, id string) (core.Item, imap.UID) {
	t.Helper()
	now := time.Now()
	uid := appendMsg(t, p.client(t), "INBOX", message(id, "Subject "+id, now, "text of "+id), now)
	s := newFakeSession(t)
	mustSync(t, c, s)
	return s.item(t, id), uid
}

func TestSetSeenChangesTheServerFlag(t *testing.T) {
	p := startPeer(t, peerOptions{})
	c := p.open(t, nil)
	it, uid := syncedItem(t, p, c, "a@x")
	cl := p.client(t)
	ctx := context.Background()

	for _, seen := range []bool{true, true, false} { // twice: a no-op store is fine
		if err := c.SetSeen(ctx, it, seen); err != nil {
			t.Fatalf("SetSeen(%v): %v", seen, err)
		}
		if got := serverSeen(t, cl, "INBOX", uid); got != seen {
			t.Errorf("after SetSeen(%v) the server says seen=%v", seen, got)
		}
	}
}

func TestSetSeenOnAMessageThatMovedIsNotFound(t *testing.T) {
	p := startPeer(t, peerOptions{})
	c := p.open(t, nil)
	it, _ := syncedItem(t, p, c, "a@x")
	ctx := context.Background()

	tests := []struct {
		name     string
		location string
	}{
		{"expunged", fmt.Sprintf("%s:99:INBOX", uidValidityOf(t, it))},
		{"folder renumbered", "424242:1:INBOX"},
		{"unknown uid", fmt.Sprintf("%s:0:INBOX", uidValidityOf(t, it))},
		{"garbage", "nonsense"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			moved := it
			moved.Location = tt.location
			if err := c.SetSeen(ctx, moved, true); !errors.Is(err, core.ErrNotFound) {
				t.Fatalf("SetSeen = %v, want core.ErrNotFound", err)
			}
		})
	}
}

func uidValidityOf(t *testing.T, it core.Item) string {
	t.Helper()
	loc, err := parseLocation(it.Location)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(loc.UIDValidity)
}

func TestArchiveMovesTheMessage(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts peerOptions
	}{
		{"MOVE", peerOptions{caps: []imap.Cap{imap.CapUIDPlus, imap.CapMove}}},
		{"COPY fallback", peerOptions{caps: []imap.Cap{imap.CapUIDPlus}}},
		{"no UIDPLUS", peerOptions{caps: []imap.Cap{imap.CapMove}, hide: `\[COPYUID [^\]]*\] `}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := startPeer(t, tt.opts)
			c := p.open(t, nil)
			it, uid := syncedItem(t, p, c, "a@x")
			scope, loc, err := c.Archive(context.Background(), it)
			if err != nil {
				t.Fatalf("archive: %v", err)
			}
			cl := p.client(t)
			if slices.Contains(folderUIDs(t, cl, "INBOX"), uid) {
				t.Error("the message is still in INBOX")
			}
			archived := folderUIDs(t, cl, "Archive")
			got, err := parseLocation(loc)
			if err != nil {
				t.Fatal(err)
			}
			if got.Folder != "Archive" || scope != "Archive" || len(archived) != 1 || got.UID != archived[0] {
				t.Errorf("new location %q in %q; Archive holds %v", loc, scope, archived)
			}
			// The new location works for later actions.
			it.Location = loc
			if err := c.SetSeen(context.Background(), it, true); err != nil {
				t.Errorf("SetSeen at the new location: %v", err)
			}
		})
	}
}

func TestArchiveCreatesTheFolderWhenAbsent(t *testing.T) {
	p := startPeer(t, peerOptions{})
	if err := p.user.Delete("Archive"); err != nil {
		t.Fatal(err)
	}
	c := p.open(t, nil)
	it, _ := syncedItem(t, p, c, "a@x")
	scope, loc, err := c.Archive(context.Background(), it)
	if err != nil {
		t.Fatalf("archive: %v", err)
	}
	if got := folderUIDs(t, p.client(t), "Archive"); len(got) != 1 || scope != "Archive" {
		t.Errorf("Archive holds %v after archiving to %q in %q", got, loc, scope)
	}
}

func TestArchiveToTheConfiguredFolder(t *testing.T) {
	p := startPeer(t, peerOptions{})
	if err := p.user.Create("Done", nil); err != nil {
		t.Fatal(err)
	}
	c := p.open(t, func(s *core.IMAPSettings) { s.ArchiveFolder = "Done" })
	it, _ := syncedItem(t, p, c, "a@x")
	scope, loc, err := c.Archive(context.Background(), it)
	if err != nil {
		t.Fatalf("archive: %v", err)
	}
	if got, _ := parseLocation(loc); got.Folder != "Done" || scope != "Done" {
		t.Errorf("archived to %q in %q, want Done", loc, scope)
	}
}
