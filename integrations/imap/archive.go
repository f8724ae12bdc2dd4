package imap

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/hearthhq/hearth/core"
)

// Archive moves the item's message to the archive folder and returns its
// new folder and location. go-imap falls back to COPY, STORE \Deleted and
// UID EXPUNGE on servers without MOVE.
func (c *Conn) Archive(ctx context.Context, it core.Item) (string, string, error) {
	loc, err := parseLocation(it.Location)
	if err != nil {
		return "", "", err
	}
	var dest location
	err = c.session(ctx, func(cl *imapclient.Client) error {
		folder, err := c.specialFolder(cl, imap.MailboxAttrArchive, c.set.ArchiveFolder, "Archive")
		if err != nil {
			return err
		}
		if folder == loc.Folder {
			dest = loc // already there
			return nil
		}
		dest, err = c.move(cl, loc, folder, core.SharedID(it.RemoteID))
		return err
	})
	if err != nil {
		return "", "", err
	}
	return dest.Folder, dest.String(), nil
}

// move moves one message and finds its UID in the destination: from the
// COPYUID answer (UIDPLUS), else by searching its Message-Id there.
func (c *Conn) move(cl *imapclient.Client, loc location, folder, remoteID string) (location, error) {
	if err := c.openAt(cl, loc); err != nil {
		return location{}, err
	}
	data, err := cl.Move(imap.UIDSetNum(loc.UID), folder).Wait()
	if err != nil {
		return location{}, c.imapError(core.Say(`to move the message to "{{.Folder}}"`, "Folder", folder), err)
	}
	if uid, ok := firstUID(data.DestUIDs); ok {
		return location{UIDValidity: data.UIDValidity, UID: uid, Folder: folder}, nil
	}
	if cl.Caps().Has(imap.CapUIDPlus) {
		// A UIDPLUS server names what it moved: nothing means nothing was
		// there to move.
		return location{}, fmt.Errorf("message at %s: %w", loc, core.ErrNotFound)
	}
	return c.findByID(cl, folder, remoteID)
}

// findByID locates a message by Message-Id in folder; the UID stays 0
// (unknown) when the message has no usable id.
func (c *Conn) findByID(cl *imapclient.Client, folder, remoteID string) (location, error) {
	sel, err := c.selectFolder(cl, folder, true)
	if err != nil {
		return location{}, err
	}
	dest := location{UIDValidity: sel.UIDValidity, Folder: folder}
	if isHashID(remoteID) || remoteID == "" {
		return dest, nil
	}
	uids, err := c.searchMessageID(cl, remoteID)
	if err != nil {
		return location{}, err
	}
	if len(uids) > 0 {
		dest.UID = uids[len(uids)-1]
	}
	return dest, nil
}

// searchMessageID lists the UIDs in the selected folder whose Message-Id
// contains id.
func (c *Conn) searchMessageID(cl *imapclient.Client, id string) ([]imap.UID, error) {
	crit := &imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-Id", Value: bareID(id)}}}
	data, err := cl.UIDSearch(crit, nil).Wait()
	if err != nil {
		return nil, c.imapError(core.Say("to search for a message"), err)
	}
	return data.AllUIDs(), nil
}

func firstUID(set imap.NumSet) (imap.UID, bool) {
	uids, ok := set.(imap.UIDSet)
	if !ok {
		return 0, false
	}
	nums, ok := uids.Nums()
	if !ok || len(nums) == 0 {
		return 0, false
	}
	return nums[0], true
}
