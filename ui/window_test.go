package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestOpeningSize(t *testing.T) {
	for _, c := range []struct {
		name          string
		saved, screen fyne.Size
		want          fyne.Size
	}{
		{"first start on a big screen", fyne.Size{}, fyne.NewSize(1920, 1050), defaultSize},
		{"first start on a 1024x700 screen", fyne.Size{}, fyne.NewSize(1024, 700), fyne.NewSize(1024, 700)},
		{"first start on a short laptop screen", fyne.Size{}, fyne.NewSize(1366, 728), fyne.NewSize(1280, 728)},
		{"screen unknown", fyne.Size{}, fyne.Size{}, defaultSize},
		{"the size it was closed at", fyne.NewSize(1500, 900), fyne.NewSize(1920, 1050), fyne.NewSize(1500, 900)},
		{"closed on a bigger screen than today's", fyne.NewSize(1900, 1000), fyne.NewSize(1024, 700), fyne.NewSize(1024, 700)},
		{"a nonsense saved size", fyne.NewSize(3, 2), fyne.NewSize(1920, 1050), defaultSize},
	} {
		if got := openingSize(c.saved, c.screen); got != c.want {
			t.Errorf("%s: opens at %v, want %v", c.name, got, c.want)
		}
	}
}

func TestWindowRemembersItsSize(t *testing.T) {
	s := newShell(t)
	s.u.Win.Resize(fyne.NewSize(1100, 760))
	s.Settle()
	s.u.close()
	p := s.u.app.Preferences()
	if w, h := p.Float(prefWidth), p.Float(prefHeight); w != 1100 || h != 760 {
		t.Fatalf("saved %vx%v, want 1100x760", w, h)
	}
	again := &UI{app: s.u.app, Env: s.u.Env, screen: func() fyne.Size { return fyne.NewSize(1024, 700) }}
	again.restoreSize()
	if got := again.Win.Canvas().Size(); got != fyne.NewSize(1024, 700) {
		t.Errorf("reopened at %v on a 1024x700 screen, want the screen's size", got)
	}
}
