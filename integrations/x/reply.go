package x

import (
	"context"
	"html"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/hearthhq/hearth/core"
)

// clockSkew widens "since" searches of our own timeline: X's clock and
// ours differ a little.
const clockSkew = 2 * time.Minute

// Reply posts text in reply to the mention. A failure after the request
// left is reported as core.ErrUnknownOutcome: the outbox then asks
// Delivered instead of posting again.
//
// Its pictures are uploaded first (media.go), each step recorded; a
// failure there posted nothing and is an ordinary, retried failure.
func (c *Conn) Reply(ctx context.Context, to core.Item, r core.Reply, idemKey string) (string, error) {
	ids, err := c.mediaIDs(ctx, r.Pictures())
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	c.sent[idemKey] = r.Text
	c.mu.Unlock()
	t, err := c.api.post(ctx, r.Text, to.RemoteID, ids)
	if err != nil {
		return "", writeFailed(ctx, "reply", err)
	}
	return t.ID, nil
}

// writeFailed classifies a failed post, marking one that may have gone
// out as an unknown outcome (core.MaybeDone).
func writeFailed(ctx context.Context, op string, err error) error {
	return core.MarkUnknown(classify(ctx, op, err))
}

// Delivered looks in our own timeline for a reply to the mention. When
// this connection made the attempt it also matches the text; after a
// restart any reply of ours to that mention counts, since posting twice is
// the worse mistake.
func (c *Conn) Delivered(ctx context.Context, to core.Item, idemKey string) (bool, error) {
	c.mu.Lock()
	text, known := c.sent[idemKey]
	c.mu.Unlock()
	_, found, err := c.findReply(ctx, to, text, known)
	return found, err
}

// FindReply looks in our own timeline for a reply to the mention with the
// reply's text, and returns the id of the post it made: the outbox's check
// after an unknown outcome, which survives a restart.
func (c *Conn) FindReply(ctx context.Context, to core.Item, r core.Reply, _ string) (string, bool, error) {
	return c.findReply(ctx, to, r.Text, r.Text != "")
}

// findReply finds our reply to a mention; without a known text any reply
// of ours counts (a possible false "already sent" beats posting twice).
func (c *Conn) findReply(ctx context.Context, to core.Item, text string, known bool) (string, bool, error) {
	me, err := c.whoAmI(ctx)
	if err != nil {
		return "", false, err
	}
	own, err := c.api.timeline(ctx, me, to.CreatedAt.Add(-clockSkew))
	if err != nil {
		return "", false, classify(ctx, "read own posts", err)
	}
	for _, t := range own {
		if t.ReplyTo == to.RemoteID && (!known || sameText(t.Text, text)) {
			return t.ID, true, nil
		}
	}
	return "", false, nil
}

var urlRe = regexp.MustCompile(`https?://\S+`)

// sameText compares a post as written with the text X returns: X escapes
// &, < and >, shortens links to t.co and may renormalise.
func sameText(remote, local string) bool {
	canon := func(s string) string {
		s = norm.NFC.String(html.UnescapeString(s))
		s = urlRe.ReplaceAllString(s, "URL")
		return strings.Join(strings.Fields(s), " ")
	}
	return canon(remote) == canon(local)
}
