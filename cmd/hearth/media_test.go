package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"log/slog"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/integrations/demo"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// writePicture writes a PNG of w x h pixels of noise (a photo's worth of
// bytes: about 4 per pixel) and returns its path.
func writePicture(t *testing.T, dir, name string, w, h int) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := mrand.New(mrand.NewPCG(uint64(w), uint64(h)))
	for i := range img.Pix {
		img.Pix[i] = uint8(r.IntN(256))
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	// Noise does not compress: deflate's search for matches was 2 CPU s of
	// the 6 MB picture under the race detector, for the same size.
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.NoCompression}).Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// postPictures adds a post due now with pictures (alt text on the first)
// on the named channels and returns what the command said on stderr.
func postPictures(t *testing.T, dir, text, accounts string, pics ...string) string {
	t.Helper()
	args := []string{"--data", dir, "--secrets", "file", "posts", "add", "--text", text, "--account", accounts,
		"--at", time.Now().UTC().Format(core.WallLayout), "--zone", "UTC", "--media", strings.Join(pics, ","),
		"--alt", "The hall before the game"}
	code, out, errs := cli(t, "", args...)
	if code != 0 {
		t.Fatalf("posts add: exit %d\n%s%s", code, out, errs)
	}
	return errs
}

// checkPictures asserts that text is on each peer once with n pictures,
// the first carrying the alt text, and that each peer took n uploads.
func checkPictures(t *testing.T, vk *demo.VKPeer, x *demo.XPeer, text string, n int, alt string) {
	t.Helper()
	var onVK []vkpeer.Post
	for _, p := range vk.Server().Posts() {
		if p.Text == text {
			onVK = append(onVK, p)
		}
	}
	var onX []xpeer.Tweet
	for _, tw := range x.Server().Tweets() {
		if tw.Text == text {
			onX = append(onX, tw)
		}
	}
	if len(onVK) != 1 || len(onX) != 1 {
		t.Fatalf("%q is on VK %d times and on X %d times, want once each", text, len(onVK), len(onX))
	}
	if len(onVK[0].Attachments) != n || len(onX[0].MediaIDs) != n {
		t.Errorf("VK post has %d photos, X post %d pictures; want %d each", len(onVK[0].Attachments), len(onX[0].MediaIDs), n)
	}
	if got := vk.Server().Uploads(); got != n {
		t.Errorf("VK took %d uploads, want each picture once (%d)", got, n)
	}
	if got := x.Server().Started(); got != n {
		t.Errorf("X began %d uploads, want each picture once (%d)", got, n)
	}
	var caption string
	for _, ph := range vk.Server().Photos() {
		if onVK[0].Attachments[0] == fmt.Sprintf("photo%d_%d", ph.OwnerID, ph.ID) {
			caption = ph.Caption
		}
	}
	m, _ := x.Server().MediaByID(onX[0].MediaIDs[0])
	if caption != alt || m.Alt != alt {
		t.Errorf("alt text: VK caption %q, X alt %q; want %q", caption, m.Alt, alt)
	}
}

// `sync --once` publishes a post with pictures to VK (wall upload flow)
// and X (media upload): a photo too large for X is re-encoded (said by
// posts add), each picture uploaded once, the alt text on both.
func TestSyncOncePublishesPictures(t *testing.T) {
	t.Parallel()
	dir, vk, x, vkName, xName := publishingWorkspace(t)
	small := writePicture(t, dir, "hall.png", 64, 48)
	big := writePicture(t, dir, "board.png", 1400, 1400) // about 7.8 MB: over X's 5 MB
	text := "Photos from Saturday's meetup"
	errs := postPictures(t, dir, text, vkName+","+xName, small, big)
	if !strings.Contains(errs, "board.png is re-encoded for "+xName) {
		t.Errorf("posts add said %q, want a note that board.png is re-encoded for X", errs)
	}
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync --once: exit %d\n%s%s", code, out, errs)
	}
	checkPictures(t, vk, x, text, 2, "The hall before the game")
	var big5 int
	for _, tw := range x.Server().Tweets() {
		for _, id := range tw.MediaIDs {
			if m, _ := x.Server().MediaByID(id); m.Size > big5 {
				big5 = m.Size
			}
		}
	}
	if big5 > 5<<20 || big5 == 0 {
		t.Errorf("the largest picture on X is %d bytes, want it re-encoded under 5 MB", big5)
	}
}

