package calendar

import (
	"context"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// MissingAfter is how long an agenda may go without a post before the
// calendar warns: a community without its joint project or its own life
// for two weeks is fading.
const MissingAfter = 14 * 24 * time.Hour

// Balance is the share of each agenda among the posts of a range, and the
// agendas left without a post for MissingAfter or more.
type Balance struct {
	Total  int                 // posts with an agenda or not, skipped ones excluded
	Counts map[core.Agenda]int // per agenda, AgendaNone included
	Gaps   []Gap               // one per agenda that went missing, in core.Agendas order
}

// Share is an agenda's part of the range's posts, 0..1.
func (b Balance) Share(a core.Agenda) float64 {
	if b.Total == 0 {
		return 0
	}
	return float64(b.Counts[a]) / float64(b.Total)
}

// Gap is the longest stretch without a post of an agenda.
type Gap struct {
	Agenda   core.Agenda
	From, To time.Time
}

// Days is how many days the gap lasts.
func (g Gap) Days() int { return int(g.To.Sub(g.From) / (24 * time.Hour)) }

// Warning says the gap in a sentence.
func (g Gap) Warning() string {
	return fmt.Sprintf("no %s post for %d days (%s to %s)", agendaNoun(g.Agenda), g.Days(),
		g.From.Format("2 Jan"), g.To.Format("2 Jan"))
}

func agendaNoun(a core.Agenda) string {
	switch a {
	case core.AgendaProject:
		return "joint-project"
	case core.AgendaNews:
		return "outside-news"
	case core.AgendaLife:
		return "community-life"
	}
	return "unlabelled"
}

// Balance computes the agenda balance of [from, to). Gaps are looked for
// over at least the MissingAfter before to, so a week view warns too.
func (s *Service) Balance(ctx context.Context, from, to time.Time) (Balance, error) {
	start := to.Add(-MissingAfter)
	if from.Before(start) {
		start = from
	}
	posts, err := s.store.Posts(ctx, start, to)
	if err != nil {
		return Balance{}, fmt.Errorf("calendar: balance: %w", err)
	}
	return balanceOf(posts, from, start, to), nil
}

// balanceOf counts the posts in [from, to) and finds the gaps in [start, to).
func balanceOf(posts []core.Post, from, start, to time.Time) Balance {
	b := Balance{Counts: map[core.Agenda]int{}}
	seen := map[core.Agenda][]time.Time{}
	for _, p := range posts {
		if p.Skipped {
			continue
		}
		seen[p.Agenda] = append(seen[p.Agenda], p.At)
		if !p.At.Before(from) {
			b.Total++
			b.Counts[p.Agenda]++
		}
	}
	for _, a := range core.Agendas {
		if g, ok := longestGap(a, seen[a], start, to); ok {
			b.Gaps = append(b.Gaps, g)
		}
	}
	return b
}

// longestGap finds the longest stretch of [start, to) without one of the
// (sorted) times, when it reaches MissingAfter.
func longestGap(a core.Agenda, times []time.Time, start, to time.Time) (Gap, bool) {
	best := Gap{Agenda: a}
	prev := start
	for _, t := range append(times, to) {
		if t.Sub(prev) > best.To.Sub(best.From) {
			best.From, best.To = prev, t
		}
		prev = t
	}
	return best, best.To.Sub(best.From) >= MissingAfter
}
