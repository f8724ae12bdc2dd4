package imap

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// folderCursor is how far a folder has been synced. It is committed with
// every batch, so an interrupted pass resumes after the last stored message.
type folderCursor struct {
	UIDValidity   uint32   `json:"uidvalidity"`
	LastUID       imap.UID `json:"last_uid"`
	HighestModSeq uint64   `json:"highest_modseq"`
	// Backfill is set while the first sync is unfinished: the rest of it
	// still skips messages older than the backfill window.
	Backfill bool `json:"backfill,omitempty"`
	// Rescan is set while a first sync follows a UIDVALIDITY change: every
	// message is looked at, so that stored ones older than the window are
	// relocated too; unknown ones are still only fetched inside it.
	Rescan bool `json:"rescan,omitempty"`
	// Exists is how many messages the folder held (below the UIDNEXT of
	// the pass) when the last pass ended, and Listed that a listing of its
	// UIDs told the store what was gone: a later pass lists it again only
	// when the count says that something was expunged.
	Exists uint32 `json:"exists,omitempty"`
	Listed bool   `json:"listed,omitempty"`
	// Server is the user@host the cursor was made on: an account edited to
	// another server may meet the same UIDVALIDITY there by chance, and its
	// UIDs mean other messages. Empty in cursors older than the field.
	Server string `json:"server,omitempty"`
}

// serverOf names the mailbox a cursor belongs to: the port too, as two
// servers of one host (tests, the demo) are two mailboxes.
func serverOf(s core.IMAPSettings) string {
	return s.User + "@" + strings.ToLower(s.Host) + ":" + strconv.Itoa(s.Port)
}

// movedFrom reports whether the cursor was made on another server than s.
func (c folderCursor) movedFrom(s core.IMAPSettings) bool {
	return c.Server != "" && c.Server != serverOf(s)
}

func cursorKey(folder string) string { return "folder:" + folder }

// loadCursor returns the folder's cursor and whether one was stored.
func loadCursor(ctx context.Context, s engine.Session, folder string) (folderCursor, bool, error) {
	raw, err := s.Cursor(ctx, cursorKey(folder))
	if errors.Is(err, core.ErrNotFound) {
		return folderCursor{}, false, nil
	}
	if err != nil {
		return folderCursor{}, false, fmt.Errorf("read cursor of %q: %w", folder, err)
	}
	var cur folderCursor
	if err := json.Unmarshal(raw, &cur); err != nil {
		// A cursor we cannot read is treated as none: a full resync
		// relocates known messages and never duplicates them.
		return folderCursor{}, false, nil
	}
	return cur, true, nil
}

// cursors renders the cursor as the Batch field that commits it.
func cursors(folder string, cur folderCursor) map[string][]byte {
	raw, err := json.Marshal(cur)
	if err != nil {
		panic(err) // a struct of numbers always marshals
	}
	return map[string][]byte{cursorKey(folder): raw}
}

// location is where a message lives on the server: Item.Location renders it
// as "<uidvalidity>:<uid>:<folder>", folder last as it may hold colons.
type location struct {
	UIDValidity uint32
	UID         imap.UID
	Folder      string
}

func (l location) String() string {
	return strconv.FormatUint(uint64(l.UIDValidity), 10) + ":" + strconv.FormatUint(uint64(l.UID), 10) + ":" + l.Folder
}

// parseLocation reads an Item.Location; a malformed one is not found.
func parseLocation(s string) (location, error) {
	parts := strings.SplitN(s, ":", 3)
	if len(parts) != 3 || parts[2] == "" {
		return location{}, fmt.Errorf("imap location %q: %w", s, core.ErrNotFound)
	}
	validity, err1 := strconv.ParseUint(parts[0], 10, 32)
	uid, err2 := strconv.ParseUint(parts[1], 10, 32)
	if err1 != nil || err2 != nil {
		return location{}, fmt.Errorf("imap location %q: %w", s, core.ErrNotFound)
	}
	return location{UIDValidity: uint32(validity), UID: imap.UID(uid), Folder: parts[2]}, nil
}
