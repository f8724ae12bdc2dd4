package stats

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
)

// movesMemo keeps the quadrant moves already counted. Quadrants are
// recorded only when a day's snapshot is taken, so counted moves hold
// until the next snapshot (a member merged away in between is still
// counted until then: held is already "at most a few too many").
type movesMemo struct {
	mu   sync.Mutex
	seen map[movesKey][]core.QuadrantMove
}

type movesKey struct {
	from, to string
	channel  core.IdentityKind
	latest   string // the latest snapshot's day and time
}

// quadrantMoves counts the moves between two days, once per snapshot.
func (s *Service) quadrantMoves(ctx context.Context, fromDay, toDay string, channel core.IdentityKind) ([]core.QuadrantMove, error) {
	latest, err := s.store.LatestSnapshot(ctx, "9999-12-31", channel)
	if err != nil && !errors.Is(err, core.ErrNotFound) {
		return nil, fmt.Errorf("stats: %w", err)
	}
	key := movesKey{fromDay, toDay, channel, latest.Day + " " + latest.TakenAt.Format(time.RFC3339Nano)}
	s.moves.mu.Lock()
	moves, ok := s.moves.seen[key]
	s.moves.mu.Unlock()
	if ok {
		return moves, nil
	}
	moves, err = s.store.QuadrantMoves(ctx, fromDay, toDay, channel)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	s.moves.mu.Lock()
	defer s.moves.mu.Unlock()
	if len(s.moves.seen) >= 64 {
		s.moves.seen = nil // the periods looked at lately come back soon enough
	}
	if s.moves.seen == nil {
		s.moves.seen = map[movesKey][]core.QuadrantMove{}
	}
	s.moves.seen[key] = moves
	return moves, nil
}
