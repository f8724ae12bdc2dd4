package ui

import (
	"fyne.io/fyne/v2"
)

// Preference keys of the window's last size, in Fyne's per-user
// preferences: the size belongs to this computer's screen, not to the
// workspace. Fyne gives an application no way to place its window, so the
// position is left to the window manager.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// openingSize is the size the window opens at: the one it was closed at,
// else the default; never larger than the screen (zero: unknown), never
// smaller than the minimum the screens are built for unless the screen
// itself is smaller.
func openingSize(saved, screen fyne.Size) fyne.Size {
	s := defaultSize
	if saved.Width >= minimumSize.Width/2 && saved.Height >= minimumSize.Height/2 {
		s = saved
	}
	if screen.Width > 0 && screen.Height > 0 {
		s = s.Min(screen)
	}
	return s
}

// restoreSize sizes the window from the preferences and the screen.
func (u *UI) restoreSize() {
	p := u.app.Preferences()
	saved := fyne.NewSize(float32(p.Float(prefWidth)), float32(p.Float(prefHeight)))
	var screen fyne.Size
	if u.screen != nil {
		screen = u.screen()
	}
	u.Win.Resize(openingSize(saved, screen))
}

// saveSize remembers the window's size for the next start.
func (u *UI) saveSize() {
	s := u.Win.Canvas().Size()
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	p := u.app.Preferences()
	p.SetFloat(prefWidth, float64(s.Width))
	p.SetFloat(prefHeight, float64(s.Height))
}
