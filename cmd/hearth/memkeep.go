//go:build !nowindow

package main

import (
	"context"
	"log/slog"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"

	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/internal/ctrim"
	"github.com/hearthhq/hearth/internal/fynecache"
)

// keepEvery is how often the window looks at its C heap (one mallinfo2):
// often, so that after a scroll a text's texture is freed by a repaint
// within a second of expiring and its pages handed back a second later (at
// five seconds the last scroll's textures outlived their lifetime by up to
// ten).
const keepEvery = time.Second

// releaseEvery is how often SQLite's idle caches are handed back.
const releaseEvery = 5 * time.Second

// trimAbove is how much free C heap is worth a malloc_trim, and how far
// the C heap must move to count as a burst of drawing.
const trimAbove = 2 << 20

// repaintFor is how long after the C heap last moved the keeper asks for
// repaints: longer than Fyne keeps an unused text meanwhile (three
// seconds, fynecache.Settling), so the last scroll's texts are freed (and
// their going moves the heap again), and then an idle window stays idle:
// Fyne walks the window at every frame while its lifetime is that short.
const repaintFor = 6 * time.Second

// pauseAfter is how long after the C heap last grew the window still
// counts as drawing.
const pauseAfter = 2 * time.Second

// keepMemory hands back, every second while the window runs, what
// it freed but its allocators and caches keep (docs/benchmarks.md, the
// window's memory after scrolling):
//   - Fyne frees the textures of text nobody has drawn for a while
//     (internal/fynecache) only when it paints, and an idle window does not
//     paint: a repaint is asked for, a frame's work, for as long as the
//     C heap has moved lately; meanwhile that while is three seconds,
//     not eleven (fynecache.Settling), so a fast scroll's rows leave the
//     C heap soon after they leave the screen;
//   - the GL driver's C heap keeps the freed textures' pages, scattered
//     between live ones, until malloc_trim;
//   - SQLite keeps the pages a background job read or wrote in the
//     connection's cache (store.ReleaseMemory);
//   - Go's runtime returns its free heap to the OS slowly: while the
//     window draws and once it has settled after, debug.FreeOSMemory
//     collects and returns it at once (a collection a second while
//     drawing, and one after).
func keepMemory(ctx context.Context, win fyne.Window, st *store.Store, log *slog.Logger) {
	k := memoryKeeper{
		repaint:  func() { fyne.Do(func() { win.Canvas().Refresh(win.Content()) }) },
		settling: func(on bool) { fyne.Do(func() { fynecache.Settling(on) }) },
		heap:     ctrim.Heap,
		trim:     ctrim.Trim,
		release:  st.ReleaseMemory,
		freeGo:   debug.FreeOSMemory,
		log:      log,
	}
	go k.run(ctx, time.NewTicker(keepEvery).C)
}

// memoryKeeper is keepMemory's loop, with its parts replaceable in tests.
type memoryKeeper struct {
	repaint  func()
	settling func(on bool)              // Fyne's texts kept shortly while on
	heap     func() (used, free uint64) // the C heap's
	trim     func()
	release  func(context.Context) error
	freeGo   func()
	log      *slog.Logger
}

func (k memoryKeeper) run(ctx context.Context, tick <-chan time.Time) {
	var base uint64 // the C heap in use when it last counted as moved
	var drew, moved, released time.Time
	goBack := true // Go's heap went back since the last burst (none to give back before the first)
	short := false // Fyne's cache lifetime is the settling one
	for {
		var now time.Time
		var ok bool
		select {
		case <-ctx.Done():
			return
		case now, ok = <-tick:
			if !ok {
				return
			}
		}
		// What the repaint asked for at the last tick has been freed by now.
		used, free := k.heap()
		if free > trimAbove {
			k.trim()
		}
		// Against the level of the last move, not the last tick: a slow
		// scroll moves the heap a little at every tick. Growth is drawing;
		// a fall is the textures of what was drawn expiring.
		switch {
		case used > base+trimAbove:
			drew, moved, base = now, now, used
		case used+trimAbove < base:
			moved, base = now, used
		}
		if now.Sub(released) >= releaseEvery {
			released = now
			if err := k.release(ctx); err != nil && ctx.Err() == nil {
				k.log.Debug("memory: releasing SQLite's caches", "err", err)
			}
		}
		if ctx.Err() != nil {
			return // the window closed meanwhile: no frame to ask for
		}
		settling := now.Sub(moved) < repaintFor
		if settling != short {
			k.settling(settling)
			short = settling
		}
		if settling {
			k.repaint()
		}
		// Go's heap goes back at every look while the window draws (a
		// scroll's garbage: each text's pixels before they became a
		// texture, their shaping; 20 MB of Go's arenas 3 s after a fast
		// scroll at a million items) and once settled (what the expired
		// caches held).
		switch {
		case now.Sub(drew) < pauseAfter:
			k.freeGo()
			goBack = false
		case !goBack && !settling:
			k.freeGo()
			goBack = true
		}
	}
}
