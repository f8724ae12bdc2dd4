package imap

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"

	"github.com/hearthhq/hearth/core"
)

// logoutWait bounds the polite LOGOUT before a connection is dropped.
const logoutWait = 2 * time.Second

// session runs fn on the logged-in IMAP connection, dialing it first if
// needed. Cancelling ctx closes the connection, which unblocks any pending
// command; the next call dials again.
func (c *Conn) session(ctx context.Context, fn func(*imapclient.Client) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	cl, err := c.client(ctx)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { cl.Close() })
	err = fn(cl)
	if !stop() {
		c.cl = nil // closed by the cancellation
		if err != nil {
			return fmt.Errorf("imap %s: %w", c.set.Host, context.Cause(ctx))
		}
	}
	if isClosed(cl) {
		c.cl = nil // reconnect next time rather than fail on a dead socket
	}
	return err
}

// client returns the live connection or dials a new one.
func (c *Conn) client(ctx context.Context) (*imapclient.Client, error) {
	if c.cl != nil && !isClosed(c.cl) {
		return c.cl, nil
	}
	c.cl = nil
	cl, err := c.connect(ctx, nil)
	if err != nil {
		return nil, err
	}
	c.cl = cl
	return cl, nil
}

func isClosed(cl *imapclient.Client) bool {
	select {
	case <-cl.Closed():
		return true
	default:
		return false
	}
}

// connect dials, secures and logs in a new connection; handler receives
// unsolicited updates (nil for none).
func (c *Conn) connect(ctx context.Context, handler *imapclient.UnilateralDataHandler) (*imapclient.Client, error) {
	opts := &imapclient.Options{UnilateralDataHandler: handler}
	cl, err := c.dial(ctx, opts)
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { cl.Close() })
	err = c.login(cl)
	if !stop() {
		return nil, ctx.Err()
	}
	if err != nil {
		cl.Close()
		return nil, err
	}
	return cl, nil
}

// dial opens the TCP connection and applies the account's TLS mode.
func (c *Conn) dial(ctx context.Context, opts *imapclient.Options) (*imapclient.Client, error) {
	if c.set.TLS == core.TLSNone && !(c.set.AllowPlain && core.IsLoopback(c.set.Host)) {
		return nil, plainRefused(c.set.Host)
	}
	raw, err := dialTCP(ctx, c.set.Host, c.set.Port)
	if err != nil {
		return nil, netError(c.set.Host, c.set.Port, err)
	}
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	cl, err := c.secure(ctx, raw, opts)
	if !stop() {
		if cl != nil {
			cl.Close()
		}
		return nil, ctx.Err()
	}
	if err != nil {
		raw.Close()
		return nil, err
	}
	return cl, nil
}

func (c *Conn) secure(ctx context.Context, raw net.Conn, opts *imapclient.Options) (*imapclient.Client, error) {
	switch c.set.TLS {
	case core.TLSImplicit:
		tc := tls.Client(raw, c.tlsFor(c.set.Host, "imap"))
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, netError(c.set.Host, c.set.Port, err)
		}
		return c.greet(imapclient.New(tc, opts))
	case core.TLSStartTLS:
		opts.TLSConfig = c.tlsFor(c.set.Host, "")
		cl, err := imapclient.NewStartTLS(raw, opts)
		if err != nil {
			return nil, c.startTLSError(err)
		}
		return cl, nil
	default:
		return c.greet(imapclient.New(raw, opts))
	}
}

// greet waits for the server greeting so a wrong port fails here, clearly.
func (c *Conn) greet(cl *imapclient.Client) (*imapclient.Client, error) {
	if err := cl.WaitGreeting(); err != nil {
		cl.Close()
		return nil, c.imapError(core.Say("to greet"), err)
	}
	return cl, nil
}

func (c *Conn) startTLSError(err error) error {
	var ie *imap.Error
	if errors.As(err, &ie) {
		return &core.RemoteError{Problem: core.ProblemConfig, Err: err, Action: actionSecurity,
			Message: c.set.Host + " does not offer STARTTLS on port " + strconv.Itoa(c.set.Port)}
	}
	return netError(c.set.Host, c.set.Port, err)
}

// login authenticates with LOGIN, or AUTHENTICATE PLAIN where the server
// disables LOGIN.
func (c *Conn) login(cl *imapclient.Client) error {
	var err error
	if cl.Caps().Has(imap.CapLoginDisabled) {
		err = cl.Authenticate(sasl.NewPlainClient("", c.set.User, c.password))
	} else {
		err = cl.Login(c.set.User, c.password).Wait()
	}
	if err != nil {
		return c.loginError(err)
	}
	return nil
}

// tlsFor returns the TLS configuration for host, based on the test hook
// when one is set.
func (c *Conn) tlsFor(host, alpn string) *tls.Config {
	cfg := &tls.Config{}
	if c.tlsConfig != nil {
		cfg = c.tlsConfig.Clone()
	}
	cfg.ServerName = host
	if alpn != "" && cfg.NextProtos == nil {
		cfg.NextProtos = []string{alpn}
	}
	return cfg
}

func dialTCP(ctx context.Context, host string, port int) (net.Conn, error) {
	d := net.Dialer{Timeout: 30 * time.Second, KeepAlive: time.Minute}
	return d.DialContext(ctx, "tcp", net.JoinHostPort(host, strconv.Itoa(port)))
}

func plainRefused(host string) error {
	return core.RemoteWords(core.ProblemConfig,
		core.Say("an unencrypted connection to {{.Host}} is refused (allowed only to this computer)", "Host", host), "choose tls or starttls in Accounts", nil)
}

// closeClient logs out politely, but never waits long on a dead peer.
func closeClient(cl *imapclient.Client) error {
	done := make(chan error, 1)
	go func() { done <- cl.Logout().Wait() }()
	select {
	case <-done:
	case <-time.After(logoutWait):
	}
	err := cl.Close()
	if errors.Is(err, net.ErrClosed) || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil
	}
	return err
}

// selectFolder opens folder, asking for CONDSTORE where the server has it.
func (c *Conn) selectFolder(cl *imapclient.Client, folder string, readOnly bool) (*imap.SelectData, error) {
	opts := &imap.SelectOptions{ReadOnly: readOnly, CondStore: cl.Caps().Has(imap.CapCondStore)}
	sel, err := cl.Select(folder, opts).Wait()
	if err != nil {
		return nil, c.folderError(folder, err)
	}
	return sel, nil
}
