package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/media/mp4test"
	"github.com/hearthhq/hearth/integrations/demo"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// `posts add --media clip.mp4` checks a video as the editor does, before
// anything is scheduled: each channel's limits, with the reason.
func TestPostsAddChecksVideo(t *testing.T) {
	t.Parallel()
	dir, _, _, vkName, xName := publishingWorkspace(t)
	clip := mp4test.Write(t, dir, "clip.mp4", mp4test.Clip{Duration: 42 * time.Second, Audio: true})
	long := mp4test.Write(t, dir, "talk.mp4", mp4test.Clip{Duration: 3 * time.Minute, Audio: true})
	hevc := mp4test.Write(t, dir, "phone.mp4", mp4test.Clip{Duration: 10 * time.Second, HEVC: true})
	pic := writePicture(t, dir, "hall.png", 40, 30)
	cases := []struct {
		name, accounts, media, want string // want "" for success
	}{
		{"a video on VK and X", vkName + "," + xName, clip, ""},
		{"3 minutes on X", vkName + "," + xName, long, "talk.mp4 lasts 3:00; " + xName + " takes videos up to 2:20"},
		{"3 minutes on VK", vkName, long, ""},
		{"HEVC on X", xName, hevc, "phone.mp4 is encoded as HEVC (H.265); " + xName + " plays H.264 video with AAC sound"},
		{"a video and a picture on X", xName, pic + "," + clip, xName + " takes a video alone"},
		{"a video and a picture on VK", vkName, pic + "," + clip, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "posts", "add", "--text", c.name,
				"--account", c.accounts, "--at", "2026-03-29T09:00", "--media", c.media)
			if c.want == "" {
				if code != 0 {
					t.Errorf("exit %d: %s%s", code, out, errs)
				}
				return
			}
			if code != 1 || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, stderr %q; want 1 saying %q", code, errs, c.want)
			}
		})
	}
}

// checkVideo asserts that text is on each peer once with the video, and
// that each took the file once.
func checkVideo(t *testing.T, vk *demo.VKPeer, x *demo.XPeer, text string, size int) {
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
	if len(onVK[0].Attachments) != 1 || !strings.HasPrefix(onVK[0].Attachments[0], "video") || len(onX[0].MediaIDs) != 1 {
		t.Errorf("VK attachments %q, X media %q; want the video on each", onVK[0].Attachments, onX[0].MediaIDs)
	}
	if n := vk.Server().VideoUploads(); n != 1 {
		t.Errorf("VK took %d video uploads, want one", n)
	}
	if n := x.Server().Started(); n != 1 {
		t.Errorf("X began %d uploads, want one", n)
	}
	if m, _ := x.Server().MediaByID(onX[0].MediaIDs[0]); m.Category != "tweet_video" || m.Size != size || !m.Ready {
		t.Errorf("X has %+v, want the whole video processed", m)
	}
	// A video.save whose upload failed leaves an empty video on VK, as on
	// the real one: the post's own is checked.
	for _, v := range vk.Server().Videos() {
		if fmt.Sprintf("video%d_%d", v.OwnerID, v.ID) == onVK[0].Attachments[0] && (v.Size != size || v.Description != "The regatta's start") {
			t.Errorf("VK has %+v, want the whole video with its description", v)
		}
	}
}

// `sync --once` publishes a post with a video to VK (video.save and its
// upload) and X (tweet_video, processed), each once; a failure at a step
// is retried by the engine without a second upload, and a failed post
// call (unknown outcome) retried by a person uploads nothing again.
func TestVideoThroughTheEngine(t *testing.T) {
	t.Parallel()
	cases := []struct {
		step   string
		inject func(vk *vkpeer.Peer, x *xpeer.Server)
		person bool
	}{
		{"no failure", func(*vkpeer.Peer, *xpeer.Server) {}, false},
		{"VK upload and X APPEND", func(vk *vkpeer.Peer, x *xpeer.Server) {
			vk.Fail("video upload", vkpeer.Fault{HTML: true, HTTPStatus: 502})
			x.Inject(xpeer.Fault{Route: xpeer.RouteUpload11, Times: 1, Delay: time.Nanosecond}) // INIT passes
			x.Inject(xpeer.Fault{Route: xpeer.RouteUpload11, Status: 503, Times: 1})
		}, false},
		{"the post itself", func(vk *vkpeer.Peer, x *xpeer.Server) {
			vk.Fail("wall.post", vkpeer.Fault{HTML: true, HTTPStatus: 502})
			x.Inject(xpeer.Fault{Route: xpeer.RouteCreate, HTML: true, Status: 502, Times: 1})
		}, true},
	}
	for _, c := range cases {
		t.Run(c.step, func(t *testing.T) {
			t.Parallel() // peers and a workspace of its own; X's processing checks wait a second each
			dir, vk, x, vkName, xName := publishingWorkspace(t)
			clip := mp4test.Write(t, dir, "regatta.mp4", mp4test.Clip{Duration: 42 * time.Second, Audio: true, Bytes: 1500 << 10})
			data, _ := mp4test.Encode(mp4test.Clip{Duration: 42 * time.Second, Audio: true, Bytes: 1500 << 10})
			text := "The regatta: " + c.step
			code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "posts", "add", "--text", text,
				"--account", vkName+","+xName, "--at", time.Now().UTC().Format(core.WallLayout), "--zone", "UTC",
				"--media", clip, "--alt", "The regatta's start")
			if code != 0 {
				t.Fatalf("posts add: exit %d\n%s%s", code, out, errs)
			}
			c.inject(vk.Server(), x.Server())
			if c.step == "no failure" {
				if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
					t.Fatalf("sync --once: exit %d\n%s%s", code, out, errs)
				}
				checkVideo(t, vk, x, text, len(data))
				return
			}
			publishThroughEngine(t, dir, c.person)
			checkVideo(t, vk, x, text, len(data))
		})
	}
}
