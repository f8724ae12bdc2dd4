package notify

import (
	"context"
	"errors"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// SettingCloseToTray is the workspace setting that says whether closing
// the window keeps Hearth syncing in the system tray ("on") or quits
// ("off"); unset, it is on when the desktop has a tray. It lives here with
// the notifications: both are how Hearth reaches a person outside its
// window.
const SettingCloseToTray = "window.close_to_tray"

// CloseToTray says whether closing the window keeps Hearth in the tray;
// set is false when nobody chose yet (the window then decides by whether
// the desktop has a tray).
func (s *Service) CloseToTray(ctx context.Context) (on, set bool, err error) {
	v, err := s.store.Setting(ctx, SettingCloseToTray)
	switch {
	case errors.Is(err, core.ErrNotFound):
		return false, false, nil
	case err != nil:
		return false, false, fmt.Errorf("notify: %w", err)
	}
	return v == "on", true, nil
}

// SetCloseToTray chooses what closing the window does.
func (s *Service) SetCloseToTray(ctx context.Context, on bool) error {
	v := "off"
	if on {
		v = "on"
	}
	if err := s.store.SetSetting(ctx, SettingCloseToTray, v); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	return nil
}
