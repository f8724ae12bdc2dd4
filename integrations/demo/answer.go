package demo

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decode replies written in legacy charsets
	gomail "github.com/emersion/go-message/mail"
)

// received records a message from the SMTP server and, for each member it
// was sent to, schedules that member's thank-you answer.
func (p *Peers) received(m SentMessage) {
	p.mu.Lock()
	p.sent = append(p.sent, m)
	p.mu.Unlock()
	for _, rcpt := range m.To {
		member, ok := personByAddr(rcpt)
		if !ok {
			continue
		}
		p.spawn("answer from "+member.addr, func() { p.answerLater(member, m) })
	}
}

// answerLater waits as a person would, then delivers member's answer to
// ours into INBOX, threaded under it.
func (p *Peers) answerLater(member person, ours SentMessage) {
	t := time.NewTimer(p.opt.AnswerDelay)
	defer t.Stop()
	select {
	case <-p.ctx.Done():
		return
	case <-t.C:
	}
	d := p.thankYou(member, ours, time.Now())
	if err := p.deliverDraft(inboxBox, d); err != nil {
		p.opt.Logf("demo: answer from %s: %v", member.addr, err)
	}
}

// thankYou is member's short answer to our message.
func (p *Peers) thankYou(member person, ours SentMessage, now time.Time) draft {
	p.mu.Lock()
	n := p.answers
	p.answers++
	p.mu.Unlock()

	v := languages[member.lang].vocab
	text := strings.ReplaceAll(v.thanks[n%len(v.thanks)], "{first}", member.first())
	if q := quoteSent(ours, member.lang); q != "" {
		text += "\n\n" + q
	}
	_, domain, _ := strings.Cut(member.addr, "@")
	d := draft{
		from: member, to: support, subject: replySubject(ours.Subject), date: now.In(member.zone()),
		id:   fmt.Sprintf("%s.%d.%08x@%s", now.UTC().Format("20060102150405"), n, rand.Uint32(), domain),
		text: text,
	}
	if ours.MessageID != "" {
		d.inReplyTo = ours.MessageID
		d.refs = append(sentReferences(ours), ours.MessageID)
	}
	if member.client == htmlClient {
		d.html = htmlFromText(text)
	}
	return d
}

func sentReferences(m SentMessage) []string {
	h, err := readHeader(m.Raw)
	if err != nil {
		return nil
	}
	refs, _ := h.MsgIDList("References") // malformed: thread under our message only
	return refs
}

// quoteSent quotes our message the way the member's client would.
func quoteSent(m SentMessage, in lang) string {
	text := plainText(m.Raw)
	if text == "" {
		return ""
	}
	d := draft{from: support, text: text, date: time.Now()}
	if h, err := readHeader(m.Raw); err == nil {
		if t, err := h.Date(); err == nil && !t.IsZero() {
			d.date = t
		}
	}
	return quote(d, in)
}

// plainText is the first text/plain part of a message, decoded; "" if it
// has none or cannot be read.
func plainText(raw []byte) string {
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil && !message.IsUnknownCharset(err) {
		return ""
	}
	defer r.Close()
	for {
		part, err := r.NextPart()
		if err != nil {
			return ""
		}
		h, ok := part.Header.(*gomail.InlineHeader)
		if !ok {
			continue
		}
		if t, _, _ := h.ContentType(); t == "text/plain" || t == "" {
			b, _ := io.ReadAll(part.Body) // a broken part still quotes what was read
			return strings.TrimSpace(strings.ReplaceAll(string(b), "\r\n", "\n"))
		}
	}
}

// deliverDraft renders d and appends it to mailbox, unread.
func (p *Peers) deliverDraft(mailbox string, d draft) error {
	raw, err := d.bytes()
	if err != nil {
		return err
	}
	return p.imap.deliver(mailbox, raw, d.date, nil)
}

// liveMail delivers a new message from a random member every LiveMin to
// LiveMax, until the demo stops.
func (p *Peers) liveMail() {
	g := newGenerator(time.Now(), liveSeed1, liveSeed2)
	for {
		wait := p.opt.LiveMin + time.Duration(g.r.Int64N(int64(p.opt.LiveMax-p.opt.LiveMin)+1))
		t := time.NewTimer(wait)
		select {
		case <-p.ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		member := pick(g.r, people)
		d := g.memberMessage(member, time.Now().In(member.zone()))
		if err := p.deliverDraft(inboxBox, d); err != nil {
			p.opt.Logf("demo: live mail: %v", err)
		}
	}
}
