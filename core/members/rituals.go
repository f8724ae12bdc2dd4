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

// WelcomeQueue lists the members due a welcome (welcomeDue), the earliest
// newcomer first: those who joined one to two days ago, and those whose
// first message says they are new as soon as they wrote it; never
// spammers or banned members.
func (s *Service) WelcomeQueue(ctx context.Context, limit int) ([]core.Member, error) {
	now := s.now()
	due := func(c core.WelcomeCandidate) bool { return welcomeDue(c, now) }
	list, err := s.store.WelcomeQueue(ctx, now.Add(-WelcomeBefore), now, due, limitOr(limit, 200))
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

// welcomeDue says whether a newcomer is due a welcome at now. Since is
// their join or, with no join known, their first sighting. They are due
// when nobody has welcomed them yet, we have not written to them since,
// no item of theirs is spam and no ban holds for them, and either they
// joined one to two days ago (time to look around first) or, within those
// two days, their first message says they are new (an introduction
// deserves an answer at once).
func welcomeDue(c core.WelcomeCandidate, now time.Time) bool {
	m := c.Member
	since := m.JoinedAt
	if since.IsZero() {
		since = m.FirstSeen
	}
	if c.Spam || c.Banned || !c.LastWelcome.IsZero() || !m.LastContacted.Before(since) {
		return false
	}
	from, to := now.Add(-WelcomeBefore), now.Add(-WelcomeAfter)
	if since.Before(from) || since.After(now) {
		return false
	}
	return !since.After(to) || SaysNew(c.FirstText)
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
