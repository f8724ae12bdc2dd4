package vk

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// watcher runs Watch on its own connection, as the engine does.
type watcher struct {
	changed chan struct{}
	done    chan error
	cancel  context.CancelFunc
	once    sync.Once
	err     error
}

func (e *env) watch() *watcher {
	ctx, cancel := context.WithCancel(context.Background())
	w := &watcher{changed: make(chan struct{}, 100), done: make(chan error, 1), cancel: cancel}
	c := e.open()
	go func() { w.done <- c.Watch(ctx, func() { w.changed <- struct{}{} }) }()
	e.t.Cleanup(func() { w.stop() })
	return w
}

func (w *watcher) stop() error {
	w.once.Do(func() {
		w.cancel()
		w.err = <-w.done
	})
	return w.err
}

// next waits for a change, then runs a pass as the engine would.
func (e *env) next(w *watcher) {
	e.t.Helper()
	select {
	case <-w.changed:
	case err := <-w.done:
		e.t.Fatalf("watch ended: %v", err)
	case <-time.After(10 * time.Second):
		e.t.Fatal("no change reported by long poll")
	}
	e.mustSync()
}

// TestLongPollEvents: new, edited, deleted and restored comments and a
// join reach the inbox through long poll, without reading the wall's
// comments again.
func TestLongPollEvents(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	p := e.post("Во что играем в пятницу?", time.Hour)
	e.mustSync()
	w := e.watch()
	waitCalls(t, e.peer, "lp", 1)
	comments := e.peer.Calls("wall.getComments")

	c := e.comment(p, chen, "Is it beginner friendly?", 0)
	e.next(w)
	if it := e.item(cRID(p, c)); it.Text != "Is it beginner friendly?" || it.Author.Name != "Chen Wu" {
		t.Errorf("pushed comment = %+v", it)
	}
	e.peer.EditComment(c, "Is it beginner friendly? (asking for my kids)")
	e.next(w)
	if it := e.item(cRID(p, c)); it.Text != "Is it beginner friendly? (asking for my kids)" {
		t.Errorf("edit not applied: %q", it.Text)
	}
	e.peer.DeleteComment(c, chen.ID)
	e.next(w)
	if !e.item(cRID(p, c)).Deleted {
		t.Error("a comment deleted on VK is not marked deleted")
	}
	e.peer.RestoreComment(c)
	e.next(w)
	if e.item(cRID(p, c)).Deleted {
		t.Error("a restored comment stays deleted")
	}
	e.peer.Join(dima.ID)
	e.next(w)
	evs, err := e.st.MembershipEvents(context.Background(), e.acct, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Kind != core.MemberJoined || evs[0].Address != "104" {
		t.Errorf("membership events = %+v, want dima's join", evs)
	}
	if id, err := e.st.Identity(context.Background(), core.IdentityVK, "104"); err != nil || id.Name != "Дмитрий Орлов" {
		t.Errorf("new member's identity = %+v, %v", id, err)
	}
	if n := e.peer.Calls("wall.getComments") - comments; n != 0 {
		t.Errorf("passes after pushed events read comments %d times: fetched twice", n)
	}
	if err := w.stop(); !errors.Is(err, context.Canceled) {
		t.Errorf("watch after cancel = %v, want context.Canceled", err)
	}
}

// TestLongPollRecovers: an expired key (failed 2) gets a new server with
// the same ts; lost history (failed 1) asks for a pass; nothing is lost.
func TestLongPollRecovers(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	p := e.post("Пост", time.Hour)
	e.mustSync()
	w := e.watch()
	waitCalls(t, e.peer, "lp", 1)
	e.peer.ExpireKey()
	c1 := e.comment(p, anna, "после смены ключа", 0)
	e.next(w)
	if _, ok := e.items()[cRID(p, c1)]; !ok {
		t.Error("the event after an expired key was lost")
	}
	if n := e.peer.Calls("groups.getLongPollServer"); n != 2 {
		t.Errorf("getLongPollServer called %d times, want 2 (start, expired key)", n)
	}
	e.peer.Fail("lp", vkpeer.Fault{LPFailed: 1})
	e.next(w) // failed 1: a pass reads by polling
	c2 := e.comment(p, chen, "after lost history", 0)
	e.next(w)
	if _, ok := e.items()[cRID(p, c2)]; !ok {
		t.Error("the event after lost history was lost")
	}
}

// TestWatchEndsOnErrorsAndWhenTurnedOff: a broken long-poll server ends
// Watch (the engine polls), and NoLongPoll says unsupported.
func TestWatchEndsOnErrorsAndWhenTurnedOff(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	e.peer.Fail("lp", vkpeer.Fault{HTML: true, HTTPStatus: 502})
	w := e.watch()
	select {
	case err := <-w.done:
		if re := core.AsRemote(err); re == nil || re.Problem != core.ProblemServer {
			t.Errorf("watch error = %v, want a server problem", err)
		}
		w.done <- err
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not end on a 502 page")
	}
	off := newEnv(t, core.VKSettings{NoLongPoll: true})
	if err := off.conn.Watch(context.Background(), func() {}); !errors.Is(err, core.ErrUnsupported) {
		t.Errorf("watch with long poll off = %v, want ErrUnsupported", err)
	}
}

// waitCalls waits until the peer has served n calls of method: the
// watcher is then listening.
func waitCalls(t *testing.T, p *vkpeer.Peer, method string, n int) {
	t.Helper()
	for range 1000 {
		if p.Calls(method) >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s was not called %d times", method, n)
}
