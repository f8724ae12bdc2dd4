package media_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core/media"
	"github.com/hearthhq/hearth/core/media/mp4test"
	"github.com/hearthhq/hearth/core/posttext"
)

// A video is told by its content (an MP4 named .jpg is a video), and its
// length, pixels and codecs come from its boxes.
func TestInspectVideo(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name     string
		clip     mp4test.Clip
		typ      string
		duration time.Duration
		codecs   string
	}{
		{"clip.mp4", mp4test.Clip{Duration: 42 * time.Second, Audio: true}, "video/mp4", 42 * time.Second, "avc1 mp4a"},
		{"silent.jpg", mp4test.Clip{Duration: 1500 * time.Millisecond}, "video/mp4", 1500 * time.Millisecond, "avc1"},
		{"phone.mov", mp4test.Clip{Duration: 3 * time.Minute, HEVC: true, QuickTime: true}, "video/quicktime", 3 * time.Minute, "hvc1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info, err := media.Inspect(mp4test.Write(t, dir, c.name, c.clip))
			if err != nil {
				t.Fatal(err)
			}
			if !info.Video || info.Type != c.typ || info.Duration != c.duration || strings.Join(info.Codecs, " ") != c.codecs {
				t.Errorf("inspected %+v; want a %s of %s with %s", info, c.typ, c.duration, c.codecs)
			}
			w, h := 1280, 720 // what the clip's parameter sets say
			if c.clip.HEVC {
				w, h = 960, 540
			}
			if info.Width != w || info.Height != h {
				t.Errorf("%dx%d pixels, want the stream's %dx%d", info.Width, info.Height, w, h)
			}
		})
	}
}

// Each channel's video limits, said in a sentence that names the file,
// the limit and what to do; a video that fits goes as it is, from its
// file, never read into memory nor re-encoded.
func TestPlanVideo(t *testing.T) {
	dir := t.TempDir()
	x, vk, comment := posttext.MediaOf(posttext.XPost), posttext.MediaOf(posttext.VKPost), posttext.MediaOf(posttext.VKComment)
	ok := mp4test.Write(t, dir, "ok.mp4", mp4test.Clip{Duration: 42 * time.Second, Audio: true})
	long := mp4test.Write(t, dir, "long.mp4", mp4test.Clip{Duration: 141 * time.Second, Audio: true})
	hevc := mp4test.Write(t, dir, "hevc.mp4", mp4test.Clip{Duration: 10 * time.Second, HEVC: true})
	mov := mp4test.Write(t, dir, "phone.mov", mp4test.Clip{Duration: 10 * time.Second, QuickTime: true})
	cases := []struct {
		name, path string
		m          posttext.Media
		want       string // "" fits
	}{
		{"42 s of H.264 and AAC on X", ok, x, ""},
		{"the same on VK", ok, vk, ""},
		{"2:21 on X (2:20)", long, x, "long.mp4 lasts 2:21; X takes videos up to 2:20 (Hearth does not cut video: trim it first)"},
		{"2:21 on VK", long, vk, ""},
		{"HEVC on X", hevc, x, "hevc.mp4 is encoded as HEVC (H.265); X plays H.264 video with AAC sound"},
		{"HEVC on VK, which converts it", hevc, vk, ""},
		{"a MOV on X", mov, x, "X takes no MOV video; phone.mov is one (Hearth does not convert video: export it as MP4 first)"},
		{"a MOV on VK", mov, vk, ""},
		{"a VK comment", ok, comment, "X takes no videos from Hearth"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info, err := media.Inspect(c.path)
			if err != nil {
				t.Fatal(err)
			}
			note, err := info.Plan(c.m, "X")
			if c.want == "" {
				if err != nil || note != nil || !info.Fits(c.m) {
					t.Fatalf("plan: %q %v; want the video sent as it is", note, err)
				}
				f, err := media.Fit(context.Background(), c.path, c.m)
				if err != nil || !f.Video || f.Path != c.path || f.Data != nil || f.Size != info.Size || f.Type != info.Type {
					t.Errorf("fit: %+v %v; want the file itself, by path", f, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) || info.Fits(c.m) {
				t.Errorf("plan: %v; want %q", err, c.want)
			}
			if _, err := media.Fit(context.Background(), c.path, c.m); err == nil {
				t.Error("fit took a video the channel refuses")
			}
		})
	}
	// Over X's 512 MB: a size is said, no 512 MB file written.
	big := media.Info{Path: "/clips/talk.mp4", Type: "video/mp4", Video: true, Size: 600 << 20, Duration: time.Minute, Codecs: []string{"avc1"}}
	if _, err := big.Plan(x, "X"); err == nil || !strings.Contains(err.Error(), "talk.mp4 is a video of 600 MB; X takes videos up to 512 MB") {
		t.Errorf("600 MB on X: %v", err)
	}
}

// X takes a video alone; VK puts it among the pictures.
func TestVideoAlone(t *testing.T) {
	dir := t.TempDir()
	clip, err := media.Inspect(mp4test.Write(t, dir, "clip.mp4", mp4test.Clip{Duration: 5 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	pic, err := media.Inspect(writePNG(t, "hall.png", noise(40, 30, 255)))
	if err != nil {
		t.Fatal(err)
	}
	both := []media.Info{pic, clip}
	if err := media.Alone(both, posttext.MediaOf(posttext.XPost), "X"); err == nil || !strings.Contains(err.Error(), "X takes a video alone: send clip.mp4 without the other pictures or videos") {
		t.Errorf("X: %v", err)
	}
	if err := media.Alone(both, posttext.MediaOf(posttext.VKPost), "VK"); err != nil {
		t.Errorf("VK: %v", err)
	}
	if err := media.Alone([]media.Info{clip}, posttext.MediaOf(posttext.XPost), "X"); err != nil {
		t.Errorf("a video alone on X: %v", err)
	}
}

// A file that starts like a video and breaks off is refused as damaged.
func TestDamagedVideo(t *testing.T) {
	data, err := mp4test.Encode(mp4test.Clip{Duration: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_, err = media.Inspect(writeFile(t, "cut.mp4", data[:300]))
	if err == nil || !strings.Contains(err.Error(), "cut.mp4 is a damaged MP4 video") {
		t.Errorf("a cut MP4: %v", err)
	}
}

func TestClock(t *testing.T) {
	for d, want := range map[time.Duration]string{
		1500 * time.Millisecond: "0:02", 42 * time.Second: "0:42", 140 * time.Second: "2:20", 3723 * time.Second: "1:02:03",
	} {
		if got := media.Clock(d); got != want {
			t.Errorf("Clock(%s) = %q, want %q", d, got, want)
		}
	}
}
