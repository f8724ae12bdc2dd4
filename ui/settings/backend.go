// Package settings is the Settings screen: the language and theme of the
// window, business hours, the member scores and cohorts, the channel
// defaults, greeting and saved-reply templates, and where the workspace and
// its backups are. Each value is checked before it is saved and a refusal
// is said next to the field. Other parts of the window add their own
// sections (notifications, the tray) through Screen.AddSection.
package settings

import (
	"context"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/stats"
)

// Prefs are the workspace's own settings (core/settings).
type Prefs interface {
	Language(ctx context.Context) (string, error)
	SetLanguage(ctx context.Context, lang string) error
	Theme(ctx context.Context) (string, error)
	SetTheme(ctx context.Context, theme string) error
	ChannelDefaults(ctx context.Context) (core.ChannelDefaults, error)
	SetChannelDefaults(ctx context.Context, d core.ChannelDefaults) error
	Greetings(ctx context.Context) (map[string]string, error)
	SetGreetings(ctx context.Context, templates map[string]string) error
}

// Hours are the dashboard's time zone and business hours (core/stats).
type Hours interface {
	Settings(ctx context.Context) (stats.Settings, error)
	SetSettings(ctx context.Context, s stats.Settings) error
}

// Scores are the member files' weights, windows and cohorts
// (core/members).
type Scores interface {
	Settings(ctx context.Context) (core.ScoreSettings, error)
	SetSettings(ctx context.Context, s core.ScoreSettings) error
	// Refresh rescores the members with the saved settings.
	Refresh(ctx context.Context) error
}

// Replies are the saved replies of the composer (core/inbox).
type Replies interface {
	SavedReplies(ctx context.Context) ([]core.SavedReply, error)
	SetSavedReplies(ctx context.Context, list []core.SavedReply) error
}

// Backups are the workspace's backups (core/backup).
type Backups interface {
	Dir() string
	Manual(ctx context.Context) (string, error)
}

// Backend is the screen's use cases. Prefs is required; a nil Hours,
// Scores or Replies leaves its section out; nil Backups says the workspace
// has no automatic backups (the demo).
type Backend struct {
	Prefs   Prefs
	Hours   Hours
	Scores  Scores
	Replies Replies
	Backups Backups
}

// Callbacks are what the shell does for the screen.
type Callbacks struct {
	// ApplyTheme shows the window in a theme now (settings.Theme*).
	ApplyTheme func(theme string)
	// OpenFolder opens a folder in the desktop's file manager.
	OpenFolder func(path string) error
	// Workspace is the path of the workspace file.
	Workspace string
}
