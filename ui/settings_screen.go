package ui

import (
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/ui/kit"
	"github.com/hearthhq/hearth/ui/settings"
)

const settingsNotBuilt = "Settings are not wired in this window: language, theme, business hours, scores and templates will live here."

func settingsIcon() fyne.Resource { return theme.SettingsIcon() }

// settingsScreen is the Settings, or the placeholder when the backend has
// none. The theme applies at once (the dashboard reads business hours
// each time it is shown).
// The Notifications and Tray sections, whose settings core/notify keeps,
// are added after New (settings_notify.go).
func (u *UI) settingsScreen() kit.Screen {
	b := u.b.Settings
	if b.Prefs == nil {
		return newPlaceholder(settingsIcon(), lang.L("Settings"), lang.L(settingsNotBuilt))
	}
	return newLazy(func() kit.Screen {
		s := settings.New(u.Env, settings.Backend{Prefs: b.Prefs, Hours: b.Hours, Scores: b.Scores, Replies: b.Replies, Backups: b.Backups},
			settings.Callbacks{
				ApplyTheme: func(t string) { u.app.Settings().SetTheme(kit.ThemeFor(t)) },
				OpenFolder: func(dir string) error {
					return u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)})
				},
				Workspace: b.Workspace,
			})
		u.notifySections(s)
		return s
	})
}
