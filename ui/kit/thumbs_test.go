package kit

import (
	"context"
	"errors"
	"image"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"
)

// thumbEnv runs Background work for real and queues what it hands back,
// as the window's event loop would, until the test drains it.
func thumbEnv(t *testing.T) (*Env, func()) {
	t.Helper()
	q := make(chan func(), 64)
	e := &Env{Ctx: context.Background(), Do: func(f func()) { q <- f }, Log: slog.New(slog.DiscardHandler)}
	// Background queues its result and only then counts itself done, so
	// drain must not block on the queue while work is pending: the last
	// result may already be run and nothing more will come.
	drain := func() {
		for {
			select {
			case f := <-q:
				f()
			default:
				if e.Idle() && len(q) == 0 {
					return
				}
				time.Sleep(time.Millisecond)
			}
		}
	}
	return e, drain
}

// A picture asked for by several parts of a screen at once is decoded
// once; a known one is answered at once; an unreadable one is not decoded
// again; no more than max are kept.
func TestThumbsDecodeOnceAndStayBounded(t *testing.T) {
	e, drain := thumbEnv(t)
	th := NewThumbs(e, 8, 2)
	var loads atomic.Int32
	load := func(context.Context) (image.Image, error) {
		loads.Add(1)
		return image.NewRGBA(image.Rect(0, 0, 8, 8)), nil
	}
	var got []image.Image
	for range 3 {
		if _, ok := th.Get("a", load, func(img image.Image) { got = append(got, img) }); ok {
			t.Fatal("a thumbnail known before it was decoded")
		}
	}
	drain()
	if loads.Load() != 1 || len(got) != 3 || got[0] == nil {
		t.Fatalf("%d decodes and %d answers, want one decode answering the three who asked", loads.Load(), len(got))
	}
	if img, ok := th.Get("a", load, nil); !ok || img == nil {
		t.Fatal("a decoded thumbnail not kept")
	}
	bad := func(context.Context) (image.Image, error) { loads.Add(1); return nil, errors.New("not a picture") }
	th.Get("bad", bad, nil)
	drain()
	if img, ok := th.Get("bad", bad, nil); !ok || img != nil || loads.Load() != 2 {
		t.Fatalf("an unreadable picture: known %v, image %v, %d decodes; want known as unreadable after one decode", ok, img, loads.Load())
	}
	th.Get("c", load, nil)
	drain()
	if th.Len() != 2 {
		t.Fatalf("%d thumbnails kept, want at most 2", th.Len())
	}
	if _, ok := th.Get("a", load, nil); ok {
		t.Fatal("the least recently used thumbnail was kept past the bound")
	}
}
