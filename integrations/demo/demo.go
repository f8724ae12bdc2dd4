// Package demo runs the peers behind `hearth --demo`: an IMAP server and an
// SMTP server on loopback, in-process, holding the mailbox of a fictional
// community ("Hearth Makers", a maker space and board-game club with a VK
// group and an X account), so a new user can try every feature of Hearth
// without an account.
//
// The mailbox is the same on every run for the same Options.Now: about 200
// messages over 45 days in English, French and Russian from 60 members,
// with the cases Hearth must handle (legacy charsets, a threaded
// conversation, attachments, an HTML newsletter with scripts, spam, an
// angry member). Replies sent to a member are answered a few seconds later,
// and with Options.Live new mail keeps arriving.
package demo

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log"
	"net"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
)

// AccountName is the name of the demo e-mail account.
const AccountName = "Support (demo)"

// Options configures the demo peers. The zero value is a quiet demo as of now.
type Options struct {
	// Now is the demo's present: the seeded mail is dated before it. Zero
	// means time.Now().
	Now time.Time
	// Messages is how many messages INBOX starts with; 0 means 200. The
	// scripted messages are always there, so a smaller number is raised to
	// their count.
	Messages int
	// Live makes a new message arrive in INBOX every LiveMin to LiveMax.
	Live bool
	// Logf receives server errors and recovered panics; nil means log.Printf.
	Logf func(format string, args ...any)
	// AnswerDelay is how long a member takes to answer our reply; 0 means 3 s.
	AnswerDelay time.Duration
	// LiveMin and LiveMax bound the pause between live messages; zero
	// means 40 s and 90 s.
	LiveMin, LiveMax time.Duration
}

func (o Options) withDefaults() Options {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Messages <= 0 {
		o.Messages = 200
	}
	if o.Logf == nil {
		o.Logf = log.Printf
	}
	if o.AnswerDelay <= 0 {
		o.AnswerDelay = 3 * time.Second
	}
	if o.LiveMin <= 0 && o.LiveMax <= 0 {
		o.LiveMin, o.LiveMax = 40*time.Second, 90*time.Second
	}
	o.LiveMin = max(o.LiveMin, time.Millisecond)
	o.LiveMax = max(o.LiveMax, o.LiveMin)
	return o
}

// Peers are the running demo servers. Close stops them.
type Peers struct {
	opt      Options
	password string
	imap     *imapPeer
	smtp     *smtpPeer
	imapLn   net.Listener
	smtpLn   net.Listener
	imapAddr *net.TCPAddr
	smtpAddr *net.TCPAddr

	ctx    context.Context // ends on Close or when Start's ctx ends
	cancel context.CancelFunc
	wg     sync.WaitGroup // every goroutine Peers started

	mu      sync.Mutex
	closing bool          // no goroutine may start once set
	sent    []SentMessage // what the SMTP server accepted
	answers int           // thank-you answers so far, to vary their text
	stopErr error

	closeOnce sync.Once
}

// Start fills the mailbox and starts the IMAP and SMTP servers on
// 127.0.0.1 with ports of the system's choosing. They run until Close or
// until ctx ends.
func Start(ctx context.Context, opt Options) (*Peers, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("demo: start: %w", err)
	}
	opt = opt.withDefaults()
	seeds, err := buildCorpus(opt.Now, opt.Messages)
	if err != nil {
		return nil, fmt.Errorf("demo: build mailbox: %w", err)
	}
	p := &Peers{opt: opt, password: rand.Text()}
	if p.imap, err = newIMAPPeer(p.password, seeds, logAdapter(p.prefixed("demo imap: "))); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	p.smtp = newSMTPPeer(p.password, logAdapter(p.prefixed("demo smtp: ")), p.received)
	if p.imapLn, p.smtpLn, err = listenPair(ctx); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	p.imapAddr, p.smtpAddr = p.imapLn.Addr().(*net.TCPAddr), p.smtpLn.Addr().(*net.TCPAddr)
	p.ctx, p.cancel = context.WithCancel(ctx)
	p.run()
	return p, nil
}

// listenPair opens the IMAP and SMTP listeners on loopback.
func listenPair(ctx context.Context) (imapLn, smtpLn net.Listener, err error) {
	var lc net.ListenConfig
	if imapLn, err = lc.Listen(ctx, "tcp", "127.0.0.1:0"); err != nil {
		return nil, nil, fmt.Errorf("listen for imap: %w", err)
	}
	if smtpLn, err = lc.Listen(ctx, "tcp", "127.0.0.1:0"); err != nil {
		imapLn.Close()
		return nil, nil, fmt.Errorf("listen for smtp: %w", err)
	}
	return imapLn, smtpLn, nil
}

// run starts the servers, the watcher that stops them when p.ctx ends,
// and the live mail.
func (p *Peers) run() {
	p.spawn("imap server", func() { p.serve("imap", p.imap.server.Serve, p.imapLn) })
	p.spawn("smtp server", func() { p.serve("smtp", p.smtp.server.Serve, p.smtpLn) })
	p.spawn("shutdown", func() {
		<-p.ctx.Done()
		p.stopServers()
	})
	if p.opt.Live {
		p.spawn("live mail", p.liveMail)
	}
}

// serve runs a server until it stops; an error once the demo is stopping
// is the stop itself, not worth a log line.
func (p *Peers) serve(name string, serve func(net.Listener) error, ln net.Listener) {
	if err := serve(ln); err != nil && p.ctx.Err() == nil {
		p.opt.Logf("demo %s: serve: %v", name, err)
	}
}

// stopServers closes the listeners and open connections of both servers.
// It closes the listeners itself too: a server told to close before its
// Serve began has no listener to close, and go-smtp would then accept
// forever.
func (p *Peers) stopServers() {
	_ = p.imap.server.Close() // errors: "already closed", or from the listeners closed below
	_ = p.smtp.server.Close()
	errIMAP := closeListener(p.imapLn)
	errSMTP := closeListener(p.smtpLn)
	if err := errors.Join(errIMAP, errSMTP); err != nil {
		p.mu.Lock()
		p.stopErr = err
		p.mu.Unlock()
	}
}

func closeListener(ln net.Listener) error {
	if err := ln.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return nil
}

// Account is the demo account as Hearth stores it: its name, its settings
// and the password that goes to the keyring.
func (p *Peers) Account() (name string, s core.IMAPSettings, password string) {
	host := p.imapAddr.IP.String()
	return AccountName, core.IMAPSettings{
		Host:          host,
		Port:          p.imapAddr.Port,
		TLS:           core.TLSNone,
		User:          demoUser,
		From:          demoUser,
		FromName:      support.name,
		SMTPHost:      host,
		SMTPPort:      p.smtpAddr.Port,
		SMTPTLS:       core.TLSNone,
		SMTPUser:      demoUser,
		AllowPlain:    true,
		Folders:       []string{inboxBox},
		BackfillDays:  -1,
		ArchiveOnDone: true,
	}, p.password
}

// Sent returns the messages the SMTP server has accepted, oldest first.
func (p *Peers) Sent() []SentMessage {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]SentMessage(nil), p.sent...)
}

// Close stops the servers and every goroutine of the demo and waits for
// them. It is safe to call more than once.
func (p *Peers) Close() error {
	p.closeOnce.Do(func() {
		p.mu.Lock()
		p.closing = true
		p.mu.Unlock()
		p.cancel()
		p.wg.Wait()
	})
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopErr != nil {
		return fmt.Errorf("demo: close: %w", p.stopErr)
	}
	return nil
}