// A failure at each step of the uploads, through the publishing engine
// and the store: the post goes out once, later, and no picture is
// uploaded twice. A failed post call (an unknown outcome) is checked,
// found absent, retried by a person, and still uploads nothing again.
func TestPictureRetriesThroughTheEngine(t *testing.T) {
	t.Parallel()
	cases := []struct {
		step   string
		inject func(vk *vkpeer.Peer, x *xpeer.Server)
		person bool // the target ends "not confirmed": a person retries
	}{
		{"VK upload server and X simple upload", func(vk *vkpeer.Peer, x *xpeer.Server) {
			vk.Fail("photos.getWallUploadServer", vkpeer.Fault{}, vkpeer.Fault{Code: 10})
			x.Inject(xpeer.Fault{Route: xpeer.RouteUpload11, Status: 503, Times: 1})
		}, false},
		{"VK upload", func(vk *vkpeer.Peer, _ *xpeer.Server) {
			vk.Fail("upload", vkpeer.Fault{}, vkpeer.Fault{HTML: true, HTTPStatus: 502})
		}, false},
		{"VK save and X alt text", func(vk *vkpeer.Peer, x *xpeer.Server) {
			vk.Fail("photos.saveWallPhoto", vkpeer.Fault{}, vkpeer.Fault{Code: 10})
			x.Inject(xpeer.Fault{Route: xpeer.RouteMetadata11, Status: 503, Times: 1})
		}, false},
		{"the post itself", func(vk *vkpeer.Peer, x *xpeer.Server) {
			vk.Fail("wall.post", vkpeer.Fault{HTML: true, HTTPStatus: 502})
			x.Inject(xpeer.Fault{Route: xpeer.RouteCreate, HTML: true, Status: 502, Times: 1})
		}, true},
	}
	for _, c := range cases {
		t.Run(c.step, func(t *testing.T) {
			dir, vk, x, vkName, xName := publishingWorkspace(t)
			text := "Retry at " + c.step
			postPictures(t, dir, text, vkName+","+xName, writePicture(t, dir, "a.png", 40, 30), writePicture(t, dir, "b.png", 50, 40))
			c.inject(vk.Server(), x.Server())
			publishThroughEngine(t, dir, c.person)
			checkPictures(t, vk, x, text, 2, "The hall before the game")
		})
	}
}

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// A process killed after the pictures were uploaded and while the post
// call is on its way: the next run finds the outcome unknown, checks the
// channel (absent: the post never arrived), a person retries, and the
// post goes out once with the pictures uploaded the first time.
func TestKilledBetweenUploadAndPost(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("spawns processes")
	}
	for _, ch := range []string{"vk", "x"} {
		t.Run(ch, func(t *testing.T) {
			dir, vk, x, vkName, xName := publishingWorkspace(t)
			account, inPost := vkName, func() bool { return vk.Server().Calls("wall.post") > 0 }
			vk.Server().Fail("wall.post", vkpeer.Fault{Delay: time.Hour}) // held until the kill
			if ch == "x" {
				account = xName
				inPost = func() bool {
					return slices.ContainsFunc(x.Server().Requests(), func(r string) bool { return strings.HasPrefix(r, "POST /2/tweets") })
				}
				x.Server().Inject(xpeer.Fault{Route: xpeer.RouteCreate, Delay: time.Hour, Times: 1})
			}
			text := "Killed between the upload and the post (" + ch + ")"
			postPictures(t, dir, text, account, writePicture(t, dir, "a.png", 40, 30), writePicture(t, dir, "b.png", 50, 40))
			child := startChild(t, "TestPublishingSurvivesKills", publishChild, dir, "publishing")
			for !inPost() && !child.done() {
				time.Sleep(time.Millisecond) // polling the peer: there is no event to wait on
			}
			if !child.kill(t) {
				t.Fatal("the child finished before it was killed mid-post")
			}
			settle := func() {
				if err := startChild(t, "TestPublishingSurvivesKills", publishChild, dir, "publishing").wait(); err != nil {
					t.Fatalf("the publishing run after the kill: %v", err)
				}
			}
			settle()
			st := workspaceStore(t, dir)
			ctx := context.Background()
			failed, err := st.TargetsIn(ctx, core.TargetFailed)
			if err != nil || len(failed) != 1 || failed[0].Error != "not confirmed: check the channel, then retry" {
				t.Fatalf("after the kill: failed %+v (%v); want the target 'not confirmed'", failed, err)
			}
			if err := calendar.New(calendar.Params{Store: st}).Retry(ctx, failed[0].ID); err != nil {
				t.Fatal(err)
			}
			settle()
			uploads, posts, pictures := vk.Server().Uploads(), 0, 0
			for _, p := range vk.Server().Posts() {
				if p.Text == text {
					posts, pictures = posts+1, len(p.Attachments)
				}
			}
			if ch == "x" {
				uploads = x.Server().Started()
				for _, tw := range x.Server().Tweets() {
					if tw.Text == text {
						posts, pictures = posts+1, len(tw.MediaIDs)
					}
				}
			}
			if posts != 1 || pictures != 2 || uploads != 2 {
				t.Errorf("%d posts with %d pictures after %d uploads; want one post with both, each uploaded once", posts, pictures, uploads)
			}
		})
	}
}

// publishThroughEngine runs the publishing engine on the workspace in dir
// as the window does, three passes a backoff apart (the failure, the check
// of an unknown outcome, the retry); with person, both targets end "not
// confirmed" and a person retries them before one more pass.
func publishThroughEngine(t *testing.T, dir string, person bool) {
	t.Helper()
	w, err := openWorkspace(context.Background(), workspaceOptions{dir: dir, secretsMode: "file", log: slog.Default(), noBackups: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	clk := &testClock{t: time.Now()}
	eng := calendar.NewEngine(calendar.EngineParams{Store: w.store, Channels: w.engine, Log: w.log, Now: clk.now})
	ctx := context.Background()
	for range 3 {
		if _, err := eng.Pass(ctx); err != nil {
			t.Fatal(err)
		}
		clk.add(2 * time.Minute) // past the backoff
	}
	if !person {
		return
	}
	svc := calendar.New(calendar.Params{Store: w.store})
	failed, _ := w.store.TargetsIn(ctx, core.TargetFailed)
	if len(failed) != 2 {
		t.Fatalf("%d targets failed, want both channels 'not confirmed'", len(failed))
	}
	for _, tg := range failed {
		if err := svc.Retry(ctx, tg.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := eng.Pass(ctx); err != nil {
		t.Fatal(err)
	}
}
