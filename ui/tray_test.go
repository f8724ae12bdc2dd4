package ui

import (
	"context"
	"slices"
	"sync"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
)

// deskApp is a desktop app whose tray the test reads.
type deskApp struct {
	fyne.App
	mu    sync.Mutex
	menu  *fyne.Menu
	icons []string // names of the icons set, in order
}

func (d *deskApp) SetSystemTrayMenu(m *fyne.Menu) { d.mu.Lock(); d.menu = m; d.mu.Unlock() }
func (d *deskApp) SetSystemTrayIcon(r fyne.Resource) {
	d.mu.Lock()
	d.icons = append(d.icons, r.Name())
	d.mu.Unlock()
}
func (d *deskApp) SetSystemTrayWindow(fyne.Window) {}
func (d *deskApp) SetSystemTrayTooltip(string)     {}
func (d *deskApp) SetSystemTrayTitle(string)       {}
func (d *deskApp) lastIcon() string                { d.mu.Lock(); defer d.mu.Unlock(); return d.icons[len(d.icons)-1] }
func (d *deskApp) labels() (out []string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, it := range d.menu.Items {
		out = append(out, it.Label)
	}
	return out
}

// closingWindow keeps the close intercept the window was given.
type closingWindow struct {
	fyne.Window
	intercept func()
}

func (w *closingWindow) SetCloseIntercept(f func()) { w.intercept = f; w.Window.SetCloseIntercept(f) }

// trayShell is the window on a desktop with a tray (or without: tray
// false), its sync controlled by the engine.
func trayShell(t *testing.T, hasTray bool) (*shell, *deskApp, *closingWindow) {
	s := newShell(t, func(b *Backend, ws *coretest.Workspace) { b.Sync = ws.Engine })
	desk := &deskApp{App: s.u.app}
	win := &closingWindow{Window: s.u.Win}
	s.u.app, s.u.Win = desk, win
	s.u.hasTray = func() bool { return hasTray }
	s.u.setupTray()
	s.Settle()
	return s, desk, win
}

// The tray shows the unread count in its icon and a menu that pauses and
// resumes the sync; closing the window hides it into the tray.
func TestTray(t *testing.T) {
	s, desk, win := trayShell(t, true)
	want := []string{"Show window", "Pause sync", "", "Quit"}
	if got := desk.labels(); !slices.Equal(got, want) {
		t.Errorf("tray menu %q, want %q", got, want)
	}
	s.ws.Engine.Publish(core.Event{Kind: core.EventItems, AccountID: s.accts[0].ID})
	s.WaitFor("the unread count in the icon", func() bool { return desk.lastIcon() == "tray-2.png" })

	desk.menu.Items[1].Action()
	s.WaitFor("the sync paused", func() bool { return desk.labels()[1] == "Resume sync" })
	if !s.ws.Engine.Paused() {
		t.Error("the menu says Resume sync, yet the engine is not paused")
	}
	desk.menu.Items[1].Action()
	s.WaitFor("the sync resumed", func() bool { return desk.labels()[1] == "Pause sync" })
	if s.ws.Engine.Paused() {
		t.Error("the menu says Pause sync, yet the engine is paused")
	}

	if win.intercept == nil {
		t.Fatal("closing the window is not intercepted: Hearth would quit instead of staying in the tray")
	}
	win.intercept()
	if !s.u.hidden || s.u.onScreen().ItemID != 0 {
		t.Error("closed to the tray, yet the window counts as showing")
	}
	desk.menu.Items[0].Action()
	if s.u.hidden {
		t.Error("Show window left the window hidden")
	}
}

// Closing to the tray can be turned off; the setting is read at start.
func TestTrayCloseQuitsWhenTurnedOff(t *testing.T) {
	s := newShell(t, func(b *Backend, ws *coretest.Workspace) { b.Tray = trayOff{} })
	desk := &deskApp{App: s.u.app}
	win := &closingWindow{Window: s.u.Win}
	s.u.app, s.u.Win = desk, win
	s.u.hasTray = func() bool { return true }
	s.u.setupTray()
	s.Settle()
	if win.intercept != nil || len(desk.icons) == 0 {
		t.Errorf("close to tray off: intercept set %v, icons %q; want the tray and a close that quits", win.intercept != nil, desk.icons)
	}
}

type trayOff struct{}

func (trayOff) CloseToTray(context.Context) (on, set bool, err error) { return false, true, nil }

// Without a tray nothing is put there and closing quits as always; the
// navigation keeps the unread count.
func TestNoTray(t *testing.T) {
	s, desk, win := trayShell(t, false)
	if desk.menu != nil || len(desk.icons) != 0 || win.intercept != nil || s.u.tray != nil {
		t.Errorf("no tray, yet menu %v, icons %q, close intercepted %v", desk.menu, desk.icons, win.intercept != nil)
	}
	s.ws.Engine.Publish(core.Event{Kind: core.EventItems, AccountID: s.accts[0].ID})
	s.WaitFor("the unread count in the navigation", func() bool { return s.u.nav.screens[0].count == 2 })
}
