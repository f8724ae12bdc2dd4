package calendar

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Settings keys of the late policy.
const (
	settingLateHold    = "calendar.late_hold"    // "1": hold late posts for review; "0": publish them late
	settingLateMinutes = "calendar.late_minutes" // how late before a post is held
)

// LatePolicy says what happens to a post found due well after its time
// (Hearth was closed, the laptop asleep): published late, or held for a
// person when more than After late.
type LatePolicy struct {
	Hold  bool
	After time.Duration
}

// DefaultLatePolicy holds posts more than an hour late: a "good morning"
// at midnight does more harm than a person's decision costs.
var DefaultLatePolicy = LatePolicy{Hold: true, After: time.Hour}

func (p LatePolicy) holds(late time.Duration) bool { return p.Hold && late > p.After }

// LatePolicy returns the workspace's late policy.
func (s *Service) LatePolicy(ctx context.Context) (LatePolicy, error) {
	return readLatePolicy(ctx, s.store)
}

// SetLatePolicy changes the late policy.
func (s *Service) SetLatePolicy(ctx context.Context, p LatePolicy) error {
	if p.After < 0 {
		return fmt.Errorf("calendar: late policy: a negative delay")
	}
	hold := "0"
	if p.Hold {
		hold = "1"
	}
	if err := s.store.SetSetting(ctx, settingLateHold, hold); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	if err := s.store.SetSetting(ctx, settingLateMinutes, strconv.Itoa(int(p.After/time.Minute))); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	return nil
}

func (e *Engine) latePolicy(ctx context.Context) (LatePolicy, error) {
	return readLatePolicy(ctx, e.store)
}

type settings interface {
	Setting(ctx context.Context, key string) (string, error)
}

func readLatePolicy(ctx context.Context, st settings) (LatePolicy, error) {
	p := DefaultLatePolicy
	if v, err := st.Setting(ctx, settingLateHold); err == nil {
		p.Hold = v == "1"
	} else if !errors.Is(err, core.ErrNotFound) {
		return p, fmt.Errorf("calendar: late policy: %w", err)
	}
	if v, err := st.Setting(ctx, settingLateMinutes); err == nil {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			p.After = time.Duration(n) * time.Minute
		}
	} else if !errors.Is(err, core.ErrNotFound) {
		return p, fmt.Errorf("calendar: late policy: %w", err)
	}
	return p, nil
}
