// Package mailparse turns raw RFC 5322 messages into inbox items. It is
// tolerant by design: real mail is often malformed, and a person would
// rather see a message with a note about what could not be decoded than
// not see it at all. Nothing here does IO; Parse works on bytes in memory.
package mailparse

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
)

// Limits against pathological input. A real message stays far below them.
const (
	maxDepth     = 20       // nested multiparts and forwarded messages
	maxParts     = 1000     // MIME parts shown or listed
	maxVisits    = 10000    // MIME parts looked at, alternatives tried included
	maxTextBytes = 20 << 20 // readable text kept for one message
	maxHTMLBytes = 2 << 20  // HTML converted to text, per part
	maxProblems  = 20       // problems listed; more are counted
	noSubject    = "(no subject)"
)

// Parse turns a raw RFC 5322 message into an inbox item. It never fails:
// what it cannot decode is reported in Item.Problems and shown to the user,
// never dropped silently.
func Parse(raw []byte) (it core.Item) {
	p := newParser(raw)
	it = core.Item{Kind: core.ItemEmail, Raw: raw}
	defer func() {
		// A bug on one odd message must not stop a sync: keep what was
		// parsed so far and say that the rest is missing.
		if r := recover(); r != nil {
			p.problemf("the parser failed (%v); the message may be shown incomplete", r)
			it.Text = p.out.String()
		}
		p.finish(&it)
	}()
	p.parseInto(&it)
	return it
}

// AttachmentData returns the i-th attachment Parse lists for raw (the
// order of Item.Attachments) and its decoded bytes, for showing or saving
// it from the stored copy of the message.
func AttachmentData(raw []byte, i int) (core.Attachment, []byte, error) {
	p := newParser(raw)
	p.want = i
	it := core.Item{Kind: core.ItemEmail}
	func() {
		defer func() { _ = recover() }() // Parse's rule: what was read stays
		p.parseInto(&it)
	}()
	if i < 0 || i >= len(p.atts) || p.wantData == nil {
		return core.Attachment{}, nil, fmt.Errorf("the message has no attachment %d: %w", i+1, core.ErrNotFound)
	}
	return p.atts[i], p.wantData, nil
}

// RemoteID is the item's stable identity: the Message-Id without angle
// brackets and surrounding space, or, when there is none, "sha256:" + hex of
// the SHA-256 of the raw message.
func RemoteID(messageID string, raw []byte) string {
	if id := NormalizeMessageID(messageID); id != "" {
		return id
	}
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// parseInto fills the item field by field, so that a panic half-way still
// leaves the fields read before it.
func (p *parser) parseInto(it *core.Item) {
	root := p.readMessage(p.raw, "")
	h := root.header
	it.RemoteID = RemoteID(h.Get("Message-Id"), p.raw)
	it.ThreadRefs = threadRefs(h.Get("References"), h.Get("In-Reply-To"), it.RemoteID)
	it.Subject = p.headerText("subject", h.Get("Subject"))
	it.Author = p.author(h)
	it.To = p.recipients(h)
	it.CreatedAt = p.date(h)
	p.render(root, 0)
	it.Text = p.out.String()
}

// finish applies what every item must satisfy, whatever happened before:
// valid UTF-8 everywhere, a subject, a snippet, the problems and attachments.
func (p *parser) finish(it *core.Item) {
	it.Text = validUTF8(strings.TrimRight(strings.TrimLeft(it.Text, "\r\n"), " \t\r\n"))
	it.Subject = validUTF8(strings.TrimSpace(it.Subject))
	if it.Subject == "" {
		it.Subject = noSubject
	}
	if it.RemoteID == "" {
		it.RemoteID = RemoteID("", p.raw)
	}
	if it.Text == "" && len(p.atts) == 0 {
		p.problemf("the message has no text and no attachments")
	}
	it.Snippet = core.Snippet(it.Text) // Parse promises a whole item, snippet included
	it.Attachments = p.atts
	it.Problems = p.problems
	if p.moreProblems > 0 {
		it.Problems = append(it.Problems, fmt.Sprintf("and %d more problems", p.moreProblems))
	}
	it.ContentHash = contentHash(it, p.raw)
}

// validUTF8 replaces invalid bytes so that every string Parse returns can be
// stored, searched and drawn.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// problemf records something the user should know about the message,
// once; past maxProblems only the count is kept, for the closing line.
func (p *parser) problemf(format string, args ...any) {
	msg := validUTF8(fmt.Sprintf(format, args...))
	if slices.Contains(p.problems, msg) {
		return
	}
	if len(p.problems) >= maxProblems {
		p.moreProblems++
		return
	}
	p.problems = append(p.problems, msg)
}
