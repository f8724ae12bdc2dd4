//go:build linux || freebsd || openbsd || netbsd

package ui

import "github.com/godbus/dbus/v5"

// trayHost reports whether the desktop shows tray icons: Fyne's tray
// speaks StatusNotifierItem, which needs a watcher on the session bus
// (KDE, GNOME with the AppIndicator extension, XFCE, snixembed for an
// XEmbed tray). Without one the icon would go nowhere.
func trayHost() bool {
	conn, err := dbus.SessionBus() // shared with Fyne: never closed
	if err != nil {
		return false
	}
	var has bool
	err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}
