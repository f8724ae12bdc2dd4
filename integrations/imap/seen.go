package imap

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/hearthhq/hearth/core"
)

// SetSeen sets or clears \Seen on the message at the item's location. A
// message no longer there (moved, expunged, folder renumbered) is
// core.ErrNotFound: the next sync finds it again and relocates it.
func (c *Conn) SetSeen(ctx context.Context, it core.Item, seen bool) error {
	loc, err := parseLocation(it.Location)
	if err != nil {
		return err
	}
	op := imap.StoreFlagsAdd
	if !seen {
		op = imap.StoreFlagsDel
	}
	return c.session(ctx, func(cl *imapclient.Client) error {
		if err := c.openAt(cl, loc); err != nil {
			return err
		}
		store := &imap.StoreFlags{Op: op, Flags: []imap.Flag{imap.FlagSeen}}
		msgs, err := cl.Store(imap.UIDSetNum(loc.UID), store, nil).Collect()
		if err != nil {
			return c.imapError(core.Say("to mark the message as read"), err)
		}
		if len(msgs) == 0 {
			// Some servers answer STORE without a FETCH when nothing
			// changed: check the message is there at all.
			return c.mustExist(cl, loc)
		}
		return nil
	})
}

// openAt selects the location's folder for writing and checks that its
// UIDs still mean what they meant when the location was recorded.
func (c *Conn) openAt(cl *imapclient.Client, loc location) error {
	if loc.UID == 0 {
		return fmt.Errorf("message at %s: UID unknown: %w", loc, core.ErrNotFound)
	}
	sel, err := c.selectFolder(cl, loc.Folder, false)
	if err != nil {
		return err
	}
	if sel.UIDValidity != loc.UIDValidity {
		return fmt.Errorf("message at %s: folder renumbered (uidvalidity now %d): %w", loc, sel.UIDValidity, core.ErrNotFound)
	}
	return nil
}

func (c *Conn) mustExist(cl *imapclient.Client, loc location) error {
	metas, err := fetchMeta(cl, imap.UIDSetNum(loc.UID), 0, false)
	if err != nil {
		return c.imapError(core.Say("to find the message"), err)
	}
	if len(metas) == 0 {
		return fmt.Errorf("message at %s: %w", loc, core.ErrNotFound)
	}
	return nil
}
