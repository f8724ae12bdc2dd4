//go:build !nowindow

package main

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/settings"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/ui"
	"github.com/hearthhq/hearth/ui/kit"
)

// settingsBackend is what the Settings screen edits: the workspace's own
// settings and those of the use cases that own theirs.
func settingsBackend(w *workspace, st *stats.Service, mem *members.Service) ui.Settings {
	b := ui.Settings{Prefs: settings.New(settings.Params{Store: w.store}), Hours: st, Scores: mem,
		Replies: w.inbox, Workspace: dbPath(w.dir)}
	if w.backups != nil { // a nil *backup.Service must not become a non-nil interface
		b.Backups = w.backups
	}
	return b
}

// applyStartSettings shows the window in the workspace's theme from its
// first frame. Unreadable settings leave Fyne's defaults.
func applyStartSettings(ctx context.Context, a fyne.App, p ui.Settings) {
	if t, err := p.Prefs.Theme(ctx); err == nil && t != settings.ThemeSystem {
		a.Settings().SetTheme(kit.ThemeFor(t))
	}
}

// startLanguage is the language chosen in the settings for kit.UseLanguage,
// "" (the system's) when none is chosen or it cannot be read.
func startLanguage(ctx context.Context, p ui.Settings) string {
	l, err := p.Prefs.Language(ctx)
	if err != nil || l == settings.LanguageSystem {
		return ""
	}
	return l
}
