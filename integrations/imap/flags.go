package imap

import (
	"context"

	"github.com/emersion/go-imap/v2"

	"github.com/hearthhq/hearth/core"
)

// condstore reports whether the folder tracks mod-sequences, so flag
// changes can be asked for since the last pass.
func (fs *folderSync) condstore() bool { return fs.sel.HighestModSeq != 0 }

// syncFlags reports \Seen changes of messages up to the cursor. With
// CONDSTORE it asks only for changes since the stored mod-sequence and
// skips the folder when nothing changed; without, it reads every flag and
// reports those that differ from what this connection last saw.
func (fs *folderSync) syncFlags(ctx context.Context) error {
	next := fs.cur
	next.HighestModSeq = fs.sel.HighestModSeq
	if fs.cur.LastUID == 0 || (fs.condstore() && fs.sel.HighestModSeq == fs.cur.HighestModSeq) {
		fs.cur, fs.dirty = next, fs.dirty || next != fs.cur
		return nil
	}
	var (
		updates []core.FlagUpdate
		err     error
	)
	if fs.condstore() && fs.cur.HighestModSeq != 0 {
		updates, err = fs.changedFlags()
	} else {
		updates, err = fs.allFlags()
	}
	if err != nil {
		return fs.c.imapError(core.Say(`to read the flags in "{{.Folder}}"`, "Folder", fs.folder), err)
	}
	if len(updates) == 0 {
		// The new mod-sequence rides along with the next commit.
		fs.cur, fs.dirty = next, fs.dirty || next != fs.cur
		return nil
	}
	return fs.commit(ctx, core.Batch{Flags: updates}, next)
}

func (fs *folderSync) stored() imap.UIDSet {
	return imap.UIDSet{{Start: 1, Stop: fs.cur.LastUID}}
}

// changedFlags asks a CONDSTORE server for the messages whose flags changed
// since the cursor's mod-sequence.
func (fs *folderSync) changedFlags() ([]core.FlagUpdate, error) {
	metas, err := fetchMeta(fs.cl, fs.stored(), fs.cur.HighestModSeq, false)
	if err != nil {
		return nil, err
	}
	updates := make([]core.FlagUpdate, 0, len(metas))
	for _, m := range metas {
		updates = append(updates, fs.flag(m.uid, m.seen))
	}
	return updates, nil
}

// flag reports a message's \Seen flag by its location: a Message-Id may be
// shared by several stored messages.
func (fs *folderSync) flag(uid imap.UID, seen bool) core.FlagUpdate {
	return core.FlagUpdate{Location: fs.location(uid), Seen: seen}
}

// allFlags reads the flags of every stored UID (servers without CONDSTORE)
// and reports those unknown to this connection or changed since it last
// looked.
func (fs *folderSync) allFlags() ([]core.FlagUpdate, error) {
	last := fs.c.seen[fs.folder]
	metas, err := fetchMeta(fs.cl, fs.stored(), 0, false)
	if err != nil {
		return nil, err
	}
	fresh := make(map[imap.UID]bool, len(metas))
	var updates []core.FlagUpdate
	for _, m := range metas {
		fresh[m.uid] = m.seen
		if prev, ok := last[m.uid]; !ok || prev != m.seen {
			updates = append(updates, fs.flag(m.uid, m.seen))
		}
	}
	fs.c.seen[fs.folder] = fresh // expunged UIDs drop out
	return updates, nil
}

// remember records a message's flag for the next allFlags; CONDSTORE
// folders need no memory.
func (fs *folderSync) remember(uid imap.UID, seen bool) {
	if fs.condstore() {
		return
	}
	m := fs.c.seen[fs.folder]
	if m == nil {
		m = map[imap.UID]bool{}
		fs.c.seen[fs.folder] = m
	}
	m[uid] = seen
}
