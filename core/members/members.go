// Package members holds the member-file use cases over the store: the
// members table with its filters and segment counts, the dossier with its
// explained scores, merges and merge suggestions, the rituals (welcome
// queue, monthly check-ins), the expert finder, import and export.
//
// Scores and seen times are folded in by Refresh, which the app runs after
// each sync batch (and the CLI before it reads): it reads each new item
// once, so it stays cheap at a million items.
package members

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Store is what the member files need of the workspace store.
type Store interface {
	Member(ctx context.Context, id int64) (core.Member, error)
	MemberOfIdentity(ctx context.Context, identityID int64) (int64, error)
	Members(ctx context.Context, f core.MemberFilter, b core.CohortBounds) (core.MemberPage, error)
	SegmentCounts(ctx context.Context, b core.CohortBounds) (core.SegmentCounts, error)
	Identity(ctx context.Context, kind core.IdentityKind, address string) (core.Identity, error)
	MemberIdentities(ctx context.Context, memberID int64) ([]core.Identity, error)
	CreateMember(ctx context.Context, m core.Member, now time.Time) (int64, error)
	UpdateMemberProfile(ctx context.Context, id int64, p core.MemberProfile) error
	AddIdentityToMember(ctx context.Context, memberID int64, id core.Identity, fields func(into, from core.Member) core.Member) (int64, bool, error)
	SetMemberTags(ctx context.Context, memberIDs []int64, add, remove []string) error
	AddMemberNote(ctx context.Context, memberID int64, text string, at time.Time) (int64, error)
	DeleteMemberNote(ctx context.Context, noteID int64) error
	MemberNotes(ctx context.Context, memberID int64) ([]core.Note, error)
	SetMemberInterests(ctx context.Context, memberID int64, topics []string) error
	SetMemberExpertise(ctx context.Context, memberID int64, list []core.Expertise) error
	MemberTopics(ctx context.Context, memberID int64) ([]string, []core.Expertise, error)
	DeleteMember(ctx context.Context, id int64) error
	MergeMembers(ctx context.Context, into, from int64, fields func(into, from core.Member) core.Member) error
	MergeMembersUndoable(ctx context.Context, into, from int64, fields func(into, from core.Member) core.Member) (core.MergeUndo, error)
	UndoMerge(ctx context.Context, u core.MergeUndo) error
	SplitIdentity(ctx context.Context, identityID int64, now time.Time) (int64, error)
	RecordMergeDecision(ctx context.Context, identityA, identityB int64, accepted bool, at time.Time) error
	MergeCandidates(ctx context.Context) ([]core.MergeSuggestion, error)
	CatchUpMembers(ctx context.Context, rate func(text string, t *core.Tone) int, limit int) (int, error)
	RescoreMembers(ctx context.Context, w core.ScoreWindows, score func(core.ScoreInput) core.Scores, limit int) (int, error)
	MarkMembersStale(ctx context.Context) error
	ScoreInput(ctx context.Context, memberID int64, w core.ScoreWindows) (core.ScoreInput, error)
	MemberTimeline(ctx context.Context, memberID int64, before time.Time, beforeID int64, limit int) ([]core.TimelineEntry, error)
	MemberItems(ctx context.Context, memberID int64) ([]core.Item, error)
	MemberMeetups(ctx context.Context, memberID int64) ([]core.MeetupAttended, error)
	WelcomeQueue(ctx context.Context, from, now time.Time, due func(c core.WelcomeCandidate) bool, limit int) ([]core.Member, error)
	CheckInList(ctx context.Context, quietSince time.Time, due func(m core.Member, lastCheckIn time.Time) bool, limit int) ([]core.Member, error)
	MarkRitual(ctx context.Context, memberIDs []int64, r core.Ritual, at time.Time) error
	RitualsDone(ctx context.Context, memberID int64) ([]core.RitualDone, error)
	ExpertEvidence(ctx context.Context, topic string, rate func(text string) int) (map[int64]*core.ExpertEvidence, error)
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Params wires a Service.
type Params struct {
	Store Store
	Now   func() time.Time // nil: time.Now
}

// Service is the member-file use cases.
type Service struct {
	store Store
	now   func() time.Time
}

// New makes a Service.
func New(p Params) *Service {
	now := p.Now
	if now == nil {
		now = time.Now
	}
	return &Service{store: p.Store, now: now}
}

// settingsKey holds the score settings as JSON.
const settingsKey = "members.scores"

// Settings returns the score settings, the defaults where none are saved.
func (s *Service) Settings(ctx context.Context) (core.ScoreSettings, error) {
	def := core.DefaultScoreSettings()
	v, err := s.store.Setting(ctx, settingsKey)
	if errors.Is(err, core.ErrNotFound) {
		return def, nil
	}
	if err != nil {
		return def, fmt.Errorf("members: settings: %w", err)
	}
	cs := def
	if err := json.Unmarshal([]byte(v), &cs); err != nil {
		return def, fmt.Errorf("members: settings: %w", err)
	}
	return cs, nil
}

// SetSettings saves the score settings; the next Refresh rescores everyone.
func (s *Service) SetSettings(ctx context.Context, cs core.ScoreSettings) error {
	if err := validSettings(cs); err != nil {
		return fmt.Errorf("members: settings: %w", err)
	}
	b, err := json.Marshal(cs)
	if err != nil {
		return fmt.Errorf("members: settings: %w", err)
	}
	if err := s.store.SetSetting(ctx, settingsKey, string(b)); err != nil {
		return fmt.Errorf("members: settings: %w", err)
	}
	// Scores of today were computed with the old settings.
	return s.store.SetSetting(ctx, rescoreKey, "")
}

func validSettings(cs core.ScoreSettings) error {
	switch {
	case cs.ActivityDays <= 0 || cs.LoyaltyDays <= 0:
		return errors.New("score windows must be at least a day")
	case cs.NewDays <= 0 || cs.DriftDays <= 0 || cs.DeadDays < cs.DriftDays:
		return errors.New("cohort windows must be positive, and dead souls silent longer than drifters")
	case cs.PostWeight < 0 || cs.CommentWeight < 0 || cs.MessageWeight < 0:
		return errors.New("weights cannot be negative")
	}
	return nil
}

// rescoreKey remembers the settings the stored scores were computed with,
// so that a change rescores everyone once.
const rescoreKey = "members.scored_with"

// Refresh folds new items into the member files and rescores the members
// that changed, and everyone once a day (the windows move). It works in
// small transactions so that a sync is never held up for long.
func (s *Service) Refresh(ctx context.Context) error {
	for {
		n, err := s.store.CatchUpMembers(ctx, RateItem, 2000)
		if err != nil {
			return fmt.Errorf("members: refresh: %w", err)
		}
		if n == 0 {
			break
		}
	}
	cs, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	if err := s.forceRescoreOnChange(ctx, cs); err != nil {
		return err
	}
	w, score := scoreWindows(s.now(), cs), scoreRule(cs)
	for {
		n, err := s.store.RescoreMembers(ctx, w, score, 2000)
		if err != nil {
			return fmt.Errorf("members: refresh: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
}

// forceRescoreOnChange marks every score stale when the settings differ
// from those of the last rescoring.
func (s *Service) forceRescoreOnChange(ctx context.Context, cs core.ScoreSettings) error {
	b, _ := json.Marshal(cs) // a struct of numbers always encodes
	last, err := s.store.Setting(ctx, rescoreKey)
	if err != nil && !errors.Is(err, core.ErrNotFound) {
		return fmt.Errorf("members: refresh: %w", err)
	}
	if last == string(b) {
		return nil
	}
	if err := s.store.MarkMembersStale(ctx); err != nil {
		return fmt.Errorf("members: refresh: %w", err)
	}
	return s.store.SetSetting(ctx, rescoreKey, string(b))
}
