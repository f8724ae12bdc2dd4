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
// been neither welcomed nor written to since they joined (welcomeDue), the
// earliest first.
func (s *Service) WelcomeQueue(ctx context.Context, limit int) ([]core.Member, error) {
	now := s.now()
	from, to := welcomeWindow(now)
	due := func(m core.Member, lastWelcome time.Time) bool { return welcomeDue(m, lastWelcome, now) }
	list, err := s.store.WelcomeQueue(ctx, from, to, due, limitOr(limit, 200))
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	return list, nil
}

// CheckInList lists the quiet members not written to (nor checked in on)
// in 30 days (checkInDue), the most recently active first.
func (s *Service) CheckInList(ctx context.Context, limit int) ([]core.Member, error) {
	now := s.now()
	due := func(m core.Member, lastCheckIn time.Time) bool { return checkInDue(m, lastCheckIn, now) }
	list, err := s.store.CheckInList(ctx, quietSince(now), due, limitOr(limit, 200))
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	return list, nil
}

// welcomeWindow is when a newcomer due a welcome at now joined.
func welcomeWindow(now time.Time) (from, to time.Time) {
	return now.Add(-WelcomeBefore), now.Add(-WelcomeAfter)
}

// welcomeDue says whether m is due a welcome at now: they joined (or, with
// no join known, were first seen) within the welcome window, nobody has
// welcomed them yet, and we have not written to them since they joined.
func welcomeDue(m core.Member, lastWelcome, now time.Time) bool {
	since := m.JoinedAt
	if since.IsZero() {
		since = m.FirstSeen
	}
	from, to := welcomeWindow(now)
	return !since.Before(from) && !since.After(to) && lastWelcome.IsZero() && m.LastContacted.Before(since)
}

// quietSince is the start of the month a member due a check-in at now has
// been quiet.
func quietSince(now time.Time) time.Time { return now.Add(-CheckInQuiet) }

// checkInDue says whether m is due a check-in at now: known for longer
// than the quiet month, silent through it, and neither written to nor
// checked in on during it.
func checkInDue(m core.Member, lastCheckIn, now time.Time) bool {
	q := quietSince(now)
	return m.FirstSeen.Before(q) && m.LastSeen.Before(q) && m.LastContacted.Before(q) && lastCheckIn.Before(q)
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
