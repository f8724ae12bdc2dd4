package inbox

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Moderations lists the moderation actions an item offers, for menus.
func (s *Service) Moderations(ctx context.Context, itemID int64) ([]core.ModKind, error) {
	it, err := s.store.Item(ctx, itemID)
	if err != nil {
		return nil, fmt.Errorf("inbox: moderations of %d: %w", itemID, err)
	}
	return core.ModerationsFor(it), nil
}

// Moderate queues a moderation action in the outbox, so that it survives a
// restart and an offline spell, and makes the local item follow at once: a
// deleted comment or hidden reply leaves the triage view, a restored one
// comes back open. A ban changes no item; its author is marked banned when
// the channel confirms it.
func (s *Service) Moderate(ctx context.Context, itemID int64, a core.ModAction) error {
	it, err := s.store.Item(ctx, itemID)
	if err != nil {
		return fmt.Errorf("inbox: moderate %d: %w", itemID, err)
	}
	if !slices.Contains(core.ModerationsFor(it), a.Kind) {
		return fmt.Errorf("inbox: this %s offers no %q: %w", kindNoun(it.Kind), a.Kind, core.ErrUnsupported)
	}
	a.At = s.now()
	if err := a.Validate(); err != nil {
		return fmt.Errorf("inbox: %w", err)
	}
	payload, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("inbox: moderate %d: %w", itemID, err)
	}
	if err := s.enqueue(ctx, it, core.OpModerate, payload, RandomToken()); err != nil {
		return err
	}
	if st, ok := stateAfter(a.Kind); ok && st != it.State {
		if err := s.store.SetState(ctx, itemID, st, time.Time{}); err != nil {
			return fmt.Errorf("inbox: moderate %d: %w", itemID, err)
		}
		s.changed(it)
	}
	return nil
}

// stateAfter is the triage state an item takes when a moderation action on
// it is asked for.
func stateAfter(k core.ModKind) (core.State, bool) {
	switch k {
	case core.ModDelete, core.ModHide:
		return core.StateHidden, true
	case core.ModRestore, core.ModUnhide:
		return core.StateOpen, true
	}
	return "", false
}

func kindNoun(k core.ItemKind) string {
	switch k {
	case core.ItemVKComment:
		return "VK comment"
	case core.ItemVKPost:
		return "VK post"
	case core.ItemVKMessage:
		return "VK message"
	case core.ItemXMention, core.ItemXReply:
		return "post on X"
	case core.ItemEmail:
		return "e-mail"
	}
	return "item"
}
