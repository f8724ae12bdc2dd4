package webpic

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// peer serves bodies by path and counts the requests.
func peer(t *testing.T, bodies map[string][]byte) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		b, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestFetchKeepsThePictureOnce(t *testing.T) {
	pic := pngBytes(t, 64, 48)
	srv, n := peer(t, map[string][]byte{"/photo/1.jpg": pic})
	f := New(filepath.Join(t.TempDir(), "pictures"))
	u := srv.URL + "/photo/1.jpg"
	if f.Cached(u) != "" {
		t.Fatal("a picture cached before it was fetched")
	}
	path, err := f.Fetch(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, pic) || filepath.Ext(path) != ".png" {
		t.Fatalf("cached %s (%d bytes), want the PNG as served", path, len(got))
	}
	// A second fetch, and a new Fetcher on the same folder (the next
	// start), read the disk: the peer is asked once.
	for _, g := range []*Fetcher{f, New(f.Dir)} {
		if p, err := g.Fetch(context.Background(), u); err != nil || p != path || g.Cached(u) != path {
			t.Fatalf("again: %s, %v; want the cached %s", p, err, path)
		}
	}
	if n.Load() != 1 {
		t.Fatalf("%d requests, want 1", n.Load())
	}
}

// An answer over the limit, or that is no picture, is refused, and
// nothing is left in the cache.
func TestFetchRefusesWhatIsNoPictureOrTooLarge(t *testing.T) {
	srv, _ := peer(t, map[string][]byte{
		"/big.png":  pngBytes(t, 800, 800),
		"/page":     []byte("<html><body>login</body></html>"),
		"/tiny.png": pngBytes(t, 4, 4),
	})
	for _, tc := range []struct {
		path string
		ok   bool
		is   error
	}{
		{"/big.png", false, ErrTooLarge},
		{"/page", false, nil},
		{"/missing.png", false, nil},
		{"/tiny.png", true, nil},
	} {
		t.Run(tc.path, func(t *testing.T) {
			dir := t.TempDir()
			f := &Fetcher{Dir: dir, MaxBytes: 2000}
			_, err := f.Fetch(context.Background(), srv.URL+tc.path)
			if (err == nil) != tc.ok || (tc.is != nil && !errors.Is(err, tc.is)) {
				t.Fatalf("err = %v, want ok %v (%v)", err, tc.ok, tc.is)
			}
			left, _ := os.ReadDir(dir)
			if want := map[bool]int{true: 1, false: 0}[tc.ok]; len(left) != want {
				t.Fatalf("%d files in the cache, want %d", len(left), want)
			}
		})
	}
	if _, err := New(t.TempDir()).Fetch(context.Background(), "file:///etc/passwd"); err == nil {
		t.Fatal("a file: address fetched")
	}
}
