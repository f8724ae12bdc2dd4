package rules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/hearthhq/hearth/core"
)

// Steps returns what rules did to an item and the rest of its
// conversation, oldest first, for the thread to say.
func (s *Service) Steps(ctx context.Context, itemID int64) ([]core.RuleStep, error) {
	it, err := s.store.Item(ctx, itemID)
	if err != nil {
		return nil, fmt.Errorf("rules: steps of %d: %w", itemID, err)
	}
	return s.store.RuleSteps(ctx, itemID, it.ThreadID)
}

// Undo reverts what a rule did: the state it replaced comes back, its tag
// goes (unless the item had it before), its hide is lifted on the channel
// through the outbox, its notification is withdrawn, its reply is held
// back if still queued (one on its way or sent is core.ErrConflict: it
// cannot be unsent). A step undone already is core.ErrConflict.
func (s *Service) Undo(ctx context.Context, stepID int64) error {
	step, err := s.store.RuleStep(ctx, stepID)
	if err != nil {
		return fmt.Errorf("rules: undo: %w", err)
	}
	if !step.UndoneAt.IsZero() {
		return fmt.Errorf("rules: undo: %w: it is undone already", core.ErrConflict)
	}
	it, err := s.store.Item(ctx, step.ItemID)
	if err != nil {
		return fmt.Errorf("rules: undo: %w", err)
	}
	if step.Outcome == "" {
		if err := s.revert(ctx, step, it); err != nil {
			return fmt.Errorf("rules: undo %q on item %d: %w", step.Action, it.ID, err)
		}
	}
	if err := s.store.MarkRuleStepUndone(ctx, stepID, s.now()); err != nil {
		return fmt.Errorf("rules: undo: %w", err)
	}
	s.notify.Publish(core.Event{Kind: core.EventItems, AccountID: it.AccountID, ItemIDs: []int64{it.ID}})
	return nil
}

func (s *Service) revert(ctx context.Context, step core.RuleStep, it core.Item) error {
	switch step.Action.Kind {
	case core.RuleTag:
		if step.Previous == core.PreviousHadTag {
			return nil
		}
		return s.store.RemoveTag(ctx, it.ID, step.Action.Arg)
	case core.RuleState:
		st, until := core.DecodePrevious(step.Previous)
		return s.store.SetState(ctx, it.ID, st, until)
	case core.RuleHide:
		if err := s.unhide(ctx, step, it); err != nil {
			return err
		}
		st, until := core.DecodePrevious(step.Previous)
		return s.store.SetState(ctx, it.ID, st, until)
	case core.RuleNotify:
		return s.store.DropNotification(ctx, it.ID, step.RuleName)
	case core.RuleReply:
		err := s.store.CancelQueued(ctx, step.OutboxID)
		if errors.Is(err, core.ErrNotFound) {
			return nil // discarded by a person meanwhile
		}
		return err
	}
	return nil
}

// unhide queues the moderation that lifts the rule's hide: X shows the
// reply again, VK restores the comment. A hide still queued is simply
// held back.
func (s *Service) unhide(ctx context.Context, step core.RuleStep, it core.Item) error {
	if step.OutboxID != 0 {
		if err := s.store.CancelQueued(ctx, step.OutboxID); err == nil {
			return nil
		}
	}
	kind := core.ModUnhide
	if it.Kind != core.ItemXMention && it.Kind != core.ItemXReply {
		kind = core.ModRestore
	}
	// ModerationsFor offers unhide/restore from the item as it stands
	// after the hide: look at it as hidden and deleted.
	hidden := it
	hidden.State, hidden.Deleted = core.StateHidden, true
	if !slices.Contains(core.ModerationsFor(hidden), kind) {
		return fmt.Errorf("this %s cannot be shown again from Hearth: %w", it.Kind, core.ErrUnsupported)
	}
	payload, _ := json.Marshal(core.ModAction{Kind: kind, At: s.now()})
	_, err := s.store.Enqueue(ctx, core.OutboxEntry{AccountID: it.AccountID, ItemID: it.ID, Op: core.OpModerate,
		Payload: payload, IdemKey: randomToken(), State: core.OutboxQueued, CreatedAt: s.now()})
	if err != nil {
		return err
	}
	s.notify.Publish(core.Event{Kind: core.EventOutbox, AccountID: it.AccountID, ItemIDs: []int64{it.ID}})
	s.notify.KickOutbox()
	return nil
}
