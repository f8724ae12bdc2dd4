package imap

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/mail"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/imap/mailparse"
)

// NewMessageID makes a fresh Message-Id, "<random@domain>", with the domain
// of the from address: the idempotency key of a queued reply.
func NewMessageID(from string) string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	local := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	domain := "hearth.invalid"
	if at := strings.LastIndexByte(from, '@'); at >= 0 && at+1 < len(from) {
		domain = strings.Trim(from[at+1:], "<> ")
	}
	return "<" + local + "@" + domain + ">"
}

// Reply sends r as an answer to the item's author with proper threading
// headers, then files a copy in the Sent folder. idemKey is the Message-Id;
// the remote id returned is that id as mailparse names a synced message
// (without angle brackets), so that later answers thread under it. Once
// SMTP accepted the message the reply counts as sent: a failure to file the
// copy is only logged.
func (c *Conn) Reply(ctx context.Context, to core.Item, r core.Reply, idemKey string) (string, error) {
	tos, ccs := r.Recipients(to)
	var rcpt []string
	for _, p := range append(append([]core.Person(nil), tos...), ccs...) {
		if a := strings.TrimSpace(p.Address); a != "" {
			rcpt = append(rcpt, a)
		}
	}
	if len(rcpt) == 0 {
		return "", &core.RemoteError{Problem: core.ProblemConfig, Action: "type an address in To, or reply from your mail program",
			Message: "the message has no sender address to reply to"}
	}
	raw, err := buildReply(c.set, to, r, idemKey, c.now())
	if err != nil {
		return "", fmt.Errorf("compose reply: %w", err)
	}
	if err := c.sendSMTP(ctx, c.set.From, rcpt, raw); err != nil {
		return "", err
	}
	if err := c.appendSent(ctx, raw); err != nil {
		c.log.Warn("reply sent, but filing it in Sent failed", "message_id", idemKey, "err", err)
	}
	return mailparse.NormalizeMessageID(idemKey), nil
}

// Delivered reports whether the Sent folder holds a message with idemKey
// as its Message-Id.
func (c *Conn) Delivered(ctx context.Context, to core.Item, idemKey string) (bool, error) {
	var found bool
	err := c.session(ctx, func(cl *imapclient.Client) error {
		sent, err := c.sentFolder(cl)
		if err != nil {
			return err
		}
		if _, err := c.selectFolder(cl, sent, true); err != nil {
			return err
		}
		uids, err := c.searchMessageID(cl, idemKey)
		found = len(uids) > 0
		return err
	})
	return found, err
}

// buildReply renders the reply as an RFC 5322 message: text/plain UTF-8,
// quoted-printable, threaded under the original.
func buildReply(set core.IMAPSettings, to core.Item, r core.Reply, msgID string, now time.Time) ([]byte, error) {
	var h mail.Header
	h.SetDate(now)
	h.SetAddressList("From", []*mail.Address{{Name: set.FromName, Address: set.From}})
	tos, ccs := r.Recipients(to)
	h.SetAddressList("To", addressList(tos))
	if len(ccs) > 0 {
		h.SetAddressList("Cc", addressList(ccs))
	}
	subject := r.Subject
	if strings.TrimSpace(subject) == "" {
		subject = core.ReplySubject(to.Subject)
	}
	h.SetSubject(subject)
	h.Set("Message-Id", angle(msgID))
	if refs := references(to); len(refs) > 0 {
		h.Set("In-Reply-To", angle(refs[len(refs)-1]))
		h.Set("References", strings.Join(mapAngle(refs), " "))
	}
	if r.Auto {
		h.Set("Auto-Submitted", "auto-replied")
	}
	h.Set("MIME-Version", "1.0")
	var buf bytes.Buffer
	if len(r.Files) > 0 {
		err := writeWithFiles(&buf, h, replyText(to, r), r.Files)
		return buf.Bytes(), err
	}
	h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	w, err := mail.CreateSingleInlineWriter(&buf, h)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write([]byte(replyText(to, r))); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeWithFiles writes a multipart/mixed message: the text, then each
// file as an attachment (base64, its name in RFC 2231 form when not
// ASCII, as go-message writes it).
func writeWithFiles(buf *bytes.Buffer, h mail.Header, text string, files []core.OutFile) error {
	mw, err := mail.CreateWriter(buf, h)
	if err != nil {
		return err
	}
	var th mail.InlineHeader
	th.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	tw, err := mw.CreateSingleInline(th)
	if err != nil {
		return err
	}
	if _, err := tw.Write([]byte(text)); err != nil {
		return err
	}
	if err := tw.Close(); err != nil {
		return err
	}
	for _, f := range files {
		var ah mail.AttachmentHeader
		ah.SetContentType(f.Type, nil)
		ah.SetFilename(f.Name)
		aw, err := mw.CreateAttachment(ah)
		if err != nil {
			return err
		}
		if _, err := aw.Write(f.Data); err != nil {
			return err
		}
		if err := aw.Close(); err != nil {
			return err
		}
	}
	return mw.Close()
}

// references is the original's thread chain plus the original itself,
// without hash ids, which are no Message-Ids.
func references(to core.Item) []string {
	var refs []string
	for _, id := range append(append([]string(nil), to.ThreadRefs...), to.RemoteID) {
		if id != "" && !isHashID(id) {
			refs = append(refs, bareID(id))
		}
	}
	if len(refs) == 0 || bareID(to.RemoteID) != refs[len(refs)-1] {
		return nil // no In-Reply-To without the original's own id
	}
	return refs
}

// replyText is the reply, then the quoted original when asked for.
func replyText(to core.Item, r core.Reply) string {
	text := strings.TrimRight(r.Text, "\r\n") + "\n"
	if !r.Quote {
		return text
	}
	var b strings.Builder
	b.WriteString(text)
	b.WriteString("\n" + attribution(to) + "\n")
	for _, line := range strings.Split(strings.TrimRight(strings.ReplaceAll(to.Text, "\r\n", "\n"), "\n"), "\n") {
		if strings.HasPrefix(line, ">") {
			b.WriteString(">" + line + "\n") // nested quotes stay compact
		} else {
			b.WriteString("> " + line + "\n")
		}
	}
	return b.String()
}

// attribution reads "On Mon, 2 Jan 2026 at 10:00, Name <a@b> wrote:".
func attribution(to core.Item) string {
	who := to.Author.String()
	if to.CreatedAt.IsZero() {
		return who + " wrote:"
	}
	return "On " + to.CreatedAt.Format("Mon, 2 Jan 2006 at 15:04") + ", " + who + " wrote:"
}

func addressList(ps []core.Person) []*mail.Address {
	out := make([]*mail.Address, 0, len(ps))
	for _, p := range ps {
		out = append(out, &mail.Address{Name: p.Name, Address: p.Address})
	}
	return out
}

func angle(id string) string { return "<" + bareID(id) + ">" }

func mapAngle(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = angle(id)
	}
	return out
}

// bareID strips the angle brackets and spaces around a Message-Id.
func bareID(id string) string {
	return strings.Trim(core.SharedID(strings.TrimSpace(id)), "<>")
}

// isHashID reports whether a remote id is mailparse's hash of a message
// without a Message-Id, which must not appear in threading headers.
func isHashID(id string) bool { return strings.HasPrefix(id, "sha256:") }
