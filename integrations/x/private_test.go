package x

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// loseAnswer delivers the next request whose path ends with suffix and
// loses X's answer, as a connection reset after sending would.
type loseAnswer struct {
	next   http.RoundTripper
	mu     sync.Mutex
	suffix string
}

func (l *loseAnswer) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := l.next.RoundTrip(req)
	l.mu.Lock()
	lose := l.suffix != "" && strings.HasSuffix(req.URL.Path, l.suffix)
	if lose {
		l.suffix = ""
	}
	l.mu.Unlock()
	if err == nil && lose {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return nil, errors.New("connection reset by peer")
	}
	return resp, err
}

// TestDirectMessageToWhoMentionedUs: X says beforehand who accepts direct
// messages; a DM goes once into the conversation with that person, and a
// 403 is said in words, as a refusal rather than an unknown outcome.
func TestDirectMessageToWhoMentionedUs(t *testing.T) {
	e := newEnv(t, core.XAPIv2)
	ctx := context.Background()
	q := e.tweet(alice, "@hearth_game my order never arrived", "")
	b := e.tweet(bigcorp, "@hearth_game comment on the delay?", "")
	e.peer.RefuseDMs(bigcorp.ID, true)
	e.mustSync()
	toAlice, toCorp := e.sess.items[q], e.sess.items[b]

	if ok, why, err := e.conn.CanMessage(ctx, toAlice); err != nil || !ok || why != "" {
		t.Errorf("alice: CanMessage = %v, %q, %v; want yes", ok, why, err)
	}
	if ok, why, err := e.conn.CanMessage(ctx, toCorp); err != nil || ok || why != "@gamenewsdaily does not accept direct messages from you on X" {
		t.Errorf("gamenewsdaily: CanMessage = %v, %q, %v; want no, in words", ok, why, err)
	}
	out, err := e.conn.Message(ctx, toAlice, "Sorry Alice! Could you send me the order number?", "dm-1")
	if err != nil {
		t.Fatal(err)
	}
	dms := e.peer.DMs(alice.ID)
	if len(dms) != 1 || dms[0].SenderID != me.ID || out.RemoteID != "dm:"+dms[0].ID || out.Kind != core.ItemXDM ||
		len(out.ThreadRefs) != 1 || out.ThreadRefs[0] != "dm-with:"+alice.ID {
		t.Errorf("sent %+v; X has %+v", out, dms)
	}
	_, err = e.conn.Message(ctx, toCorp, "Hello", "dm-2")
	re := core.AsRemote(err)
	if re == nil || re.Problem != core.ProblemDenied || errors.Is(err, core.ErrUnknownOutcome) ||
		re.Message != "@gamenewsdaily does not accept direct messages from you on X" {
		t.Errorf("refused DM: %v; want a definite refusal in words", err)
	}
	if n := len(e.peer.DMs(bigcorp.ID)); n != 0 {
		t.Errorf("gamenewsdaily got %d DMs", n)
	}

	reset := e.clock.now().Add(9 * time.Minute)
	e.peer.Inject(xpeer.Fault{Route: xpeer.RouteDMSend, Status: 429, Reset: reset, Times: 1})
	_, err = e.conn.Message(ctx, toAlice, "One more thing", "dm-3")
	if re := core.AsRemote(err); re == nil || re.Problem != core.ProblemRateLimit || !re.RetryAt.Equal(reset) || errors.Is(err, core.ErrUnknownOutcome) {
		t.Errorf("rate limited: %v; want a wait until %v", err, reset)
	}
	if n := len(e.peer.DMs(alice.ID)); n != 1 {
		t.Errorf("alice has %d DMs after the rate limit, want 1", n)
	}
}

// TestDirectMessageLostAnswerIsFound: X got the DM but the answer was
// lost: the outcome is unknown, and the check finds the message by its
// text, so nothing is sent twice.
func TestDirectMessageLostAnswerIsFound(t *testing.T) {
	lose := &loseAnswer{next: http.DefaultTransport.(*http.Transport).Clone()}
	e := newEnv(t, core.XAPIv2, func(o *Options) { o.Transport = lose })
	ctx := context.Background()
	q := e.tweet(alice, "@hearth_game is the beta open?", "")
	e.mustSync()
	to := e.sess.items[q]
	text := "Yes! Here is your invite & a link: https://example.org/beta"
	if _, found, err := e.conn.FindMessage(ctx, to, text, "k"); err != nil || found {
		t.Fatalf("before sending: found=%v err=%v", found, err)
	}
	lose.mu.Lock()
	lose.suffix = "/messages"
	lose.mu.Unlock()
	_, err := e.conn.Message(ctx, to, text, "k")
	if !errors.Is(err, core.ErrUnknownOutcome) {
		t.Fatalf("lost answer: %v; want an unknown outcome", err)
	}
	got, found, err := e.conn.FindMessage(ctx, to, text, "k")
	dms := e.peer.DMs(alice.ID)
	if err != nil || !found || len(dms) != 1 || got.RemoteID != "dm:"+dms[0].ID {
		t.Errorf("check: %+v, %v, %v; X has %d DMs", got, found, err, len(dms))
	}
	if _, found, _ := e.conn.FindMessage(ctx, to, "another text", "k2"); found {
		t.Error("FindMessage matched another text")
	}
}
