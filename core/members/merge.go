package members

import (
	"context"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// Merge puts member from's identities and file into member into, by hand.
func (s *Service) Merge(ctx context.Context, into, from int64) error {
	if err := s.store.MergeMembers(ctx, into, from, mergeFields); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	return nil
}

// MergeUndoable merges like Merge and returns what takes it back.
func (s *Service) MergeUndoable(ctx context.Context, into, from int64) (core.MergeUndo, error) {
	u, err := s.store.MergeMembersUndoable(ctx, into, from, mergeFields)
	if err != nil {
		return core.MergeUndo{}, fmt.Errorf("members: %w", err)
	}
	return u, nil
}

// UndoMerge takes a merge back: both files as they were before it.
func (s *Service) UndoMerge(ctx context.Context, u core.MergeUndo) error {
	if err := s.store.UndoMerge(ctx, u); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	return nil
}

// Split takes an identity out of its member's file into a file of its own
// and returns the new member's id.
func (s *Service) Split(ctx context.Context, identityID int64) (int64, error) {
	id, err := s.store.SplitIdentity(ctx, identityID, s.now())
	if err != nil {
		return 0, fmt.Errorf("members: %w", err)
	}
	return id, nil
}

// Suggestions lists possible merges, strongest first (see rankSuggestions); limit 0
// lists them all. None is ever applied without Accept.
func (s *Service) Suggestions(ctx context.Context, limit int) ([]core.MergeSuggestion, error) {
	list, err := s.store.MergeCandidates(ctx)
	if err != nil {
		return nil, fmt.Errorf("members: suggestions: %w", err)
	}
	rankSuggestions(list)
	if limit > 0 && len(list) > limit {
		list = list[:limit]
	}
	return list, nil
}

// Accept merges the members of a suggestion, as they are now (either may
// have been merged since), into the first one, and records the answer. It
// returns the surviving member's id.
func (s *Service) Accept(ctx context.Context, sg core.MergeSuggestion) (int64, error) {
	into, err := s.store.MemberOfIdentity(ctx, sg.IdentityA)
	if err != nil {
		return 0, fmt.Errorf("members: accept: %w", err)
	}
	from, err := s.store.MemberOfIdentity(ctx, sg.IdentityB)
	if err != nil {
		return 0, fmt.Errorf("members: accept: %w", err)
	}
	if from != into {
		if err := s.store.MergeMembers(ctx, into, from, mergeFields); err != nil {
			return 0, fmt.Errorf("members: accept: %w", err)
		}
	}
	if err := s.store.RecordMergeDecision(ctx, sg.IdentityA, sg.IdentityB, true, s.now()); err != nil {
		return 0, fmt.Errorf("members: accept: %w", err)
	}
	return into, nil
}

// Reject records that the two identities of a suggestion are not one
// person, so it is not proposed again.
func (s *Service) Reject(ctx context.Context, sg core.MergeSuggestion) error {
	if err := s.store.RecordMergeDecision(ctx, sg.IdentityA, sg.IdentityB, false, s.now()); err != nil {
		return fmt.Errorf("members: reject: %w", err)
	}
	return nil
}

// ReasonText says a merge reason in words.
func ReasonText(r core.MergeReason) string {
	return map[core.MergeReason]string{
		core.ReasonSameHandle:    "same screen name on VK and X",
		core.ReasonHandleIsLocal: "screen name is the e-mail's name part",
		core.ReasonNameAndLocal:  "same name and same e-mail name part",
		core.ReasonSamePhoto:     "same photo",
		core.ReasonSameFullName:  "same full name",
	}[r]
}
