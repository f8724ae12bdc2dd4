package imap

import (
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/hearthhq/hearth/core"
)

// idleRestart is how often IDLE is renewed: servers may drop an IDLE
// connection after 30 minutes of silence (RFC 2177).
var idleRestart = 25 * time.Minute

// Watch holds a connection of its own in IDLE on the first folder and calls
// changed whenever the server reports new, removed or changed messages. It
// returns core.ErrUnsupported (wrapped) when the server has no IDLE, so the
// engine polls instead.
func (c *Conn) Watch(ctx context.Context, changed func()) error {
	cl, err := c.connect(ctx, changeHandler(changed))
	if err != nil {
		return err
	}
	defer closeClient(cl)
	stop := context.AfterFunc(ctx, func() { cl.Close() })
	defer stop()
	err = c.watch(ctx, cl)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

func (c *Conn) watch(ctx context.Context, cl *imapclient.Client) error {
	if !cl.Caps().Has(imap.CapIdle) {
		return fmt.Errorf("imap %s has no IDLE: %w", c.set.Host, core.ErrUnsupported)
	}
	if _, err := c.selectFolder(cl, c.set.Folders[0], true); err != nil {
		return err
	}
	for {
		if err := c.idleOnce(ctx, cl); err != nil {
			return err
		}
	}
}

// idleOnce runs one IDLE command until ctx ends, the connection drops or
// it is time to renew it.
func (c *Conn) idleOnce(ctx context.Context, cl *imapclient.Client) error {
	idle, err := cl.Idle()
	if err != nil {
		return c.imapError(core.Say("to wait for new mail"), err)
	}
	if c.onIdle != nil {
		c.onIdle()
	}
	t := time.NewTimer(idleRestart)
	defer t.Stop()
	select {
	case <-ctx.Done():
		idle.Close()
		return ctx.Err()
	case <-cl.Closed():
		idle.Close()
		return netError(c.set.Host, c.set.Port, fmt.Errorf("the server closed the connection"))
	case <-t.C:
	}
	if err := idle.Close(); err != nil {
		return c.imapError(core.Say("to renew the wait for new mail"), err)
	}
	if err := idle.Wait(); err != nil {
		return c.imapError(core.Say("to renew the wait for new mail"), err)
	}
	return nil
}

// changeHandler turns unsolicited server updates into calls to changed.
// The client runs it on its reader goroutine: it must not block.
func changeHandler(changed func()) *imapclient.UnilateralDataHandler {
	return &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil { // EXISTS: something arrived
				changed()
			}
		},
		Expunge: func(uint32) { changed() },
		Fetch: func(msg *imapclient.FetchMessageData) {
			msg.Collect() // drain it, or the reader stalls
			changed()
		},
	}
}
