package ui

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/hearthhq/hearth/assets"
)

func decodeIcon(t *testing.T, count int) *image.NRGBA {
	t.Helper()
	base, err := png.Decode(bytes.NewReader(assets.IconPNG))
	if err != nil {
		t.Fatal(err)
	}
	res, err := trayIcon(base, count)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(res.Content()))
	if err != nil {
		t.Fatalf("the tray icon of %d is no PNG: %v", count, err)
	}
	if os.Getenv("HEARTH_KEEP_TRAY_ICONS") != "" { // to look at them
		_ = os.WriteFile(filepath.Join(os.TempDir(), res.Name()), res.Content(), 0o644)
	}
	out := image.NewNRGBA(img.Bounds())
	for y := range img.Bounds().Dy() {
		for x := range img.Bounds().Dx() {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

// differing counts the pixels of the badge's corner where two icons differ.
func differing(a, b *image.NRGBA) int {
	n := 0
	for y := trayIconSize / 2; y < trayIconSize; y++ {
		for x := trayIconSize / 3; x < trayIconSize; x++ {
			if a.NRGBAAt(x, y) != b.NRGBAAt(x, y) {
				n++
			}
		}
	}
	return n
}

// The count is drawn into the icon: a badge appears, each number draws
// different digits, and past 99 the badge says 99+.
func TestTrayIconDrawsTheCount(t *testing.T) {
	none, three, eight, twelve := decodeIcon(t, 0), decodeIcon(t, 3), decodeIcon(t, 8), decodeIcon(t, 12)
	big, bigger := decodeIcon(t, 150), decodeIcon(t, 4000)
	if none.Bounds().Dx() != trayIconSize || none.Bounds().Dy() != trayIconSize {
		t.Errorf("icon is %v, want %dx%d", none.Bounds(), trayIconSize, trayIconSize)
	}
	corner := three.NRGBAAt(trayIconSize-2, trayIconSize-trayIconSize/4)
	if corner != badgeRed {
		t.Errorf("the badge's right edge is %v, want the badge red", corner)
	}
	if none.NRGBAAt(trayIconSize-2, trayIconSize-trayIconSize/4) == badgeRed {
		t.Error("no unread, yet a badge")
	}
	for _, c := range []struct {
		name string
		a, b *image.NRGBA
	}{{"0 and 3", none, three}, {"3 and 8", three, eight}, {"8 and 12", eight, twelve}, {"12 and 150", twelve, big}} {
		if n := differing(c.a, c.b); n < 20 {
			t.Errorf("icons of %s differ in %d pixels of the badge corner, want the digits to change them", c.name, n)
		}
	}
	if n := differing(big, bigger); n != 0 {
		t.Errorf("150 and 4000 differ in %d pixels; both should read 99+", n)
	}
	white := 0
	for y := trayIconSize / 2; y < trayIconSize; y++ {
		for x := trayIconSize / 2; x < trayIconSize; x++ {
			if p := eight.NRGBAAt(x, y); p.R > 0xe0 && p.G > 0xe0 && p.B > 0xe0 {
				white++
			}
		}
	}
	if white < 15 {
		t.Errorf("the 8 is drawn with %d white pixels, want a legible digit", white)
	}
}
