package demo

import (
	"bufio"
	"bytes"
	"crypto/subtle"
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// SentMessage is a message the demo SMTP server accepted.
type SentMessage struct {
	From      string   // envelope sender (MAIL FROM)
	To        []string // envelope recipients (RCPT TO)
	Subject   string   // Subject header, decoded
	MessageID string   // Message-Id without angle brackets; "" if absent
	Raw       []byte   // the message as received
}

// smtpPeer is the submission server: it takes mail from the demo user
// only, after AUTH PLAIN, and hands each message to received.
type smtpPeer struct {
	password string
	received func(SentMessage)
	server   *smtp.Server
}

func newSMTPPeer(password string, logger smtp.Logger, received func(SentMessage)) *smtpPeer {
	p := &smtpPeer{password: password, received: received}
	s := smtp.NewServer(p)
	s.Domain = "hearth.example"
	s.AllowInsecureAuth = true // loopback only, as core.IMAPSettings.AllowPlain demands
	s.MaxMessageBytes = 25 << 20
	s.MaxRecipients = 100
	s.ReadTimeout = 10 * time.Minute // a client that vanishes does not hold a goroutine forever
	s.WriteTimeout = time.Minute
	s.ErrorLog = logger
	p.server = s
	return p
}

// NewSession implements smtp.Backend.
func (p *smtpPeer) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &smtpSession{peer: p}, nil
}

// smtpSession is one connection's transaction state.
type smtpSession struct {
	peer   *smtpPeer
	authed bool
	from   string
	to     []string
}

var _ smtp.AuthSession = (*smtpSession)(nil)

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *smtpSession) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if (identity != "" && identity != username) || username != demoUser ||
			subtle.ConstantTimeCompare([]byte(password), []byte(s.peer.password)) != 1 {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from, s.to = from, nil
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.to = append(s.to, to)
	return nil
}

func (s *smtpSession) Data(r io.Reader) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read message: %w", err)
	}
	s.peer.received(parseSent(s.from, s.to, raw))
	return nil
}

func (s *smtpSession) Reset() { s.from, s.to = "", nil }

func (s *smtpSession) Logout() error { return nil }

// parseSent reads what a test or the thank-you answer needs from a
// submitted message. Like a real server it accepts a malformed header and
// records what it could read.
func parseSent(from string, to []string, raw []byte) SentMessage {
	m := SentMessage{From: from, To: append([]string(nil), to...), Raw: raw}
	h, err := readHeader(raw)
	if err != nil {
		return m
	}
	m.Subject, _ = h.Subject() // an unknown charset still gives the raw text
	m.MessageID, _ = h.MessageID()
	return m
}

func readHeader(raw []byte) (gomail.Header, error) {
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return gomail.Header{}, fmt.Errorf("read header: %w", err)
	}
	return gomail.Header{Header: message.Header{Header: h}}, nil
}
