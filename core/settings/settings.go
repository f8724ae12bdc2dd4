// Package settings is the workspace's own settings that no other use case
// owns: the language and theme of the window, the channel defaults and the
// greeting templates. Settings that belong to a use case stay with it and
// are edited through it (business hours in core/stats, scores and cohorts
// in core/members, saved replies in core/inbox, backups in core/backup).
// Every value lives in the workspace's settings table, so it travels with
// the workspace and its backups.
package settings

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hearthhq/hearth/core"
)

// Store is what the settings need of the workspace store.
type Store interface {
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Params wire a Service.
type Params struct {
	Store Store
}

// Service reads and writes the settings, refusing values that are wrong
// with an error that says why.
type Service struct {
	store Store
}

// New makes a Service.
func New(p Params) *Service { return &Service{store: p.Store} }

// Keys of the settings table.
const (
	keyLanguage  = "app.language"
	keyTheme     = "app.theme"
	keyGreetings = "members.greetings"
)

// LanguageSystem follows the desktop's locale; ThemeSystem its light or
// dark preference.
const (
	LanguageSystem = "system"
	ThemeSystem    = "system"
	ThemeLight     = "light"
	ThemeDark      = "dark"
)

// Languages are the choices of language, the window's translations and
// the desktop's.
var Languages = []string{LanguageSystem, "en", "fr", "ru", "bg"}

// Themes are the choices of theme.
var Themes = []string{ThemeSystem, ThemeLight, ThemeDark}

// Language returns the chosen language, LanguageSystem when none is.
func (s *Service) Language(ctx context.Context) (string, error) {
	return s.choice(ctx, keyLanguage, Languages)
}

// SetLanguage chooses the language of the window from the next start.
func (s *Service) SetLanguage(ctx context.Context, lang string) error {
	if !slices.Contains(Languages, lang) {
		return fmt.Errorf("settings: language %q: choose one of %s", lang, strings.Join(Languages, ", "))
	}
	return s.set(ctx, keyLanguage, lang)
}

// Theme returns the chosen theme, ThemeSystem when none is.
func (s *Service) Theme(ctx context.Context) (string, error) {
	return s.choice(ctx, keyTheme, Themes)
}

// SetTheme chooses the theme.
func (s *Service) SetTheme(ctx context.Context, theme string) error {
	if !slices.Contains(Themes, theme) {
		return fmt.Errorf("settings: theme %q: choose one of %s", theme, strings.Join(Themes, ", "))
	}
	return s.set(ctx, keyTheme, theme)
}

// choice reads a setting among choices; unset or unknown is the first.
func (s *Service) choice(ctx context.Context, key string, choices []string) (string, error) {
	v, err := s.store.Setting(ctx, key)
	if errors.Is(err, core.ErrNotFound) || (err == nil && !slices.Contains(choices, v)) {
		return choices[0], nil
	}
	if err != nil {
		return choices[0], fmt.Errorf("settings: %w", err)
	}
	return v, nil
}

// ChannelDefaults returns the workspace's channel defaults, the built-in
// ones where none are saved.
func (s *Service) ChannelDefaults(ctx context.Context) (core.ChannelDefaults, error) {
	d := core.DefaultChannelDefaults()
	if err := s.readJSON(ctx, core.SettingChannelDefaults, &d); err != nil {
		return core.DefaultChannelDefaults(), err
	}
	if d.Validate() != nil {
		return core.DefaultChannelDefaults(), nil // the engine falls back the same way
	}
	return d, nil
}

// SetChannelDefaults saves the channel defaults once they are valid; the
// engine reads them at an account's next connection.
func (s *Service) SetChannelDefaults(ctx context.Context, d core.ChannelDefaults) error {
	if err := d.Validate(); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	return s.writeJSON(ctx, core.SettingChannelDefaults, d)
}

// set writes one setting.
func (s *Service) set(ctx context.Context, key, value string) error {
	if err := s.store.SetSetting(ctx, key, value); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	return nil
}

// readJSON decodes a setting into v, leaving v as it is when unset.
func (s *Service) readJSON(ctx context.Context, key string, v any) error {
	raw, err := s.store.Setting(ctx, key)
	if errors.Is(err, core.ErrNotFound) {
		return nil
	}
	if err == nil {
		err = json.Unmarshal([]byte(raw), v)
	}
	if err != nil {
		return fmt.Errorf("settings: %s: %w", key, err)
	}
	return nil
}

func (s *Service) writeJSON(ctx context.Context, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("settings: %s: %w", key, err)
	}
	return s.set(ctx, key, string(b))
}
