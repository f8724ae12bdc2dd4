package assets

import (
	"bytes"
	"image/png"
	"testing"
)

// The packager and the window both need a square 512x512 PNG; a bad
// rasterisation or a truncated file would only show up at release time.
func TestIconIsSquare512PNG(t *testing.T) {
	cfg, err := png.DecodeConfig(bytes.NewReader(IconPNG))
	if err != nil {
		t.Fatalf("decode embedded icon: %v", err)
	}
	if cfg.Width != 512 || cfg.Height != 512 {
		t.Errorf("icon is %dx%d, want 512x512", cfg.Width, cfg.Height)
	}
}
