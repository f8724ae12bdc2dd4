package calendar_test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/media/mp4test"
)

var (
	vkTarget   = core.PostTarget{AccountID: 1, Account: "club", AccountKind: core.KindVK}
	xTarget    = core.PostTarget{AccountID: 2, Account: "@hearth_game", AccountKind: core.KindX}
	mailTarget = core.PostTarget{AccountID: 3, Account: "news@example.org", AccountKind: core.KindIMAP}
)

func TestCheck(t *testing.T) {
	cases := []struct {
		name string
		post core.Post
		want string // "" when the post may be scheduled
	}{
		{"a VK post", core.Post{Text: "Meetup on Sunday", Targets: []core.PostTarget{vkTarget}}, ""},
		{"no channel", core.Post{Text: "hi"}, "choose at least one channel"},
		{"a mailbox", core.Post{Text: "hi", Targets: []core.PostTarget{mailTarget}}, "news@example.org is not a publishing channel (a mailbox)"},
		{"empty", core.Post{Text: " \n", Targets: []core.PostTarget{vkTarget}}, "write the post first"},
		{"a picture and no text", core.Post{Media: core.Images("a.png"), Targets: []core.PostTarget{vkTarget, xTarget}}, ""},
		{"empty common text, a variant for each", core.Post{Targets: []core.PostTarget{{Account: "club", AccountKind: core.KindVK, Text: "v"}}}, ""},
		{"X counts weighted", core.Post{Text: strings.Repeat("你", 141), Targets: []core.PostTarget{xTarget}}, "too long for @hearth_game (282 of 280)"},
		{"10 MB for X", core.Post{Text: strings.Repeat("a", 10<<20), Targets: []core.PostTarget{vkTarget, xTarget}}, "too long for club (10485760 of 16384)"},
		{"five pictures on X", core.Post{Text: "hi", Media: core.Images("a", "b", "c", "d", "e"), Targets: []core.PostTarget{xTarget}}, "too many pictures for @hearth_game (5 of 4)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := calendar.Check(c.post)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("Check: %v, want nil", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("Check: %v, want %q", err, c.want)
			}
		})
	}
}

// picture writes a PNG of w x h pixels of noise (a photo's worth of bytes)
// or, flat, of one colour.
func picture(t *testing.T, dir, name string, w, h int, flat bool) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = 200
		if !flat {
			img.Pix[i] = uint8(r.IntN(256))
		}
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	// Uncompressed: deflating noise gains nothing (5.9 MB either way for
	// 1400x1400) and cost seconds of CPU under the race detector.
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

func TestCheckMedia(t *testing.T) {
	dir := t.TempDir()
	small := picture(t, dir, "cat.png", 40, 30, true)
	big := picture(t, dir, "big.png", 1400, 1400, false) // about 6 MB
	text := filepath.Join(dir, "notes.jpg")
	os.WriteFile(text, []byte("just some text, named as a picture"), 0o600)
	gifPath := filepath.Join(dir, "dance.gif")
	var g bytes.Buffer
	gif.Encode(&g, image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Black}), nil)
	os.WriteFile(gifPath, g.Bytes(), 0o600)
	webp := filepath.Join("..", "media", "testdata", "blue-purple-pink.lossy.webp")
	clip := mp4test.Write(t, dir, "clip.mp4", mp4test.Clip{Duration: 42 * time.Second, Audio: true})
	long := mp4test.Write(t, dir, "talk.mp4", mp4test.Clip{Duration: 3 * time.Minute, Audio: true})
	cases := []struct {
		name    string
		media   []string
		targets []core.PostTarget
		want    string // the error, else "" and the notes
		notes   []string
	}{
		{"a PNG on VK and X", []string{small}, []core.PostTarget{vkTarget, xTarget}, "", nil},
		{"missing", []string{filepath.Join(dir, "nope.jpg")}, []core.PostTarget{vkTarget}, "nope.jpg does not exist", nil},
		{"a directory", []string{dir}, []core.PostTarget{vkTarget}, "is not a regular file", nil},
		{"text named .jpg", []string{text}, []core.PostTarget{vkTarget}, "notes.jpg is neither a picture nor a video Hearth can send (text/plain)", nil},
		{"WebP: X as it is, VK re-encoded", []string{webp}, []core.PostTarget{xTarget, vkTarget}, "",
			[]string{"blue-purple-pink.lossy.webp is re-encoded for club (club takes no WEBP)"}},
		{"6 MB: VK as it is, X re-encoded", []string{big}, []core.PostTarget{vkTarget, xTarget}, "",
			[]string{"big.png is re-encoded for @hearth_game (", " MB is over @hearth_game's 5 MB)"}},
		{"a GIF with another picture on X", []string{small, gifPath}, []core.PostTarget{xTarget}, "@hearth_game takes a GIF alone", nil},
		{"a GIF with another picture on VK", []string{small, gifPath}, []core.PostTarget{vkTarget}, "", nil},
		{"a mailbox takes none", []string{small}, []core.PostTarget{mailTarget}, "takes no pictures", nil},
		{"a video on VK and X", []string{clip}, []core.PostTarget{vkTarget, xTarget}, "", nil},
		{"a video with a picture on X", []string{small, clip}, []core.PostTarget{xTarget}, "@hearth_game takes a video alone: send clip.mp4 without", nil},
		{"a video with a picture on VK", []string{small, clip}, []core.PostTarget{vkTarget}, "", nil},
		{"3 minutes on X", []string{long}, []core.PostTarget{vkTarget, xTarget}, "talk.mp4 lasts 3:00; @hearth_game takes videos up to 2:20", nil},
		{"3 minutes on VK", []string{long}, []core.PostTarget{vkTarget}, "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			notes, err := calendar.PlanMedia(core.Post{Text: "hi", Media: core.Images(c.media...), Targets: c.targets})
			switch {
			case c.want == "" && err != nil:
				t.Errorf("PlanMedia: %v, want nil", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("PlanMedia: %v, want %q", err, c.want)
			case len(notes) != min(len(c.notes), 1) || len(notes) == 1 && !containsAll(notes[0].Error(), c.notes):
				t.Errorf("notes %q, want one with %q", notes, c.notes)
			}
		})
	}
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
