// Package imap is Hearth's e-mail integration: IMAP to read a mailbox, SMTP
// to send replies. go-imap and go-smtp types stop here: the engine sees core
// items, batches and *core.RemoteError only.
package imap

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// secretName is the keyring entry holding the account's password.
const secretName = "password"

type driver struct {
	// tlsConfig, when set, is the base of every TLS connection: tests use
	// it to trust a loopback peer's certificate.
	tlsConfig *tls.Config
	now       func() time.Time
}

// NewDriver returns the IMAP+SMTP integration for the engine.
func NewDriver() engine.Driver { return &driver{} }

func (d *driver) Kind() core.AccountKind { return core.KindIMAP }

// Open validates the settings and reads the password; it does not touch the
// network: connections are dialed lazily by the Conn's methods.
func (d *driver) Open(ctx context.Context, acct core.Account, secrets engine.Secrets) (engine.Conn, error) {
	set, err := core.ParseIMAPSettings(acct.Settings)
	if err != nil {
		return nil, &core.RemoteError{Problem: core.ProblemConfig,
			Message: strings.TrimPrefix(err.Error(), "imap settings: "), Action: "fix the account settings in Accounts"}
	}
	password, err := secrets.Get(ctx, acct.ID, secretName)
	if err != nil {
		return nil, passwordError(err)
	}
	c := &Conn{
		acct: acct, set: set, password: password,
		tlsConfig: d.tlsConfig, now: d.now,
		log:  slog.Default().With("account", acct.Name),
		seen: map[string]map[imap.UID]bool{},
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

func passwordError(err error) error {
	if isContext(err) {
		return err
	}
	if errors.Is(err, core.ErrNotFound) {
		return &core.RemoteError{Problem: core.ProblemAuth, Err: err,
			Message: "no password is saved for this account", Action: "enter the password in Accounts"}
	}
	return &core.RemoteError{Problem: core.ProblemAuth, Err: err,
		Message: "the password could not be read from the system keyring", Action: "unlock the keyring, then sync again"}
}

// Conn is an open e-mail account. Its IMAP connection is dialed on first
// use and kept between passes; methods are safe for concurrent use but run
// one at a time on it.
type Conn struct {
	acct      core.Account
	set       core.IMAPSettings
	password  string
	tlsConfig *tls.Config
	now       func() time.Time
	log       *slog.Logger

	mu      sync.Mutex
	cl      *imapclient.Client
	folders map[string]string // special use ("\Sent") -> resolved folder name
	// seen remembers each message's \Seen flag by folder and UID, so a
	// server without CONDSTORE reports only flags that changed.
	seen map[string]map[imap.UID]bool

	onIdle func() // tests: called each time IDLE is under way
}

var (
	_ engine.Conn       = (*Conn)(nil)
	_ engine.Watcher    = (*Conn)(nil)
	_ engine.Tester     = (*Conn)(nil)
	_ engine.Replier    = (*Conn)(nil)
	_ engine.Flagger    = (*Conn)(nil)
	_ engine.Archiver   = (*Conn)(nil)
	_ engine.Intervaler = (*Conn)(nil)
)

// Interval is the polling period, used when the server offers no IDLE.
func (c *Conn) Interval() time.Duration {
	return time.Duration(c.set.PollSeconds) * time.Second
}

// Close logs out and releases the connection.
func (c *Conn) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	cl := c.cl
	c.cl = nil
	if cl == nil {
		return nil
	}
	return closeClient(cl)
}
