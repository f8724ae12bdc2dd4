package ui

import (
	"bytes"
	"context"
	"image"
	"image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/assets"
	"github.com/hearthhq/hearth/ui/kit"
)

// SyncControl pauses and resumes the sync of every account (the engine).
type SyncControl interface {
	// Pause returns once every account's sync has stopped.
	Pause()
	Resume(ctx context.Context) error
	Paused() bool
}

// TraySettings says what closing the window does (core/notify's service).
type TraySettings interface {
	// CloseToTray: on keeps Hearth syncing in the tray; set is false while
	// nobody chose.
	CloseToTray(ctx context.Context) (on, set bool, err error)
}

// tray is Hearth's icon in the desktop's system tray: the unread count
// drawn into it and a menu (show the window, pause or resume the sync,
// quit).
type tray struct {
	u     *UI
	desk  desktop.App
	base  image.Image
	menu  *fyne.Menu
	pause *fyne.MenuItem
	count int
}

// setupTray puts Hearth in the tray when the desktop has one, and makes
// closing the window keep it there when the setting says so (unset: yes).
// Without a tray nothing changes: closing quits, and the navigation shows
// the unread count as always. UI goroutine.
func (u *UI) setupTray() {
	desk, ok := u.app.(desktop.App)
	if !ok || !u.hasTray() {
		return
	}
	base, err := png.Decode(bytes.NewReader(assets.IconPNG))
	if err != nil {
		u.Log.Warn("tray: the icon does not decode", "err", err)
		return
	}
	t := &tray{u: u, desk: desk, base: base, count: -1}
	t.pause = fyne.NewMenuItem(lang.L("Pause sync"), t.togglePause)
	if u.b.Sync == nil {
		t.pause.Disabled = true
	}
	quit := fyne.NewMenuItem(lang.L("Quit"), u.quit)
	quit.IsQuit = true
	t.menu = fyne.NewMenu("Hearth", fyne.NewMenuItem(lang.L("Show window"), u.showWindow), t.pause,
		fyne.NewMenuItemSeparator(), quit)
	desk.SetSystemTrayMenu(t.menu)
	u.tray = t
	t.setCount(0)
	u.loadCloseToTray()
}

// loadCloseToTray reads the setting and intercepts the window's close.
func (u *UI) loadCloseToTray() {
	if u.b.Tray == nil {
		u.setCloseToTray(true)
		return
	}
	type choice struct{ on, set bool }
	kit.Background(u.Env, "tray setting", func(ctx context.Context) (choice, error) {
		on, set, err := u.b.Tray.CloseToTray(ctx)
		return choice{on, set}, err
	}, func(c choice, err error) {
		u.setCloseToTray(err != nil || !c.set || c.on) // the default: a tray is here
	})
}

// setCloseToTray makes closing the window hide it into the tray (on) or
// quit (off). Applied at once by the settings screen too. UI goroutine.
func (u *UI) setCloseToTray(on bool) {
	if on && u.tray != nil {
		u.Win.SetCloseIntercept(u.hideToTray)
		return
	}
	u.Win.SetCloseIntercept(nil)
}

// hideToTray hides the window; Hearth goes on syncing and notifying.
func (u *UI) hideToTray() {
	u.hidden = true
	u.Win.Hide()
}

// showWindow brings the window back from the tray.
func (u *UI) showWindow() {
	u.hidden = false
	u.Win.Show()
	u.Win.RequestFocus()
}

// quit closes the window for good (each screen saves what is being
// written) and ends Hearth.
func (u *UI) quit() {
	u.Win.SetCloseIntercept(nil)
	u.Win.Close()
	u.app.Quit()
}

// setCount draws the unread count into the tray icon. UI goroutine.
func (t *tray) setCount(n int) {
	if n == t.count {
		return
	}
	res, err := trayIcon(t.base, n)
	if err != nil {
		t.u.Log.Warn("tray: icon", "err", err)
		return
	}
	t.count = n
	t.desk.SetSystemTrayIcon(res)
}

// togglePause pauses or resumes the sync off the UI goroutine (a pass
// ends at its next step), then names what the item will do next.
func (t *tray) togglePause() {
	s := t.u.b.Sync
	t.pause.Disabled = true
	t.desk.SetSystemTrayMenu(t.menu)
	kit.Background(t.u.Env, "pause sync", func(ctx context.Context) (bool, error) {
		if s.Paused() {
			return false, s.Resume(ctx)
		}
		s.Pause()
		return true, nil
	}, func(bool, error) { // an error is logged; the label says where things stand
		t.pause.Disabled = false
		t.pause.Label = lang.L("Pause sync")
		if s.Paused() {
			t.pause.Label = lang.L("Resume sync")
		}
		t.desk.SetSystemTrayMenu(t.menu)
	})
}
