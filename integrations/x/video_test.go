package x

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/media/mp4test"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// shortVideoSteps makes segments small (a test clip then goes in several)
// and X's check_after_secs a millisecond, for the test's length.
func shortVideoSteps(t *testing.T) {
	t.Helper()
	chunk, unit := videoChunkSize, checkUnit
	videoChunkSize, checkUnit = 64<<10, time.Millisecond
	t.Cleanup(func() { videoChunkSize, checkUnit = chunk, unit })
}

// clip writes a test MP4 of about 300 KB (five segments of 64 KB) and
// returns it as a publication's video.
func clip(t *testing.T, d time.Duration) core.PublishImage {
	t.Helper()
	path := mp4test.Write(t, t.TempDir(), "clip.mp4", mp4test.Clip{Duration: d, Audio: true, Bytes: 300 << 10})
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return core.PublishImage{Name: "clip.mp4", Type: "video/mp4", Video: true, Path: path, Size: fi.Size(),
		Alt: "The final, in slow motion"}
}

// A video goes chunked as tweet_video from its file (INIT with its size
// and type, APPEND per segment of at most the chunk size, FINALIZE), waits
// while X says pending then in_progress, and goes alone on the post. Each
// segment is recorded as X takes it.
func TestPublishVideo(t *testing.T) {
	shortVideoSteps(t)
	for _, ver := range []core.XAPIVersion{core.XAPIv2, core.XAPIv11} {
		t.Run(string(ver), func(t *testing.T) {
			e := newEnv(t, ver)
			r := &records{rec: map[int][]string{}, at: e.clock.now()}
			v := clip(t, 42*time.Second)
			pub := core.Publication{Key: "v", Text: "The final in 42 seconds", Since: e.clock.now(), Images: []core.PublishImage{v}}
			res, err := e.conn.Publish(context.Background(), r.publication(pub))
			if err != nil {
				t.Fatal(err)
			}
			tw, _ := e.peer.Tweet(res.RemoteID)
			if len(tw.MediaIDs) != 1 {
				t.Fatalf("post %+v, want the video", tw)
			}
			m, _ := e.peer.MediaByID(tw.MediaIDs[0])
			if m.Category != "tweet_video" || !m.Ready || m.Size != int(v.Size) || m.Duration != 42*time.Second {
				t.Errorf("the video on X: %+v; want tweet_video, processed, %d bytes, 42 s", m, v.Size)
			}
			segments := int((v.Size + 64<<10 - 1) / (64 << 10))
			if e.peer.Appended() != segments || e.peer.Started() != 1 {
				t.Errorf("%d segments after %d INITs; want %d segments once", e.peer.Appended(), e.peer.Started(), segments)
			}
			if n := len(e.requests("command=STATUS")); n != 2 {
				t.Errorf("%d STATUS checks, want 2 (pending, then in progress)", n)
			}
			if n := len(e.requests("metadata")); n != 0 {
				t.Errorf("%d alt text calls; X documents alt text for pictures and GIFs only", n)
			}
			id := tw.MediaIDs[0]
			want := []string{initPrefix + id}
			for i := 1; i <= segments; i++ {
				want = append(want, fmt.Sprintf("%s%s:%d", initPrefix, id, i))
			}
			want = append(want, finalPrefix+id, id)
			if got := strings.Join(r.rec[0], " "); got != strings.Join(want, " ") {
				t.Errorf("recorded %s\nwant     %s", got, strings.Join(want, " "))
			}
		})
	}
}

