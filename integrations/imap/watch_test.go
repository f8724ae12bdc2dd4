package imap

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// watchUntilChanged runs Watch, lets act change the mailbox once IDLE is
// under way, and fails unless changed is called within 5 s. act runs again
// every half second until then (with its attempt number): go-imap's memory
// server answers IDLE before it listens for updates, so a change made in
// that instant is only announced with the next one.
func watchUntilChanged(t *testing.T, c *Conn, act func(attempt int)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	idling := make(chan struct{}, 1)
	c.onIdle = func() {
		select {
		case idling <- struct{}{}:
		default:
		}
	}
	changed := make(chan struct{}, 1)
	done := make(chan error, 1)
	go func() {
		done <- c.Watch(ctx, func() {
			select {
			case changed <- struct{}{}:
			default:
			}
		})
	}()
	select {
	case <-idling:
	case err := <-done:
		t.Fatalf("watch ended before IDLE: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("not in IDLE within 5 s")
	}
	waitChanged(t, changed, done, act)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("watch ended with %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("watch did not stop after cancel")
	}
}

func waitChanged(t *testing.T, changed <-chan struct{}, done <-chan error, act func(int)) {
	t.Helper()
	again := time.NewTicker(500 * time.Millisecond)
	defer again.Stop()
	deadline := time.After(5 * time.Second)
	act(0)
	for attempt := 1; ; attempt++ {
		select {
		case <-changed:
			return
		case err := <-done:
			t.Fatalf("watch ended before the change: %v", err)
		case <-deadline:
			t.Fatal("no change reported within 5 s")
		case <-again.C:
			act(attempt)
		}
	}
}

func TestWatchReportsAMessageAppendedByAnotherClient(t *testing.T) {
	p := startPeer(t, peerOptions{})
	cl := p.client(t)
	c := p.open(t, nil)
	watchUntilChanged(t, c, func(int) {
		appendMsg(t, cl, "INBOX", message("late@x", "Late", time.Now(), "hi"), time.Now())
	})
}

func TestWatchReportsFlagChanges(t *testing.T) {
	p := startPeer(t, peerOptions{})
	cl := p.client(t)
	uid := appendMsg(t, cl, "INBOX", message("a@x", "A", time.Now(), "a"), time.Now())
	c := p.open(t, nil)
	watchUntilChanged(t, c, func(attempt int) {
		setServerSeen(t, cl, "INBOX", uid, attempt%2 == 0)
	})
}

func TestWatchWithoutIdleIsUnsupported(t *testing.T) {
	p := startPeer(t, peerOptions{hide: " IDLE"})
	c := p.open(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := c.Watch(ctx, func() {})
	if !errors.Is(err, core.ErrUnsupported) {
		t.Fatalf("watch = %v, want core.ErrUnsupported so the engine polls", err)
	}
}
