package imap

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// watchUntilChanged runs Watch, lets act change the mailbox once IDLE is
// under way, and fails unless changed is called within 5 s.
func watchUntilChanged(t *testing.T, c *Conn, act func()) {
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
	act()
	select {
	case <-changed:
	case err := <-done:
		t.Fatalf("watch ended before the change: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no change reported within 5 s")
	}
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

func TestWatchReportsAMessageAppendedByAnotherClient(t *testing.T) {
	p := startPeer(t, peerOptions{})
	cl := p.client(t)
	c := p.open(t, nil)
	watchUntilChanged(t, c, func() {
		appendMsg(t, cl, "INBOX", message("late@x", "Late", time.Now(), "hi"), time.Now())
	})
}

func TestWatchReportsFlagChanges(t *testing.T) {
	p := startPeer(t, peerOptions{})
	cl := p.client(t)
	uid := appendMsg(t, cl, "INBOX", message("a@x", "A", time.Now(), "a"), time.Now())
	c := p.open(t, nil)
	watchUntilChanged(t, c, func() {
		setServerSeen(t, cl, "INBOX", uid, true)
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
