package notify

import (
	"context"
	"errors"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// SettingKey is the workspace setting that turns a kind on ("on", the
// default) or off ("off").
func SettingKey(k Kind) string { return "notify." + string(k) }

// Enabled says, for every kind, whether it is on.
func (s *Service) Enabled(ctx context.Context) (map[Kind]bool, error) {
	out := make(map[Kind]bool, len(Kinds))
	for _, k := range Kinds {
		v, err := s.store.Setting(ctx, SettingKey(k))
		switch {
		case errors.Is(err, core.ErrNotFound):
			v = "on"
		case err != nil:
			return nil, fmt.Errorf("notify: %w", err)
		}
		out[k] = v != "off"
	}
	return out, nil
}

// SetEnabled turns a kind on or off, stored in the workspace and applied at
// once.
func (s *Service) SetEnabled(ctx context.Context, k Kind, on bool) error {
	if urgency(k) < 0 {
		return fmt.Errorf("notify: no kind %q", k)
	}
	v := "off"
	if on {
		v = "on"
	}
	if err := s.store.SetSetting(ctx, SettingKey(k), v); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	s.n.SetOff(k, !on)
	return nil
}

func (s *Service) loadSwitches(ctx context.Context) error {
	on, err := s.Enabled(ctx)
	if err != nil {
		return err
	}
	for k, v := range on {
		s.n.SetOff(k, !v)
	}
	return nil
}
