package imap

import (
	"context"

	"github.com/emersion/go-imap/v2/imapclient"
)

// Test checks the account end to end without changing anything: IMAP log-in,
// every configured folder opens, and the SMTP server accepts the log-in.
func (c *Conn) Test(ctx context.Context) error {
	err := c.session(ctx, func(cl *imapclient.Client) error {
		for _, folder := range c.set.Folders {
			if _, err := c.selectFolder(cl, folder, true); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return c.testSMTP(ctx)
}
