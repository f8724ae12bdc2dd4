package x

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

func (e *env) item(id string) core.Item {
	e.t.Helper()
	it, ok := e.sess.items[id]
	if !ok {
		e.t.Fatalf("item %s not synced", id)
	}
	return it
}

func TestReplyAnswersTheMentionOnceAndIsFoundAgain(t *testing.T) {
	for _, ver := range versions {
		t.Run("v"+string(ver), func(t *testing.T) {
			e := newEnv(t, ver)
			q := e.tweet(alice, "@hearth_game is co-op coming?", "")
			other := e.tweet(bigcorp, "@hearth_game servers down", "")
			e.mustSync()
			ctx := context.Background()
			text := "@alice_m Yes, co-op lands in March & we'll share details soon: https://hearth.example/coop"
			id, err := e.conn.Reply(ctx, e.item(q), core.Reply{Text: text}, "key-1")
			if err != nil {
				t.Fatal(err)
			}
			got, ok := e.peer.Tweet(id)
			if !ok || got.InReplyTo != q || got.Text != text || got.AuthorID != me.ID {
				t.Fatalf("posted %+v, want our reply to %s", got, q)
			}
			for _, c := range []struct {
				conn *Conn
				to   string
				want bool
			}{{e.conn, q, true}, {e.conn, other, false}, {e.open(testKeys), q, true}} {
				ok, err := c.conn.Delivered(ctx, e.item(c.to), "key-1")
				if err != nil || ok != c.want {
					t.Errorf("Delivered(%s) = %v, %v; want %v", c.to, ok, err, c.want)
				}
			}
		})
	}
}

