package demo

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// patience bounds every wait for something asynchronous, so a broken demo
// fails the test instead of hanging it. It is not a speed assertion.
const patience = 15 * time.Second

// testLog collects the demo's log lines and hands them to the test while it
// runs; a server goroutine that logs late cannot crash the test binary.
type testLog struct {
	mu    sync.Mutex
	t     *testing.T
	ended bool
}

func (l *testLog) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.ended {
		l.t.Logf(format, args...)
	}
}

func (l *testLog) end() {
	l.mu.Lock()
	l.ended = true
	l.mu.Unlock()
}

// startDemo starts the peers with the fixed test clock and stops them when
// the test ends.
func startDemo(t *testing.T, ctx context.Context, opt Options) *Peers {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = testNow
	}
	lg := &testLog{t: t}
	opt.Logf = lg.logf
	p, err := Start(ctx, opt)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		lg.end()
	})
	return p
}

// login connects an IMAP client as the demo user.
func login(t *testing.T, p *Peers, opts *imapclient.Options) *imapclient.Client {
	t.Helper()
	_, s, password := p.Account()
	c, err := imapclient.DialInsecure(net.JoinHostPort(s.Host, strconv.Itoa(s.Port)), opts)
	if err != nil {
		t.Fatalf("dial imap: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(s.User, password).Wait(); err != nil {
		t.Fatalf("login: %v", err)
	}
	return c
}

// fetched is a fetched message's header, parsed.
type fetched struct {
	uid     imap.UID
	flags   []imap.Flag
	header  gomail.Header
	subject string
	raw     []byte // the whole message, when fetched
}

func (m fetched) id() string {
	id, _ := m.header.MessageID()
	return id
}

func (m fetched) ids(field string) []string {
	l, _ := m.header.MsgIDList(field)
	return l
}

// fetchAll selects mailbox and fetches every message, whole or header only.
func fetchAll(t *testing.T, c *imapclient.Client, mailbox string, whole bool) []fetched {
	t.Helper()
	if _, err := c.Select(mailbox, nil).Wait(); err != nil {
		t.Fatalf("select %s: %v", mailbox, err)
	}
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, Peek: true}
	if whole {
		section = &imap.FetchItemBodySection{Peek: true}
	}
	bufs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{
		UID: true, Flags: true, BodySection: []*imap.FetchItemBodySection{section},
	}).Collect()
	if err != nil {
		t.Fatalf("fetch %s: %v", mailbox, err)
	}
	out := make([]fetched, len(bufs))
	for i, b := range bufs {
		out[i] = parseMail(t, b.UID, b.Flags, b.FindBodySection(section))
	}
	return out
}

func parseMail(t *testing.T, uid imap.UID, flags []imap.Flag, raw []byte) fetched {
	t.Helper()
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		t.Fatalf("message %d: header: %v", uid, err)
	}
	m := fetched{uid: uid, flags: flags, header: gomail.Header{Header: message.Header{Header: h}}, raw: raw}
	if m.subject, err = m.header.Subject(); err != nil {
		t.Errorf("message %d: subject: %v", uid, err)
	}
	return m
}

// waitForMessages waits in IDLE until mailbox holds more than n messages.
func waitForMessages(t *testing.T, p *Peers, mailbox string, n uint32, whileIdle func()) {
	t.Helper()
	counts := make(chan uint32, 16)
	c := login(t, p, &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				select {
				case counts <- *d.NumMessages:
				default:
				}
			}
		},
	}})
	if _, err := c.Select(mailbox, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	idle, err := c.Idle()
	if err != nil {
		t.Fatalf("idle: %v", err)
	}
	defer func() {
		if err := idle.Close(); err != nil {
			t.Errorf("end idle: %v", err)
		}
	}()
	whileIdle()
	deadline := time.After(patience)
	for {
		select {
		case got := <-counts:
			if got > n {
				return
			}
		case <-deadline:
			t.Fatalf("%s never grew past %d messages", mailbox, n)
		}
	}
}

// sendMail submits raw over SMTP as the demo user.
func sendMail(p *Peers, user, password string, to []string, raw []byte) error {
	_, s, _ := p.Account()
	c, err := smtp.Dial(net.JoinHostPort(s.SMTPHost, strconv.Itoa(s.SMTPPort)))
	if err != nil {
		return fmt.Errorf("dial: %w", err)
	}
	defer c.Close()
	if user != "" {
		if err := c.Auth(sasl.NewPlainClient("", user, password)); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	if err := c.SendMail(demoUser, to, bytes.NewReader(raw)); err != nil {
		return fmt.Errorf("send: %w", err)
	}
	return c.Quit()
}

// replyTo writes what Hearth sends when it answers m.
func replyTo(m fetched, id, text string) []byte {
	from, _ := m.header.AddressList("From")
	refs := append(m.ids("References"), m.id())
	return []byte(strings.Join([]string{
		"From: Hearth Makers <" + demoUser + ">",
		"To: " + from[0].String(),
		"Subject: " + replySubject(m.subject),
		"Date: " + testNow.Format(time.RFC1123Z),
		"Message-Id: <" + id + ">",
		"In-Reply-To: <" + m.id() + ">",
		"References: <" + strings.Join(refs, "> <") + ">",
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8",
		"",
		text,
		"",
	}, "\r\n"))
}
