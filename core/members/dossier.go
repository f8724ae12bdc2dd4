package members

import (
	"context"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Dossier is everything the member's screen shows at once.
type Dossier struct {
	Member     core.Member
	Identities []core.Identity
	Interests  []string
	Expertise  []core.Expertise
	Notes      []core.Note // newest first
	Cohort     core.Cohort
	// Why explains the scores, the quadrant and the cohort in sentences.
	Why Explanation
	// Standing is what Why is made of, for the window's language.
	Standing Standing
	Timeline []core.TimelineEntry // the newest page; TimelinePage pages on
	Meetups  []core.MeetupAttended
	Rituals  []core.RitualDone
}

// TimelinePageSize is the timeline page a dossier opens with.
const TimelinePageSize = 100

// Dossier opens a member's file.
func (s *Service) Dossier(ctx context.Context, id int64) (Dossier, error) {
	cs, err := s.Settings(ctx)
	if err != nil {
		return Dossier{}, err
	}
	d, err := s.dossier(ctx, id, cs)
	if err != nil {
		return Dossier{}, fmt.Errorf("members: dossier %d: %w", id, err)
	}
	return d, nil
}

func (s *Service) dossier(ctx context.Context, id int64, cs core.ScoreSettings) (Dossier, error) {
	var d Dossier
	var err error
	if d.Member, err = s.store.Member(ctx, id); err != nil {
		return d, err
	}
	if d.Identities, err = s.store.MemberIdentities(ctx, id); err != nil {
		return d, err
	}
	if d.Interests, d.Expertise, err = s.store.MemberTopics(ctx, id); err != nil {
		return d, err
	}
	if d.Notes, err = s.store.MemberNotes(ctx, id); err != nil {
		return d, err
	}
	if d.Timeline, err = s.store.MemberTimeline(ctx, id, time.Time{}, 0, TimelinePageSize); err != nil {
		return d, err
	}
	if d.Meetups, err = s.store.MemberMeetups(ctx, id); err != nil {
		return d, err
	}
	if d.Rituals, err = s.store.RitualsDone(ctx, id); err != nil {
		return d, err
	}
	now := s.now()
	in, err := s.store.ScoreInput(ctx, id, scoreWindows(now, cs))
	if err != nil {
		return d, err
	}
	d.Cohort = core.CohortOf(d.Member, now, cs)
	d.Why = Explain(d.Member, in, now, cs)
	d.Standing = StandingOf(d.Member, in, now, cs)
	return d, nil
}

// TimelinePage returns the timeline entries older than the last one shown.
func (s *Service) TimelinePage(ctx context.Context, id int64, after core.TimelineEntry, limit int) ([]core.TimelineEntry, error) {
	list, err := s.store.MemberTimeline(ctx, id, after.At, after.ItemID, limit)
	if err != nil {
		return nil, fmt.Errorf("members: timeline %d: %w", id, err)
	}
	return list, nil
}

// List returns a page of the members table. Cohort filters use the
// service's clock unless f.Now is set.
func (s *Service) List(ctx context.Context, f core.MemberFilter) (core.MemberPage, error) {
	cs, err := s.Settings(ctx)
	if err != nil {
		return core.MemberPage{}, err
	}
	if f.Now.IsZero() {
		f.Now = s.now()
	}
	page, err := s.store.Members(ctx, f, core.CohortBoundsAt(f.Now, cs))
	if err != nil {
		return page, fmt.Errorf("members: list: %w", err)
	}
	return page, nil
}

// Counts returns the members per segment, for the filter buttons.
func (s *Service) Counts(ctx context.Context) (core.SegmentCounts, error) {
	cs, err := s.Settings(ctx)
	if err != nil {
		return core.SegmentCounts{}, err
	}
	c, err := s.store.SegmentCounts(ctx, core.CohortBoundsAt(s.now(), cs))
	if err != nil {
		return c, fmt.Errorf("members: counts: %w", err)
	}
	return c, nil
}

// CohortOf says which cohort a listed member is in now.
func (s *Service) CohortOf(ctx context.Context, m core.Member) (core.Cohort, error) {
	cs, err := s.Settings(ctx)
	if err != nil {
		return "", err
	}
	return core.CohortOf(m, s.now(), cs), nil
}

// UpdateProfile edits a member's profile fields.
func (s *Service) UpdateProfile(ctx context.Context, id int64, p core.MemberProfile) error {
	if err := s.store.UpdateMemberProfile(ctx, id, p); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	return nil
}

// Tag adds and removes tags on several members at once.
func (s *Service) Tag(ctx context.Context, ids []int64, add, remove []string) error {
	if err := s.store.SetMemberTags(ctx, ids, add, remove); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	return nil
}

// AddNote adds a note dated now.
func (s *Service) AddNote(ctx context.Context, id int64, text string) (core.Note, error) {
	at := s.now()
	nid, err := s.store.AddMemberNote(ctx, id, text, at)
	if err != nil {
		return core.Note{}, fmt.Errorf("members: %w", err)
	}
	return core.Note{ID: nid, MemberID: id, Text: text, At: at}, nil
}

// DeleteNote removes a note.
func (s *Service) DeleteNote(ctx context.Context, noteID int64) error {
	if err := s.store.DeleteMemberNote(ctx, noteID); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	return nil
}

// SetInterests replaces a member's interests.
func (s *Service) SetInterests(ctx context.Context, id int64, topics []string) error {
	if err := s.store.SetMemberInterests(ctx, id, topics); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	return nil
}

// SetExpertise replaces a member's expertise; levels run from 1 to 5.
func (s *Service) SetExpertise(ctx context.Context, id int64, list []core.Expertise) error {
	for _, e := range list {
		if e.Level < 1 || e.Level > 5 {
			return fmt.Errorf("members: expertise %q: level %d is not between 1 and 5", e.Topic, e.Level)
		}
	}
	if err := s.store.SetMemberExpertise(ctx, id, list); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	return nil
}

// Delete erases a member and their personal data on their request.
func (s *Service) Delete(ctx context.Context, id int64) error {
	if err := s.store.DeleteMember(ctx, id); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	return nil
}