// TestReplyLostAnswerIsUnknownOutcome: the reply went out but the answer
// did not come back; the outbox must check, not resend.
func TestReplyLostAnswerIsUnknownOutcome(t *testing.T) {
	e := newEnv(t, core.XAPIv2, func(o *Options) { o.Timeout = 200 * time.Millisecond })
	q := e.tweet(alice, "@hearth_game ping", "")
	e.mustSync()
	e.peer.Inject(xpeer.Fault{Route: xpeer.RouteCreate, Delay: time.Second, Times: 1})
	_, err := e.conn.Reply(context.Background(), e.item(q), core.Reply{Text: "@alice_m pong"}, "key-2")
	if !errors.Is(err, core.ErrUnknownOutcome) {
		t.Fatalf("Reply = %v, want an unknown outcome", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(e.peer.ByAuthor(me.ID)) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // the peer finishes the slow request
	}
	if ok, err := e.conn.Delivered(context.Background(), e.item(q), "key-2"); err != nil || !ok {
		t.Errorf("Delivered = %v, %v; want true: the reply did go out", ok, err)
	}
}

func TestReplyRefusedIsNotUnknown(t *testing.T) {
	e := newEnv(t, core.XAPIv2)
	q := e.tweet(alice, "@hearth_game ping", "")
	e.mustSync()
	e.peer.Inject(xpeer.Fault{Route: xpeer.RouteCreate, Status: 401})
	_, err := e.conn.Reply(context.Background(), e.item(q), core.Reply{Text: "@alice_m pong"}, "key-3")
	if errors.Is(err, core.ErrUnknownOutcome) || core.AsRemote(err) == nil || core.AsRemote(err).Problem != core.ProblemAuth {
		t.Errorf("Reply with revoked keys = %v, want a plain auth failure", err)
	}
}

func TestHideAndUnhideAReply(t *testing.T) {
	e := newEnv(t, core.XAPIv2)
	root := e.tweet(me, "Patch notes are out", "")
	spam := e.tweet(bigcorp, "@hearth_game BUY FOLLOWERS cheap", root)
	plain := e.tweet(alice, "@hearth_game just a mention", "")
	e.mustSync()
	ctx := context.Background()
	if err := e.conn.Moderate(ctx, e.item(spam), core.ModAction{Kind: core.ModHide}); err != nil {
		t.Fatal(err)
	}
	if tw, _ := e.peer.Tweet(spam); !tw.Hidden {
		t.Fatal("reply not hidden on X")
	}
	if err := e.conn.Moderate(ctx, e.item(spam), core.ModAction{Kind: core.ModUnhide}); err != nil {
		t.Fatal(err)
	}
	if tw, _ := e.peer.Tweet(spam); tw.Hidden {
		t.Fatal("reply still hidden after unhide")
	}
	err := e.conn.Moderate(ctx, e.item(plain), core.ModAction{Kind: core.ModHide})
	if re := core.AsRemote(err); re == nil || re.Problem != core.ProblemDenied || !strings.Contains(re.Message, "not authored by you") {
		t.Errorf("hiding a mention that answers nobody's post = %v, want X's refusal", err)
	}
	// X's refusals are Words, for the window to say in its language.
	for _, k := range []core.ModKind{core.ModDelete, core.ModRestore, core.ModBan, core.ModUnban} {
		err := e.conn.Moderate(ctx, e.item(spam), core.ModAction{Kind: k})
		if re := core.AsRemote(err); !errors.Is(err, core.ErrUnsupported) || re == nil || re.Words == nil || !strings.Contains(re.Message, string(k)) {
			t.Errorf("%s = %v, want an unsupported refusal in Words that names it", k, err)
		}
	}
}

func TestHideOnV11SaysItCannot(t *testing.T) {
	e := newEnv(t, core.XAPIv11)
	root := e.tweet(me, "Patch notes", "")
	r := e.tweet(bigcorp, "@hearth_game spam", root)
	e.mustSync()
	err := e.conn.Moderate(context.Background(), e.item(r), core.ModAction{Kind: core.ModHide})
	re := core.AsRemote(err)
	if re == nil || !re.NeedsPerson() || !strings.Contains(re.Message, "v1.1 cannot hide") {
		t.Fatalf("v1.1 hide = %v, want a plain refusal a person acts on", err)
	}
	if len(e.requests("hidden")) != 0 {
		t.Error("v1.1 sent a hide request")
	}
}

func TestPublishAndFindAfterACrash(t *testing.T) {
	for _, ver := range versions {
		t.Run("v"+string(ver), func(t *testing.T) {
			e := newEnv(t, ver)
			ctx := context.Background()
			since := e.clock.now()
			p := core.Publication{Key: "post-1", Text: "Meetup in Lyon on Saturday & a new map: https://hearth.example/maps", Since: since}
			if _, ok, err := e.conn.FindPublished(ctx, p); err != nil || ok {
				t.Fatalf("FindPublished before publishing = %v, %v", ok, err)
			}
			pub, err := e.conn.Publish(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			tw, ok := e.peer.Tweet(pub.RemoteID)
			if !ok || tw.Text != p.Text || tw.InReplyTo != "" {
				t.Fatalf("posted %+v", tw)
			}
			if pub.URL != "https://x.com/hearth_game/status/"+pub.RemoteID || pub.At.IsZero() {
				t.Errorf("published %+v", pub)
			}
			found, ok, err := e.open(testKeys).FindPublished(ctx, p)
			if err != nil || !ok || found.RemoteID != pub.RemoteID {
				t.Errorf("FindPublished after a restart = %+v, %v, %v; want %s", found, ok, err, pub.RemoteID)
			}
			other := core.Publication{Text: "Another post", Since: since}
			if _, ok, _ := e.conn.FindPublished(ctx, other); ok {
				t.Error("FindPublished matched a different text")
			}
		})
	}
}

func TestPublishRefusesWhatXCannotDo(t *testing.T) {
	e := newEnv(t, core.XAPIv2)
	ctx := context.Background()
	for _, p := range []core.Publication{
		{Text: "next week", PublishAt: e.clock.now().Add(7 * 24 * time.Hour)},
	} {
		_, err := e.conn.Publish(ctx, p)
		if re := core.AsRemote(err); re == nil || !re.NeedsPerson() || !errors.Is(err, core.ErrUnsupported) {
			t.Errorf("Publish(%q) = %v, want a refusal for good", p.Text, err)
		}
	}
	if len(e.peer.ByAuthor(me.ID)) != 0 {
		t.Error("a refused publication reached X")
	}
}

// After a restart the outbox knows the reply's text but the connection does
// not: FindReply matches the text and names the post that was made.
func TestFindReplyAfterARestartNamesThePost(t *testing.T) {
	e := newEnv(t, core.XAPIv2)
	q := e.tweet(alice, "@hearth_game when is the next patch?", "")
	e.mustSync()
	ctx := context.Background()
	id, err := e.conn.Reply(ctx, e.item(q), core.Reply{Text: "@alice_m Friday & a hotfix"}, "key-9")
	if err != nil {
		t.Fatal(err)
	}
	fresh := e.open(testKeys)
	got, found, err := fresh.FindReply(ctx, e.item(q), core.Reply{Text: "@alice_m Friday & a hotfix"}, "key-9")
	if err != nil || !found || got != id {
		t.Errorf("FindReply = %q, %v, %v; want %q found", got, found, err, id)
	}
	if _, found, _ := fresh.FindReply(ctx, e.item(q), core.Reply{Text: "something else"}, "key-10"); found {
		t.Error("a reply with another text was taken for this one")
	}
}
