package imap

import (
	"context"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/hearthhq/hearth/core"
)

// sentFolder resolves where sent replies are filed.
func (c *Conn) sentFolder(cl *imapclient.Client) (string, error) {
	return c.specialFolder(cl, imap.MailboxAttrSent, c.set.SentFolder, "Sent")
}

// appendSent files a sent message in the Sent folder, marked \Seen.
func (c *Conn) appendSent(ctx context.Context, raw []byte) error {
	return c.session(ctx, func(cl *imapclient.Client) error {
		folder, err := c.sentFolder(cl)
		if err != nil {
			return err
		}
		cmd := cl.Append(folder, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}, Time: c.now()})
		if _, err := cmd.Write(raw); err != nil {
			cmd.Close()
			return c.imapError(core.Say(`to file the reply in "{{.Folder}}"`, "Folder", folder), err)
		}
		if err := cmd.Close(); err != nil {
			return c.imapError(core.Say(`to file the reply in "{{.Folder}}"`, "Folder", folder), err)
		}
		if _, err := cmd.Wait(); err != nil {
			return c.imapError(core.Say(`to file the reply in "{{.Folder}}"`, "Folder", folder), err)
		}
		return nil
	})
}
