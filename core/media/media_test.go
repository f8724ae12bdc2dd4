package media_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core/media"
	"github.com/hearthhq/hearth/core/posttext"
)

// noise draws w x h pixels of noise (PNG cannot compress it): a photo's
// worth of bytes in a few lines. alpha < 255 makes it see-through.
func noise(w, h int, alpha uint8) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), alpha
	}
	return img
}

// writePNG writes img as a PNG, uncompressed: deflating noise gains
// nothing (5.9 MB either way for 1400x1400) and cost 7 CPU s of the
// package's 17 under the race detector; the pixels are the same.
func writePNG(t *testing.T, name string, img image.Image) string {
	t.Helper()
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.NoCompression}).Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, name, b.Bytes())
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// animated is a GIF of frames frames of w x h.
func animated(t *testing.T, w, h, frames int) string {
	t.Helper()
	g := &gif.GIF{}
	pal := color.Palette{color.White, color.Black, color.RGBA{200, 40, 40, 255}}
	for i := range frames {
		f := image.NewPaletted(image.Rect(0, 0, w, h), pal)
		r := rand.New(rand.NewPCG(uint64(i), 7))
		for j := range f.Pix {
			f.Pix[j] = uint8(r.IntN(3))
		}
		g.Image, g.Delay = append(g.Image, f), append(g.Delay, 10)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, g); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "anim.gif", b.Bytes())
}

var (
	x  = posttext.MediaOf(posttext.XPost)
	vk = posttext.MediaOf(posttext.VKPost)
)

// A picture that fits goes as it is, byte for byte.
func TestFitKeepsWhatFits(t *testing.T) {
	path := writePNG(t, "small.png", noise(64, 48, 255))
	want, _ := os.ReadFile(path)
	for _, m := range []posttext.Media{x, vk} {
		f, err := media.Fit(context.Background(), path, m)
		if err != nil || f.Type != "image/png" || f.Name != "small.png" || !bytes.Equal(f.Data, want) {
			t.Errorf("fit: %s %s %d bytes (%v); want the file as it is", f.Name, f.Type, len(f.Data), err)
		}
	}
}

// Oversized pictures are re-encoded to fit, never dropped: bytes over the
// channel's limit, pixels over its side, a type it does not take.
func TestFitReencodes(t *testing.T) {
	webp := filepath.Join("testdata", "blue-purple-pink.lossy.webp")
	small := posttext.Media{Types: []string{"image/jpeg", "image/png"}, MaxBytes: 300 << 10, MaxSide: 2000}
	cases := []struct {
		name     string
		path     string
		m        posttext.Media
		wantType string
		maxSide  int
	}{
		{"7.5 MB of noise for X (5 MB)", writePNG(t, "big.png", noise(1400, 1400, 255)), x, "image/jpeg", 1400},
		{"a panorama wider than X's 4096 pixels", writePNG(t, "wide.png", noise(5000, 60, 255)), x, "image/png", 4096},
		{"a see-through picture over the bytes", writePNG(t, "alpha.png", noise(700, 700, 128)), small, "image/jpeg", 700},
		{"a (lossy) WebP for VK, which takes none", webp, vk, "image/jpeg", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info, err := media.Inspect(c.path)
			if err != nil {
				t.Fatal(err)
			}
			note, err := info.Plan(c.m, "club")
			if err != nil || note == nil || !strings.Contains(note.Error(), "re-encoded for club") {
				t.Errorf("plan: %q %v; want a note that it is re-encoded", note, err)
			}
			f, err := media.Fit(context.Background(), c.path, c.m)
			if err != nil {
				t.Fatal(err)
			}
			img, typ, err := image.Decode(bytes.NewReader(f.Data))
			if err != nil || "image/"+typ != c.wantType || f.Type != c.wantType {
				t.Fatalf("re-encoded as %s (decodes as %s, %v), want %s", f.Type, typ, err, c.wantType)
			}
			side := max(img.Bounds().Dx(), img.Bounds().Dy())
			if int64(len(f.Data)) > c.m.MaxBytes || c.maxSide > 0 && side > c.maxSide {
				t.Errorf("%d bytes, %d pixels a side; want at most %d bytes and %d pixels", len(f.Data), side, c.m.MaxBytes, c.maxSide)
			}
			if ext := filepath.Ext(f.Name); (ext == ".png") != (f.Type == "image/png") {
				t.Errorf("named %s for a %s", f.Name, f.Type)
			}
		})
	}
}

// What cannot be made to fit is refused with a sentence: an animated GIF
// over X's 15 MB would lose its animation; a file that is no picture.
func TestRefusals(t *testing.T) {
	gifOnly := posttext.Media{Types: []string{"image/gif"}, MaxBytes: 1 << 10, MaxGIFBytes: 2 << 10}
	var jpg bytes.Buffer
	jpeg.Encode(&jpg, noise(50, 50, 255), nil)
	cases := []struct {
		name, path string
		m          posttext.Media
		want       string
	}{
		{"an animated GIF over the limit", animated(t, 120, 120, 5), gifOnly, "anim.gif: an animated GIF of"},
		{"a text file", writeFile(t, "notes.png", []byte("not a picture at all")), x, "notes.png is neither a picture nor a video Hearth can send (text/plain)"},
		{"a cut JPEG", writeFile(t, "cut.jpg", jpg.Bytes()[:200]), x, "cut.jpg is a damaged JPEG"},
		{"a missing file", filepath.Join(t.TempDir(), "gone.png"), x, "gone.png does not exist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := media.Fit(context.Background(), c.path, c.m)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("fit: %v, want %q", err, c.want)
			}
		})
	}
	info, err := media.Inspect(animated(t, 40, 40, 3))
	if err != nil || !info.Animated {
		t.Fatalf("inspect a 3-frame GIF: %+v %v", info, err)
	}
	if note, err := info.Plan(x, "x"); note != nil || err != nil {
		t.Errorf("a small animated GIF on X: %q %v; want it sent as it is", note, err)
	}
}
