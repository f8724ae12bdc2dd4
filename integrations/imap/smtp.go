package imap

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/hearthhq/hearth/core"
)

// sendSMTP submits msg. A failure once the whole message was handed over
// (the server's final answer lost) wraps core.ErrUnknownOutcome: it may
// have gone out, so the outbox checks before sending again.
func (c *Conn) sendSMTP(ctx context.Context, from string, rcpts []string, msg []byte) error {
	return c.withSMTP(ctx, func(sc *smtp.Client) error {
		if err := sizeFits(sc, len(msg)); err != nil {
			return err
		}
		if err := sc.Mail(from, &smtp.MailOptions{Size: int64(len(msg))}); err != nil {
			return c.smtpError(err)
		}
		for _, to := range rcpts {
			if err := sc.Rcpt(to, nil); err != nil {
				return c.smtpError(err)
			}
		}
		w, err := sc.Data()
		if err != nil {
			return c.smtpError(err)
		}
		if _, err := w.Write(msg); err != nil {
			return c.smtpError(err)
		}
		if err := w.Close(); err != nil {
			var se *smtp.SMTPError
			if errors.As(err, &se) {
				return c.smtpError(err)
			}
			return fmt.Errorf("%w: %w", core.ErrUnknownOutcome, c.smtpError(err))
		}
		return nil
	})
}

// sizeFits checks the message against the largest the server announces
// (SIZE, RFC 1870) before anything is sent: a message over it is refused
// for good, with the sizes in words.
func sizeFits(sc *smtp.Client, n int) error {
	ok, param := sc.Extension("SIZE")
	max, err := strconv.ParseInt(strings.TrimSpace(param), 10, 64)
	if !ok || err != nil || max <= 0 || int64(n) <= max {
		return nil
	}
	return core.RemoteWords(core.ProblemConfig,
		core.Say("the message with its attachments is {{.Size}}; the mail server takes at most {{.Max}}", "Size", core.Size(n), "Max", core.Size(max)),
		"attach fewer or smaller files", errTooLarge)
}

var errTooLarge = errors.New("message larger than the server's SIZE")

// mb says a size in megabytes, as a person reads it: "3.2 MB".
func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// testSMTP connects and logs in to the outgoing server.
func (c *Conn) testSMTP(ctx context.Context) error {
	return c.withSMTP(ctx, func(*smtp.Client) error { return nil })
}

// withSMTP runs fn on a fresh, authenticated SMTP session and quits.
// Cancelling ctx closes the connection.
func (c *Conn) withSMTP(ctx context.Context, fn func(*smtp.Client) error) error {
	sc, err := c.dialSMTP(ctx)
	if err != nil {
		return err
	}
	defer sc.Close()
	stop := context.AfterFunc(ctx, func() { sc.Close() })
	defer stop()
	if err := c.smtpAuth(sc); err != nil {
		return c.orCancelled(ctx, err)
	}
	if err := fn(sc); err != nil {
		return c.orCancelled(ctx, err)
	}
	if err := sc.Quit(); err != nil {
		// The message was accepted before QUIT; a failed QUIT changes nothing.
		c.log.Debug("smtp quit", "err", err)
	}
	return nil
}

// orCancelled keeps err but marks it as caused by ctx ending, when it was.
func (c *Conn) orCancelled(ctx context.Context, err error) error {
	if ctx.Err() == nil || isContext(err) {
		return err
	}
	return fmt.Errorf("smtp %s: %w (%w)", c.set.SMTPHost, ctx.Err(), err)
}

func (c *Conn) dialSMTP(ctx context.Context) (*smtp.Client, error) {
	host, port := c.set.SMTPHost, c.set.SMTPPort
	if c.set.SMTPTLS == core.TLSNone && !(c.set.AllowPlain && core.IsLoopback(host)) {
		return nil, plainRefused(host)
	}
	raw, err := dialTCP(ctx, host, port)
	if err != nil {
		return nil, netError(host, port, err)
	}
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	sc, err := c.secureSMTP(ctx, raw)
	if !stop() {
		return nil, ctx.Err()
	}
	if err != nil {
		raw.Close()
		return nil, err
	}
	return sc, nil
}

func (c *Conn) secureSMTP(ctx context.Context, raw net.Conn) (*smtp.Client, error) {
	host, port := c.set.SMTPHost, c.set.SMTPPort
	switch c.set.SMTPTLS {
	case core.TLSImplicit:
		tc := tls.Client(raw, c.tlsFor(host, ""))
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, netError(host, port, err)
		}
		return smtp.NewClient(tc), nil
	case core.TLSStartTLS:
		sc, err := smtp.NewClientStartTLS(raw, c.tlsFor(host, ""))
		if err != nil {
			return nil, c.smtpStartTLSError(err)
		}
		return sc, nil
	default:
		return smtp.NewClient(raw), nil
	}
}

func (c *Conn) smtpStartTLSError(err error) error {
	var se *smtp.SMTPError
	if errors.As(err, &se) || err.Error() == "smtp: server doesn't support STARTTLS" {
		return core.RemoteWords(core.ProblemConfig,
			core.Say("{{.Host}} does not offer STARTTLS on port {{.Port}}", "Host", c.set.SMTPHost, "Port", strconv.Itoa(c.set.SMTPPort)), actionSecurity, err)
	}
	return netError(c.set.SMTPHost, c.set.SMTPPort, err)
}

// smtpAuth logs in with PLAIN (or LOGIN) when the server offers AUTH; a
// server that offers none (a local relay) is used as it is.
func (c *Conn) smtpAuth(sc *smtp.Client) error {
	if err := sc.Noop(); err != nil { // greeting and EHLO
		return c.smtpError(err)
	}
	if ok, _ := sc.Extension("AUTH"); !ok {
		return nil
	}
	var auth sasl.Client
	switch {
	case sc.SupportsAuth(sasl.Plain):
		auth = sasl.NewPlainClient("", c.set.SMTPUser, c.password)
	case sc.SupportsAuth(sasl.Login):
		auth = sasl.NewLoginClient(c.set.SMTPUser, c.password)
	default:
		return &core.RemoteError{Problem: core.ProblemConfig, Action: "ask the mail provider which login methods it supports",
			Message: c.set.SMTPHost + " offers no login method Hearth knows (PLAIN or LOGIN)"}
	}
	return c.smtpError(sc.Auth(auth))
}
