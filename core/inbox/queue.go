package inbox

import (
	"context"
	"fmt"
)

// ModerationStore keeps what a person decided in the moderation queue.
type ModerationStore interface {
	// SetModerationFine marks an item fine (out of the queue) or not.
	SetModerationFine(ctx context.Context, itemID int64, fine bool) error
}

// MarkFine takes a message out of the moderation queue (ItemFilter.
// NeedsModeration): a person read it and it needs nothing. fine false puts
// it back, as an undo does. Its tone stays as computed.
func (s *Service) MarkFine(ctx context.Context, itemID int64, fine bool) error {
	it, err := s.store.Item(ctx, itemID)
	if err != nil {
		return fmt.Errorf("inbox: fine %d: %w", itemID, err)
	}
	if err := s.store.SetModerationFine(ctx, itemID, fine); err != nil {
		return fmt.Errorf("inbox: fine %d: %w", itemID, err)
	}
	s.changed(it)
	return nil
}
