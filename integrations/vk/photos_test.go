package vk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// pngOf draws a small picture of one colour.
func pngOf(t *testing.T, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 32, 24))
	for y := range 24 {
		for x := range 32 {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// uploads keeps what Publish recorded of each picture, as the calendar's
// store does, and hands it to the next attempt.
type uploads struct{ rec map[int][]string }

func (u *uploads) publication(base core.Publication) core.Publication {
	pub := base
	pub.Images = append([]core.PublishImage(nil), base.Images...)
	for i := range pub.Images {
		if r := u.rec[i]; len(r) > 0 {
			pub.Images[i].Upload = r[len(r)-1]
		}
	}
	pub.Uploaded = func(_ context.Context, i int, up string) error {
		u.rec[i] = append(u.rec[i], up)
		return nil
	}
	return pub
}

func twoPictures(t *testing.T, key string) core.Publication {
	return core.Publication{Key: key, Text: "Фото со встречи", Since: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
		Images: []core.PublishImage{
			{Name: "hall.png", Type: "image/png", Data: pngOf(t, color.RGBA{200, 60, 60, 255}), Alt: "Зал перед началом игры"},
			{Name: "board.png", Type: "image/png", Data: pngOf(t, color.RGBA{60, 60, 200, 255})},
		}}
}

// The wall upload flow: each picture uploaded, saved with its alt text as
// the caption, and attached to the one post; each step recorded.
func TestPublishWithPictures(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	u := &uploads{rec: map[int][]string{}}
	res, err := e.conn.Publish(context.Background(), u.publication(twoPictures(t, "pics-1")))
	if err != nil {
		t.Fatal(err)
	}
	posts := e.peer.Posts()
	if len(posts) != 1 || len(posts[0].Attachments) != 2 || posts[0].Text != "Фото со встречи" {
		t.Fatalf("peer posts %+v, want one post with two photos", posts)
	}
	photos := e.peer.Photos()
	var captions []string
	for _, att := range posts[0].Attachments {
		for _, ph := range photos {
			if att == fmt.Sprintf("photo%d_%d", ph.OwnerID, ph.ID) {
				captions = append(captions, ph.Caption)
			}
		}
	}
	if len(captions) != 2 || captions[0] != "Зал перед началом игры" || captions[1] != "" {
		t.Errorf("captions %q, want the alt text on the first photo only", captions)
	}
	for i := range 2 {
		if r := u.rec[i]; len(r) != 2 || !strings.HasPrefix(r[0], "uploaded:") || r[1] != posts[0].Attachments[i] {
			t.Errorf("picture %d recorded %q, want the upload then its attachment", i, r)
		}
	}
	if res.RemoteID != pRID(posts[0].ID) {
		t.Errorf("published %+v", res)
	}
	found, ok, err := e.conn.FindPublished(context.Background(), u.publication(twoPictures(t, "pics-1")))
	if err != nil || !ok || found.RemoteID != res.RemoteID {
		t.Errorf("FindPublished = %+v %v %v, want the post found by its text and photo", found, ok, err)
	}
}

// A failure at any step is retried from where it stopped: no picture is
// uploaded twice, the post is made once. A failure before wall.post is
// NotPosted (no post can exist); one of wall.post itself is not.
func TestPublishRetriesAfterEachStep(t *testing.T) {
	cases := []struct {
		step      string
		method    string
		fault     vkpeer.Fault
		notPosted bool
	}{
		{"upload server", "photos.getWallUploadServer", vkpeer.Fault{Code: 10}, true},
		{"upload", "upload", vkpeer.Fault{HTML: true, HTTPStatus: 502}, true},
		{"save", "photos.saveWallPhoto", vkpeer.Fault{Code: 10}, true},
		{"post", "wall.post", vkpeer.Fault{HTML: true, HTTPStatus: 502}, false},
	}
	for _, c := range cases {
		t.Run(c.step, func(t *testing.T) {
			e := newEnv(t, core.VKSettings{})
			u := &uploads{rec: map[int][]string{}}
			ctx := context.Background()
			// The second picture's step fails (the post's one call).
			if c.method != "wall.post" {
				e.peer.Fail(c.method, vkpeer.Fault{})
			}
			e.peer.Fail(c.method, c.fault)
			_, err := e.conn.Publish(ctx, u.publication(twoPictures(t, "retry-"+c.step)))
			if err == nil || errors.Is(err, core.ErrNotPosted) != c.notPosted {
				t.Fatalf("first attempt: %v; want a failure, not posted %v", err, c.notPosted)
			}
			if _, err := e.conn.Publish(ctx, u.publication(twoPictures(t, "retry-"+c.step))); err != nil {
				t.Fatalf("retry: %v", err)
			}
			if n := e.peer.Uploads(); n != 2 {
				t.Errorf("%d files uploaded, want the two pictures once each", n)
			}
			if posts := e.peer.Posts(); len(posts) != 1 || len(posts[0].Attachments) != 2 {
				t.Errorf("peer posts %+v, want one post with both photos", posts)
			}
		})
	}
}

// An upload recorded long ago whose hash VK no longer takes is uploaded
// anew rather than failing the post for good.
func TestPublishReuploadsAnExpiredUpload(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	pub := twoPictures(t, "expired")
	pub.Images = pub.Images[:1]
	pub.Images[0].Upload = `uploaded:{"hash":"stale","photo":"[{\"photo\":\"u9\"}]","server":1}`
	if _, err := e.conn.Publish(context.Background(), pub); err != nil {
		t.Fatal(err)
	}
	if posts := e.peer.Posts(); len(posts) != 1 || len(posts[0].Attachments) != 1 || e.peer.Uploads() != 1 {
		t.Errorf("posts %+v after %d uploads, want one post with the picture uploaded anew", posts, e.peer.Uploads())
	}
}
