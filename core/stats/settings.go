package stats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Settings are the dashboard's: the workspace's time zone (days, the
// heatmap, reports and business hours are on its clock) and the business
// hours replies are expected in.
type Settings struct {
	Zone     string        `json:"zone"`
	Business BusinessHours `json:"business_hours"`
}

// settingsKey holds the settings as JSON.
const settingsKey = "stats.settings"

// Validate says what is wrong with the settings, in words.
func (s Settings) Validate() error {
	if _, err := time.LoadLocation(s.Zone); err != nil || s.Zone == "" {
		return fmt.Errorf("time zone %q: not an IANA zone name such as Europe/Paris", s.Zone)
	}
	return s.Business.Validate()
}

// Settings returns the settings, the defaults where none are saved: the
// zone the service was given and Monday to Friday, 9:00 to 18:00.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	def := Settings{Zone: s.zone, Business: DefaultBusinessHours()}
	v, err := s.store.Setting(ctx, settingsKey)
	if errors.Is(err, core.ErrNotFound) {
		return def, nil
	}
	if err != nil {
		return def, fmt.Errorf("stats: settings: %w", err)
	}
	cs := def
	if err := json.Unmarshal([]byte(v), &cs); err != nil {
		return def, fmt.Errorf("stats: settings: %w", err)
	}
	if cs.Validate() != nil {
		return def, nil // a damaged setting falls back rather than breaking the dashboard
	}
	return cs, nil
}

// SetSettings saves the settings once they are valid.
func (s *Service) SetSettings(ctx context.Context, cs Settings) error {
	if err := cs.Validate(); err != nil {
		return fmt.Errorf("stats: settings: %w", err)
	}
	b, _ := json.Marshal(cs) // plain strings and numbers always encode
	if err := s.store.SetSetting(ctx, settingsKey, string(b)); err != nil {
		return fmt.Errorf("stats: settings: %w", err)
	}
	return nil
}

// Location is the workspace's zone.
func (s *Service) Location(ctx context.Context) (*time.Location, error) {
	cs, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return time.LoadLocation(cs.Zone)
}
