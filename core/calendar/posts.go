package calendar

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Create stores a new post as a draft on its channels (targets need only
// AccountID and an optional variant Text). A recurring post with no anchor
// recurs at its own wall time. Each target gets its idempotency key here,
// once, for every attempt to come.
func (s *Service) Create(ctx context.Context, p core.Post) (core.Post, error) {
	if err := s.prepare(ctx, &p); err != nil {
		return core.Post{}, fmt.Errorf("calendar: new post: %w", err)
	}
	id, err := s.store.CreatePost(ctx, p)
	if err != nil {
		return core.Post{}, fmt.Errorf("calendar: new post: %w", err)
	}
	s.changed()
	return s.store.Post(ctx, id)
}

func (s *Service) prepare(ctx context.Context, p *core.Post) error {
	if p.Zone == "" {
		p.Zone = s.zone
	}
	loc, err := time.LoadLocation(p.Zone)
	if err != nil {
		return fmt.Errorf("time zone %q: %w", p.Zone, err)
	}
	if _, err := core.ParseAgenda(string(p.Agenda)); err != nil {
		return err
	}
	if err := s.prepareRecurrence(p, loc); err != nil {
		return err
	}
	for i := range p.Targets {
		t := &p.Targets[i]
		if _, err := s.store.Account(ctx, t.AccountID); err != nil {
			return fmt.Errorf("channel %d: %w", t.AccountID, err)
		}
		t.Key, t.State = s.newKey(), core.TargetDraft
	}
	return nil
}

func (s *Service) prepareRecurrence(p *core.Post, loc *time.Location) error {
	if p.Recurrence.IsZero() {
		return nil
	}
	if p.At.IsZero() {
		return fmt.Errorf("a recurring post needs a first time")
	}
	if p.Recurrence.Anchor == "" {
		p.Recurrence.Anchor = p.At.In(loc).Format(core.WallLayout)
	}
	return p.Recurrence.Validate()
}

// SaveDraft keeps what the composer holds (text, variants, media, agenda,
// tags, campaign, notes): one short write, cheap enough to call on every
// pause in typing. New channels get their keys; time and states are not
// touched (Move and Schedule do that).
func (s *Service) SaveDraft(ctx context.Context, p core.Post) error {
	if _, err := core.ParseAgenda(string(p.Agenda)); err != nil {
		return fmt.Errorf("calendar: save post %d: %w", p.ID, err)
	}
	for i := range p.Targets {
		if p.Targets[i].Key == "" {
			p.Targets[i].Key, p.Targets[i].State = s.newKey(), core.TargetDraft
		}
	}
	if err := s.store.SavePost(ctx, p); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	s.notify.Publish(core.Event{Kind: EventCalendar})
	return nil
}

// Post returns one post with the state of each of its channels.
func (s *Service) Post(ctx context.Context, id int64) (core.Post, error) {
	p, err := s.store.Post(ctx, id)
	if err != nil {
		return p, fmt.Errorf("calendar: %w", err)
	}
	return p, nil
}

// Unplaced lists the drafts not yet placed on the calendar.
func (s *Service) Unplaced(ctx context.Context) ([]core.Post, error) {
	ps, err := s.store.UnplacedPosts(ctx)
	if err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	return ps, nil
}

// Schedule hands a placed post to the publishing engine: its draft
// channels become scheduled.
func (s *Service) Schedule(ctx context.Context, id int64) error {
	p, err := s.store.Post(ctx, id)
	if err != nil {
		return fmt.Errorf("calendar: schedule: %w", err)
	}
	if p.At.IsZero() {
		return fmt.Errorf("calendar: schedule post %d: place it on the calendar first", id)
	}
	if len(p.Targets) == 0 {
		return fmt.Errorf("calendar: schedule post %d: choose at least one channel", id)
	}
	if _, err := s.store.SetPostTargets(ctx, id, []core.TargetState{core.TargetDraft}, core.TargetScheduled); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	s.changed()
	return nil
}

// Unschedule takes a post back to draft on the channels that have not
// published it.
func (s *Service) Unschedule(ctx context.Context, id int64) error {
	from := []core.TargetState{core.TargetScheduled, core.TargetHeld, core.TargetFailed}
	if _, err := s.store.SetPostTargets(ctx, id, from, core.TargetDraft); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	s.changed()
	return nil
}

// Move places a post at a new instant, keeping the zone it was scheduled
// in (a drag to another day or hour). A held or failed channel is
// scheduled again at the new time. An occurrence moves alone: the series
// keeps its rhythm.
func (s *Service) Move(ctx context.Context, id int64, at time.Time) error {
	p, err := s.store.Post(ctx, id)
	if err != nil {
		return fmt.Errorf("calendar: move: %w", err)
	}
	return s.Place(ctx, id, at, p.Zone)
}

// Place puts a post at an instant in a named zone.
func (s *Service) Place(ctx context.Context, id int64, at time.Time, zone string) error {
	if zone == "" {
		zone = s.zone
	}
	if _, err := time.LoadLocation(zone); err != nil {
		return fmt.Errorf("calendar: place post %d: time zone %q: %w", id, zone, err)
	}
	if err := s.store.MovePost(ctx, id, at.UTC(), zone); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	s.changed()
	return nil
}

// Delete removes a post that no channel has or may have published. An
// occurrence of a series is skipped instead, so it is not made again.
func (s *Service) Delete(ctx context.Context, id int64) error {
	p, err := s.store.Post(ctx, id)
	if err != nil {
		return fmt.Errorf("calendar: delete: %w", err)
	}
	if p.SeriesID != 0 {
		return s.Skip(ctx, id)
	}
	if err := s.store.DeletePost(ctx, id); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	s.changed()
	return nil
}

// Skip passes over an occurrence of a recurring post (or any post): none
// of its channels publish it, and the series goes on with the next
// occurrence ahead of now.
func (s *Service) Skip(ctx context.Context, id int64) error {
	if err := s.store.SkipPost(ctx, id); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	s.changed()
	return nil
}

// EndSeries stops a recurring post after the given occurrence.
func (s *Service) EndSeries(ctx context.Context, id int64) error {
	p, err := s.store.Post(ctx, id)
	if err != nil {
		return fmt.Errorf("calendar: end series: %w", err)
	}
	if p.SeriesID == 0 {
		return fmt.Errorf("calendar: post %d does not recur", id)
	}
	if err := s.store.EndSeries(ctx, p.SeriesID, p.At); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	s.changed()
	return nil
}

// Retry publishes a failed or held channel of a post again, alone, now,
// with the same idempotency key. The other channels are left as they are.
func (s *Service) Retry(ctx context.Context, targetID int64) error {
	err := s.store.RetryTarget(ctx, targetID)
	if errors.Is(err, core.ErrNotFound) {
		if _, terr := s.store.Target(ctx, targetID); terr == nil {
			return fmt.Errorf("calendar: %w", core.Say("only a failed or held channel is retried").Because(core.ErrConflict))
		}
	}
	if err != nil {
		return fmt.Errorf("calendar: retry: %w", err)
	}
	s.changed()
	return nil
}
