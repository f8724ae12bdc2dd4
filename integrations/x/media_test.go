package x

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// picture draws a PNG of w x h pixels of noise (so its bytes are many).
func picture(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	for i := range img.Pix {
		img.Pix[i] = uint8(r.IntN(256))
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func animation(t *testing.T) []byte {
	t.Helper()
	g := &gif.GIF{}
	for i := range 3 {
		f := image.NewPaletted(image.Rect(0, 0, 16, 16), color.Palette{color.White, color.Black})
		f.Pix[i] = 1
		g.Image, g.Delay = append(g.Image, f), append(g.Delay, 10)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// records keeps what Publish recorded of each picture, as the calendar's
// store does, and hands it to the next attempt.
type records struct {
	rec map[int][]string
	at  time.Time
}

func (r *records) publication(base core.Publication) core.Publication {
	pub := base
	pub.Images = append([]core.PublishImage(nil), base.Images...)
	for i := range pub.Images {
		if l := r.rec[i]; len(l) > 0 {
			pub.Images[i].Upload, pub.Images[i].UploadedAt = l[len(l)-1], r.at
		}
	}
	pub.Uploaded = func(_ context.Context, i int, up string) error {
		r.rec[i] = append(r.rec[i], up)
		return nil
	}
	return pub
}

// A small picture goes in one upload, a larger one in chunks (INIT,
// APPEND x3, FINALIZE); both get their alt text and go on the one post,
// in both API versions.
func TestPublishWithPictures(t *testing.T) {
	defer func(n int) { chunkSize = n }(chunkSize)
	chunkSize = 400 << 10
	big := picture(t, 600, 600) // about 1.4 MB: chunked
	for _, ver := range []core.XAPIVersion{core.XAPIv2, core.XAPIv11} {
		t.Run(string(ver), func(t *testing.T) {
			e := newEnv(t, ver)
			r := &records{rec: map[int][]string{}, at: e.clock.now()}
			pub := core.Publication{Key: "k", Text: "Photos from the meetup", Since: e.clock.now(), Images: []core.PublishImage{
				{Name: "small.png", Type: "image/png", Data: picture(t, 40, 30), Alt: "The hall before the game"},
				{Name: "big.png", Type: "image/png", Data: big, Alt: "The winning board"},
			}}
			res, err := e.conn.Publish(context.Background(), r.publication(pub))
			if err != nil {
				t.Fatal(err)
			}
			tw, _ := e.peer.Tweet(res.RemoteID)
			if len(tw.MediaIDs) != 2 || e.peer.Uploads() != 2 {
				t.Fatalf("post %+v after %d uploads, want two pictures uploaded once each", tw, e.peer.Uploads())
			}
			for i, id := range tw.MediaIDs {
				m, _ := e.peer.MediaByID(id)
				if m.Alt != pub.Images[i].Alt || m.Size != len(pub.Images[i].Data) {
					t.Errorf("picture %d: %+v, want alt %q and %d bytes", i, m, pub.Images[i].Alt, len(pub.Images[i].Data))
				}
			}
			if l := r.rec[1]; len(l) != 3 || l[0] != initPrefix+tw.MediaIDs[1] || l[1] != finalPrefix+tw.MediaIDs[1] || l[2] != tw.MediaIDs[1] {
				t.Errorf("the chunked picture recorded %q, want its INIT, its FINALIZE, then its id", l)
			}
		})
	}
}

// A GIF goes chunked as tweet_gif, waits for X's processing, and goes
// alone.
func TestPublishGIF(t *testing.T) {
	e := newEnv(t, core.XAPIv2)
	pub := core.Publication{Key: "g", Text: "It moves", Images: []core.PublishImage{{Name: "dance.gif", Type: "image/gif", Data: animation(t)}}}
	res, err := e.conn.Publish(context.Background(), pub)
	if err != nil {
		t.Fatal(err)
	}
	tw, _ := e.peer.Tweet(res.RemoteID)
	m, _ := e.peer.MediaByID(tw.MediaIDs[0])
	if m.Category != "tweet_gif" || !m.Ready || len(e.requests("command=STATUS")) == 0 {
		t.Errorf("the GIF: %+v, status checks %v; want tweet_gif, processed, checked", m, e.requests("command=STATUS"))
	}
}

// A failure at any step is retried from where it stopped: no picture is
// uploaded twice and the post is made once. A failure before the post is
// NotPosted (no post can exist); the post's own failure is not.
func TestPublishRetriesAfterEachStep(t *testing.T) {
	defer func(n int) { chunkSize = n }(chunkSize)
	chunkSize = 400 << 10
	big := picture(t, 600, 600)
	cases := []struct {
		step      string
		fault     xpeer.Fault
		notPosted bool
	}{
		{"simple upload", xpeer.Fault{Route: xpeer.RouteUpload11, Status: 503, Times: 1}, true},
		// The INIT goes through; the first APPEND fails.
		{"append", xpeer.Fault{Route: xpeer.RouteUpload11, Status: 503, Times: 1}, true},
		{"alt text", xpeer.Fault{Route: xpeer.RouteMetadata11, Status: 503, Times: 1}, true},
		{"post", xpeer.Fault{Route: xpeer.RouteCreate, HTML: true, Status: 502, Times: 1}, false},
	}
	for _, c := range cases {
		t.Run(c.step, func(t *testing.T) {
			e := newEnv(t, core.XAPIv2)
			r := &records{rec: map[int][]string{}, at: e.clock.now()}
			pub := core.Publication{Key: "r", Text: "Retry " + c.step, Since: e.clock.now(), Images: []core.PublishImage{
				{Name: "small.png", Type: "image/png", Data: picture(t, 40, 30), Alt: "alt"},
				{Name: "big.png", Type: "image/png", Data: big},
			}}
			ctx := context.Background()
			if c.step == "append" {
				// The small picture and the big one's INIT pass, then the
				// first APPEND fails.
				e.peer.Inject(xpeer.Fault{Route: xpeer.RouteUpload11, Times: 2, Delay: time.Nanosecond})
			}
			e.peer.Inject(c.fault)
			_, err := e.conn.Publish(ctx, r.publication(pub))
			if err == nil || errors.Is(err, core.ErrNotPosted) != c.notPosted {
				t.Fatalf("first attempt: %v; want a failure, not posted %v", err, c.notPosted)
			}
			if _, err := e.conn.Publish(ctx, r.publication(pub)); err != nil {
				t.Fatalf("retry: %v", err)
			}
			posts := e.peer.ByAuthor(me.ID)
			if len(posts) != 1 || len(posts[0].MediaIDs) != 2 || e.peer.Uploads() != 2 {
				t.Errorf("posts %+v after %d uploads, want one post with both pictures uploaded once", posts, e.peer.Uploads())
			}
			if n := e.peer.Started(); n != 2 {
				t.Errorf("%d uploads started, want each picture's once", n)
			}
		})
	}
}

// An upload older than X keeps it is uploaded anew.
func TestPublishReuploadsAfterADay(t *testing.T) {
	e := newEnv(t, core.XAPIv2)
	pub := core.Publication{Key: "old", Text: "Late", Images: []core.PublishImage{{Name: "a.png", Type: "image/png",
		Data: picture(t, 20, 20), Upload: "1870000000000000999", UploadedAt: e.clock.now().Add(-25 * time.Hour)}}}
	if _, err := e.conn.Publish(context.Background(), pub); err != nil {
		t.Fatal(err)
	}
	if e.peer.Uploads() != 1 {
		t.Errorf("%d uploads, want the stale picture uploaded anew", e.peer.Uploads())
	}
}
