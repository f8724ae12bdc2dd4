package members

import (
	"context"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Ritual windows: greet a newcomer one to two days after they joined; check
// in on a member quiet for a month.
const (
	WelcomeAfter  = 24 * time.Hour
	WelcomeBefore = 48 * time.Hour
	CheckInQuiet  = 30 * 24 * time.Hour
)

// WelcomeQueue lists the members who joined one to two days ago and have
// been neither welcomed nor written to since they joined.
func (s *Service) WelcomeQueue(ctx context.Context, limit int) ([]core.Member, error) {
	now := s.now()
	list, err := s.store.WelcomeQueue(ctx, now.Add(-WelcomeBefore), now.Add(-WelcomeAfter), limitOr(limit, 200))
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	return list, nil
}

// CheckInList lists the quiet members not written to (nor checked in on)
// in 30 days, the most recently active first.
func (s *Service) CheckInList(ctx context.Context, limit int) ([]core.Member, error) {
	list, err := s.store.CheckInList(ctx, s.now().Add(-CheckInQuiet), limitOr(limit, 200))
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	return list, nil
}

// MarkDone records that a ritual was done for members now; they leave the
// queue or the list.
func (s *Service) MarkDone(ctx context.Context, r core.Ritual, ids ...int64) error {
	if r != core.RitualWelcome && r != core.RitualCheckIn {
		return fmt.Errorf("members: unknown ritual %q", r)
	}
	if err := s.store.MarkRitual(ctx, ids, r, s.now()); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	return nil
}

func limitOr(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}
