package imap

import (
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

const (
	// metaChunk is how many UIDs one cheap FETCH (flags, ids) covers.
	metaChunk = 200
	// maxBatchBytes bounds the bodies held in memory for one commit.
	maxBatchBytes = 32 << 20
)

// Sync runs one pass over the configured folders: flag changes of stored
// messages, then new messages, committed in batches with their cursor.
func (c *Conn) Sync(ctx context.Context, s engine.Session) error {
	return c.session(ctx, func(cl *imapclient.Client) error {
		prog := &progress{s: s}
		for _, folder := range c.set.Folders {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := c.syncFolder(ctx, cl, s, folder, prog); err != nil {
				return err
			}
		}
		return nil
	})
}

// folderSync is one folder's part of a pass.
type folderSync struct {
	c      *Conn
	cl     *imapclient.Client
	s      engine.Session
	folder string
	sel    *imap.SelectData
	cur    folderCursor
	dirty  bool // cur differs from the stored cursor
	// startExists is cur.Exists when the pass began.
	startExists uint32
	prog        *progress
}

func (c *Conn) syncFolder(ctx context.Context, cl *imapclient.Client, s engine.Session, folder string, prog *progress) error {
	sel, err := c.selectFolder(cl, folder, true)
	if err != nil {
		return err
	}
	cur, found, err := loadCursor(ctx, s, folder)
	if err != nil {
		return err
	}
	fs := &folderSync{c: c, cl: cl, s: s, folder: folder, sel: sel, cur: cur, prog: prog, startExists: cur.Exists}
	moved := found && cur.movedFrom(c.set)
	if !found || cur.UIDValidity != sel.UIDValidity || moved {
		fs.restart(found)
		if err := fs.forgetPlaces(ctx, moved); err != nil {
			return err
		}
	} else if err := fs.syncFlags(ctx); err != nil {
		return err
	}
	arrived, err := fs.syncNew(ctx)
	if err != nil {
		return err
	}
	if err := fs.syncGone(ctx, arrived); err != nil {
		return err
	}
	return fs.finish(ctx)
}

// restart begins a first sync: no cursor yet, or the server renumbered the
// folder (UIDVALIDITY changed) or the account now reads another server, in
// which case stored messages are found again by id and only relocated.
func (fs *folderSync) restart(reset bool) {
	if reset {
		fs.c.log.Info("folder renumbered on the server; resyncing it", "folder", fs.folder,
			"old_uidvalidity", fs.cur.UIDValidity, "new_uidvalidity", fs.sel.UIDValidity)
	}
	delete(fs.c.seen, fs.folder)
	fs.cur = folderCursor{UIDValidity: fs.sel.UIDValidity, HighestModSeq: fs.sel.HighestModSeq, Backfill: true, Rescan: reset}
	fs.dirty = true
}

// forgetPlaces drops every stored place of the folder when the account
// moved to another server: its places may read like the new server's
// (same UIDVALIDITY and UIDs) yet name other messages. The rescan that
// follows, committed after this, puts back those the new server holds;
// the others stay, marked deleted.
func (fs *folderSync) forgetPlaces(ctx context.Context, moved bool) error {
	if !moved {
		return nil
	}
	return fs.commit(ctx, core.Batch{Present: map[string][]string{fs.folder: nil}}, fs.cur)
}

// syncNew fetches messages above the cursor, batch by batch, and returns
// how many it found.
func (fs *folderSync) syncNew(ctx context.Context) (int, error) {
	if !fs.cur.Backfill && fs.sel.UIDNext != 0 && fs.sel.UIDNext <= fs.cur.LastUID+1 {
		return 0, nil // nothing arrived since the last pass
	}
	uids, err := fs.searchNew()
	if err != nil {
		return 0, err
	}
	fs.prog.add(len(uids))
	for start := 0; start < len(uids); start += metaChunk {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		chunk := uids[start:min(start+metaChunk, len(uids))]
		if err := fs.syncChunk(ctx, chunk); err != nil {
			return 0, err
		}
		fs.prog.advance(len(chunk))
	}
	return len(uids), nil
}

// syncGone notices messages expunged on the server (deleted, or moved away
// by another client). A folder that holds what the last pass left plus what
// arrived since lost nothing and is skipped, so a quiet folder costs no
// listing; else its UIDs are listed and the store forgets the places that
// are gone, marking deleted the messages seen nowhere any more.
func (fs *folderSync) syncGone(ctx context.Context, arrived int) error {
	if fs.cur.Listed && !fs.cur.Backfill && fs.sel.NumMessages == fs.startExists+uint32(arrived) {
		return nil // commitPart counted the arrivals into the cursor
	}
	data, err := fs.cl.UIDSearch(&imap.SearchCriteria{}, nil).Wait()
	if err != nil {
		return fs.c.imapError(core.Say(`to list the messages of "{{.Folder}}"`, "Folder", fs.folder), err)
	}
	var (
		locs  []string
		count uint32
	)
	for _, uid := range data.AllUIDs() {
		locs = append(locs, fs.location(uid))
		// Later UIDs arrived after SELECT: the next pass counts them.
		if fs.sel.UIDNext == 0 || uid < fs.sel.UIDNext {
			count++
		}
	}
	next := fs.cur
	next.Listed, next.Exists = true, count
	return fs.commit(ctx, core.Batch{Present: map[string][]string{fs.folder: locs}}, next)
}

// searchNew lists UIDs above the cursor, limited to the backfill window
// while the first sync is unfinished.
func (fs *folderSync) searchNew() ([]imap.UID, error) {
	crit := &imap.SearchCriteria{UID: []imap.UIDSet{{{Start: fs.cur.LastUID + 1, Stop: 0}}}}
	if fs.cur.Backfill && !fs.cur.Rescan {
		crit.Since = fs.since()
	}
	data, err := fs.cl.UIDSearch(crit, nil).Wait()
	if err != nil {
		return nil, fs.c.imapError(core.Say(`to search the folder "{{.Folder}}"`, "Folder", fs.folder), err)
	}
	var out []imap.UID
	for _, uid := range data.AllUIDs() {
		// "n:*" also matches the last message when n is past the end.
		if uid > fs.cur.LastUID {
			out = append(out, uid)
		}
	}
	return out, nil
}

// finish records that the folder is caught up to the UIDNEXT seen at
// SELECT: later UIDs are looked at next pass.
func (fs *folderSync) finish(ctx context.Context) error {
	next := fs.cur
	next.Backfill, next.Rescan = false, false
	if fs.sel.UIDNext > 0 && fs.sel.UIDNext-1 > next.LastUID {
		next.LastUID = fs.sel.UIDNext - 1
	}
	if next == fs.cur && !fs.dirty {
		return nil
	}
	return fs.commit(ctx, core.Batch{}, next)
}

// commit writes b with the cursor next in one transaction.
func (fs *folderSync) commit(ctx context.Context, b core.Batch, next folderCursor) error {
	next.Server = serverOf(fs.c.set)
	b.Cursors = cursors(fs.folder, next)
	if err := fs.s.Commit(ctx, b); err != nil {
		return fmt.Errorf("store messages of folder %q: %w", fs.folder, err)
	}
	fs.cur, fs.dirty = next, false
	return nil
}

// location names a message of this folder for Item.Location.
func (fs *folderSync) location(uid imap.UID) string {
	return location{UIDValidity: fs.sel.UIDValidity, UID: uid, Folder: fs.folder}.String()
}

// progress counts messages across the folders of a pass.
type progress struct {
	s           engine.Session
	done, total int
}

func (p *progress) add(n int) {
	p.total += n
	p.s.Progress(p.done, p.total)
}

func (p *progress) advance(n int) {
	p.done += n
	p.s.Progress(p.done, p.total)
}

// since is the first day a first sync downloads; zero (everything) for a
// negative number of backfill days.
func (fs *folderSync) since() time.Time {
	if fs.c.set.BackfillDays <= 0 {
		return time.Time{}
	}
	return fs.c.now().AddDate(0, 0, -fs.c.set.BackfillDays)
}