// A failure at any step of a video's upload is retried from where it
// stopped: no segment X took is sent again, one INIT, one post. A failure
// before the post is NotPosted; the post's own is not.
func TestPublishVideoRetriesAfterEachStep(t *testing.T) {
	shortVideoSteps(t)
	v := clip(t, 42*time.Second)
	segments := int((v.Size + 64<<10 - 1) / (64 << 10))
	fail := xpeer.Fault{Route: xpeer.RouteUpload11, Status: 503, Times: 1}
	cases := []struct {
		step      string
		pass      int // upload requests that go through first
		fault     xpeer.Fault
		notPosted bool
	}{
		{"INIT", 0, fail, true},
		{"the third APPEND", 3, fail, true},
		{"FINALIZE", 1 + segments, fail, true},
		{"STATUS", 0, xpeer.Fault{Route: xpeer.RouteStatus11, Status: 503, Times: 1}, true},
		{"the post", 0, xpeer.Fault{Route: xpeer.RouteCreate, HTML: true, Status: 502, Times: 1}, false},
	}
	for _, c := range cases {
		t.Run(c.step, func(t *testing.T) {
			e := newEnv(t, core.XAPIv2)
			r := &records{rec: map[int][]string{}, at: e.clock.now()}
			pub := core.Publication{Key: "r", Text: "Retry at " + c.step, Since: e.clock.now(), Images: []core.PublishImage{v}}
			if c.pass > 0 {
				e.peer.Inject(xpeer.Fault{Route: xpeer.RouteUpload11, Times: c.pass, Delay: time.Nanosecond})
			}
			e.peer.Inject(c.fault)
			ctx := context.Background()
			_, err := e.conn.Publish(ctx, r.publication(pub))
			if err == nil || errors.Is(err, core.ErrNotPosted) != c.notPosted {
				t.Fatalf("first attempt: %v; want a failure, not posted %v", err, c.notPosted)
			}
			if _, err := e.conn.Publish(ctx, r.publication(pub)); err != nil {
				t.Fatalf("retry: %v", err)
			}
			posts := e.peer.ByAuthor(me.ID)
			if len(posts) != 1 || len(posts[0].MediaIDs) != 1 {
				t.Fatalf("posts %+v, want one post with the video", posts)
			}
			if e.peer.Started() != 1 || e.peer.Uploads() != 1 || e.peer.Appended() != segments {
				t.Errorf("%d INITs, %d finalized, %d segments; want the video once: 1, 1, %d",
					e.peer.Started(), e.peer.Uploads(), e.peer.Appended(), segments)
			}
		})
	}
}

// A video X cannot process is a clear failure for a person, before any
// post; a retry asks again rather than uploading the same file.
func TestPublishVideoProcessingFails(t *testing.T) {
	shortVideoSteps(t)
	e := newEnv(t, core.XAPIv2)
	e.peer.FailProcessing("Unsupported video format")
	pub := core.Publication{Key: "f", Text: "Broken", Images: []core.PublishImage{clip(t, 10*time.Second)}}
	_, err := e.conn.Publish(context.Background(), pub)
	var re *core.RemoteError
	if !errors.As(err, &re) || re.Problem != core.ProblemConfig || !errors.Is(err, core.ErrNotPosted) ||
		!strings.Contains(err.Error(), "X could not process the video clip.mp4: Unsupported video format") {
		t.Fatalf("publish: %v; want X's reason, for a person, nothing posted", err)
	}
	if len(e.peer.ByAuthor(me.ID)) != 0 {
		t.Error("a post went out without its video")
	}
}

// An upload that was finalized when the last attempt stopped (killed
// while X processed it) is asked about, not sent again.
func TestPublishVideoResumesProcessing(t *testing.T) {
	shortVideoSteps(t)
	e := newEnv(t, core.XAPIv2)
	r := &records{rec: map[int][]string{}, at: e.clock.now()}
	v := clip(t, 20*time.Second)
	pub := core.Publication{Key: "p", Text: "Resumed", Since: e.clock.now(), Images: []core.PublishImage{v}}
	// The first attempt stops at its first STATUS, as a killed one would.
	ctx, cancel := context.WithCancel(context.Background())
	e.peer.Inject(xpeer.Fault{Route: xpeer.RouteStatus11, Delay: time.Hour, Times: 1})
	go func() {
		for len(e.requests("command=STATUS")) == 0 {
			time.Sleep(time.Millisecond) // polling the peer: there is no event to wait on
		}
		cancel()
	}()
	if _, err := e.conn.Publish(ctx, r.publication(pub)); err == nil {
		t.Fatal("the stopped attempt posted")
	}
	if l := r.rec[0]; len(l) == 0 || !strings.HasPrefix(l[len(l)-1], finalPrefix) {
		t.Fatalf("recorded %q, want the finalized upload last", l)
	}
	if _, err := e.conn.Publish(context.Background(), r.publication(pub)); err != nil {
		t.Fatal(err)
	}
	if e.peer.Started() != 1 || len(e.peer.ByAuthor(me.ID)) != 1 {
		t.Errorf("%d uploads started, %d posts; want one of each", e.peer.Started(), len(e.peer.ByAuthor(me.ID)))
	}
}
