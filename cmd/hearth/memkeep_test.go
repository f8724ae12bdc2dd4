//go:build !nowindow

package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// Each tick trims the C heap when enough of it is free; SQLite's caches
// are released every few seconds; repaints (which free the textures of
// texts no longer shown) go on while the C heap moves and for a while
// after, then stop so an idle window stays idle, and meanwhile Fyne keeps
// texts nobody draws for a short while ("short", back to "long" once
// settled); Go's free heap goes back while the window draws and once
// settled. A slow drift counts as a move once it adds up.
func TestMemoryKeeperTrimsReleasesAndRepaints(t *testing.T) {
	const mb = 1 << 20
	start := time.Date(2026, 12, 6, 11, 0, 0, 0, time.UTC)
	ticks := []struct {
		at         time.Duration
		used, free uint64
		want       string // what the tick did
	}{
		{0, 40 * mb, 64 * mb, "trim release short repaint free-go"}, // scrolling
		{1 * time.Second, 60 * mb, 1 * mb, "repaint free-go"},
		{3 * time.Second, 30 * mb, 8 * mb, "trim repaint"},     // paused; what it drew expires
		{5 * time.Second, 30 * mb, 0, "release repaint"},       // still settling
		{10 * time.Second, 30 * mb, 0, "release long free-go"}, // settled: no frames
		{18 * time.Second, 30 * mb, 0, "release"},
		{19 * time.Second, 31 * mb, 0, ""}, // a megabyte is not a scroll
		{20 * time.Second, 32 * mb, 0, ""},
		{21 * time.Second, 33 * mb, 0, "short repaint free-go"}, // three since the last move: a slow scroll
		{23 * time.Second, 33 * mb, 0, "release repaint"},
		{24 * time.Second, 33 * mb, 0, "repaint"},
	}
	var did []string
	i := -1
	k := memoryKeeper{
		repaint: func() { did[i] += " repaint" },
		settling: func(on bool) {
			if on {
				did[i] += " short"
			} else {
				did[i] += " long"
			}
		},
		heap: func() (uint64, uint64) {
			i++
			did = append(did, "")
			return ticks[i].used, ticks[i].free
		},
		trim:    func() { did[i] += " trim" },
		release: func(context.Context) error { did[i] += " release"; return errors.New("busy") },
		freeGo:  func() { did[i] += " free-go" },
		log:     slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	tick := make(chan time.Time, len(ticks))
	for _, tk := range ticks {
		tick <- start.Add(tk.at)
	}
	close(tick)
	k.run(context.Background(), tick)
	if len(did) != len(ticks) {
		t.Fatalf("%d ticks handled, want %d", len(did), len(ticks))
	}
	for i, tk := range ticks {
		if got := strings.TrimSpace(did[i]); got != tk.want {
			t.Errorf("tick at %v (C heap %d MB used, %d MB free): %s, want %s", tk.at, tk.used/mb, tk.free/mb, got, tk.want)
		}
	}
}

// A window that closes while the keeper releases SQLite's caches gets no
// repaint asked of it afterwards.
func TestMemoryKeeperAsksNothingOfAClosedWindow(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tick := make(chan time.Time, 1)
	tick <- time.Now()
	repainted := false
	memoryKeeper{
		repaint:  func() { repainted = true },
		settling: func(bool) { repainted = true },
		heap:     func() (uint64, uint64) { return 64 << 20, 0 },
		trim:     func() {},
		release:  func(context.Context) error { cancel(); return context.Canceled },
		freeGo:   func() {},
		log:      slog.New(slog.NewTextHandler(io.Discard, nil)),
	}.run(ctx, tick)
	if repainted {
		t.Error("a repaint was asked of a window that had closed")
	}
}

// The loop ends with the window's context.
func TestMemoryKeeperStopsWithTheWindow(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { memoryKeeper{}.run(ctx, make(chan time.Time)); close(done) }()
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the keeper did not stop with its context")
	}
}
