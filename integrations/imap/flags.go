package imap

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/imap/mailparse"
)

// seenState is a message's last known \Seen flag and remote id.
type seenState struct {
	id   string
	seen bool
}

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
		return fs.c.imapError(fmt.Sprintf("to read the flags in %q", fs.folder), err)
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
	metas, err := fetchMeta(fs.cl, fs.stored(), fs.cur.HighestModSeq, true)
	if err != nil {
		return nil, err
	}
	if err := fs.hashIDs(metas); err != nil {
		return nil, err
	}
	updates := make([]core.FlagUpdate, 0, len(metas))
	for _, m := range metas {
		updates = append(updates, core.FlagUpdate{RemoteID: m.id, Seen: m.seen})
	}
	return updates, nil
}

// hashIDs fills the ids of messages without a usable Message-Id: their id
// hashes the whole message, so they are downloaded. This is rare.
func (fs *folderSync) hashIDs(metas []meta) error {
	var need []imap.UID
	for _, m := range metas {
		if m.id == "" {
			need = append(need, m.uid)
		}
	}
	bodies, err := fetchBodies(fs.cl, need)
	if err != nil {
		return err
	}
	for i := range metas {
		if raw, ok := bodies[metas[i].uid]; ok && metas[i].id == "" {
			metas[i].id = mailparse.Parse(raw).RemoteID
		}
	}
	return nil
}

// allFlags reads the flags of every stored UID (servers without CONDSTORE)
// and reports those unknown to this connection or changed since it last
// looked. Message-Ids are fetched only for UIDs not seen before.
func (fs *folderSync) allFlags() ([]core.FlagUpdate, error) {
	last := fs.c.seen[fs.folder]
	first := len(last) == 0 // ask for every id at once
	metas, err := fetchMeta(fs.cl, fs.stored(), 0, first)
	if err != nil {
		return nil, err
	}
	var changed []meta
	var missing []imap.UID
	for _, m := range metas {
		prev, ok := last[m.uid]
		switch {
		case !ok:
			if !first {
				missing = append(missing, m.uid)
			}
			changed = append(changed, m)
		case prev.seen != m.seen && prev.id != "":
			changed = append(changed, meta{uid: m.uid, seen: m.seen, id: prev.id})
		}
	}
	if err := fs.fillIDs(changed, missing); err != nil {
		return nil, err
	}
	fresh := make(map[imap.UID]seenState, len(metas))
	var updates []core.FlagUpdate
	for _, m := range metas {
		fresh[m.uid] = seenState{id: last[m.uid].id, seen: m.seen}
	}
	for _, m := range changed {
		fresh[m.uid] = seenState{id: m.id, seen: m.seen}
		if m.id != "" {
			updates = append(updates, core.FlagUpdate{RemoteID: m.id, Seen: m.seen})
		}
	}
	fs.c.seen[fs.folder] = fresh // expunged UIDs drop out
	return updates, nil
}

// fillIDs fetches the Message-Ids of the missing UIDs into changed.
func (fs *folderSync) fillIDs(changed []meta, missing []imap.UID) error {
	if len(missing) == 0 {
		return nil
	}
	withIDs, err := fetchMeta(fs.cl, imap.UIDSetNum(missing...), 0, true)
	if err != nil {
		return err
	}
	ids := make(map[imap.UID]string, len(withIDs))
	for _, m := range withIDs {
		ids[m.uid] = m.id
	}
	for i := range changed {
		if changed[i].id == "" {
			changed[i].id = ids[changed[i].uid]
		}
	}
	return nil
}

// remember records a message's flag for the next allFlags; CONDSTORE
// folders need no memory.
func (fs *folderSync) remember(uid imap.UID, id string, seen bool) {
	if fs.condstore() {
		return
	}
	m := fs.c.seen[fs.folder]
	if m == nil {
		m = map[imap.UID]seenState{}
		fs.c.seen[fs.folder] = m
	}
	m[uid] = seenState{id: id, seen: seen}
}
