package vk

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/media/mp4test"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// withVideo is a post with a picture and a video (VK takes both on one
// post), the video's alt text its description.
func withVideo(t *testing.T, key string) core.Publication {
	t.Helper()
	path := mp4test.Write(t, t.TempDir(), "final.mov", mp4test.Clip{Duration: 3 * time.Minute, QuickTime: true, Audio: true, Bytes: 200 << 10})
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return core.Publication{Key: key, Text: "Финал турнира", Since: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
		Images: []core.PublishImage{
			{Name: "hall.png", Type: "image/png", Data: pngOf(t, color.RGBA{200, 60, 60, 255})},
			{Name: "final.mov", Type: "video/quicktime", Video: true, Path: path, Size: fi.Size(), Alt: "Последний ход финала"},
		}}
}

// video.save with the file's name and the alt text as description, the
// file itself in video_file, then wall.post with the photo and the video;
// the video's attachment recorded before the post, and the post found
// again by it.
func TestPublishWithVideo(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	u := &uploads{rec: map[int][]string{}}
	pub := withVideo(t, "video-1")
	res, err := e.conn.Publish(context.Background(), u.publication(pub))
	if err != nil {
		t.Fatal(err)
	}
	posts := e.peer.Posts()
	if len(posts) != 1 || len(posts[0].Attachments) != 2 {
		t.Fatalf("peer posts %+v, want one post with a photo and a video", posts)
	}
	var v vkpeer.Video
	for _, got := range e.peer.Videos() {
		v = got
	}
	want := fmt.Sprintf("video%d_%d", v.OwnerID, v.ID)
	if posts[0].Attachments[1] != want || v.Title != "final" || v.Description != "Последний ход финала" ||
		v.Type != "video/quicktime" || int64(v.Size) != pub.Images[1].Size {
		t.Errorf("attached %q, video %+v; want %s named final with its description, the whole MOV", posts[0].Attachments, v, want)
	}
	if r := u.rec[1]; len(r) != 1 || r[0] != want {
		t.Errorf("the video recorded %q, want its attachment", r)
	}
	// The video first: the crash check matches the post by it.
	pub.Images = pub.Images[1:]
	pub.Images[0].Upload = want
	if found, ok, err := e.conn.FindPublished(context.Background(), pub); err != nil || !ok || found.RemoteID != res.RemoteID {
		t.Errorf("FindPublished = %+v %v %v, want the post found by its text and video", found, ok, err)
	}
}

// A failure at each step is retried from where it stopped: the video is
// uploaded once when its upload went through, the post is made once. A
// failure before wall.post is NotPosted; one of wall.post is not.
func TestPublishVideoRetriesAfterEachStep(t *testing.T) {
	cases := []struct {
		step      string
		method    string
		fault     vkpeer.Fault
		notPosted bool
		saves     int // video.save calls in all
	}{
		{"video.save", "video.save", vkpeer.Fault{Code: 10}, true, 2},
		{"upload", "video upload", vkpeer.Fault{HTML: true, HTTPStatus: 502}, true, 2},
		{"post", "wall.post", vkpeer.Fault{HTML: true, HTTPStatus: 502}, false, 1},
	}
	for _, c := range cases {
		t.Run(c.step, func(t *testing.T) {
			e := newEnv(t, core.VKSettings{})
			u := &uploads{rec: map[int][]string{}}
			ctx := context.Background()
			e.peer.Fail(c.method, c.fault)
			pub := withVideo(t, "retry-"+c.step)
			_, err := e.conn.Publish(ctx, u.publication(pub))
			if err == nil || errors.Is(err, core.ErrNotPosted) != c.notPosted {
				t.Fatalf("first attempt: %v; want a failure, not posted %v", err, c.notPosted)
			}
			if _, err := e.conn.Publish(ctx, u.publication(pub)); err != nil {
				t.Fatalf("retry: %v", err)
			}
			if n := e.peer.VideoUploads(); n != 1 {
				t.Errorf("%d video files uploaded, want one", n)
			}
			if n := e.peer.Calls("video.save"); n != c.saves {
				t.Errorf("%d video.save calls, want %d", n, c.saves)
			}
			if posts := e.peer.Posts(); len(posts) != 1 || len(posts[0].Attachments) != 2 || !strings.HasPrefix(posts[0].Attachments[1], "video") {
				t.Errorf("peer posts %+v, want one post with the photo and the video", posts)
			}
		})
	}
}

// A file the upload server takes no video from is a failure for a
// person, nothing posted.
func TestPublishVideoRefused(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	path := t.TempDir() + "/notes.mp4"
	os.WriteFile(path, []byte("not a video at all"), 0o600)
	pub := core.Publication{Key: "bad", Text: "x", Images: []core.PublishImage{{Name: "notes.mp4", Type: "video/mp4", Video: true, Path: path, Size: 18}}}
	_, err := e.conn.Publish(context.Background(), pub)
	var re *core.RemoteError
	if !errors.As(err, &re) || re.Problem != core.ProblemConfig || !strings.Contains(err.Error(), "VK refused the video notes.mp4") {
		t.Errorf("publish: %v; want VK's refusal for a person", err)
	}
	if len(e.peer.Posts()) != 0 {
		t.Error("posted without the video")
	}
}
