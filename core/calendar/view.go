package calendar

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Filter narrows what a calendar view shows.
type Filter struct {
	// Accounts keeps the posts with a channel among these; empty: all.
	Accounts []int64
}

func (f Filter) keeps(p core.Post) bool {
	if len(f.Accounts) == 0 {
		return true
	}
	for _, t := range p.Targets {
		if slices.Contains(f.Accounts, t.AccountID) {
			return true
		}
	}
	return false
}

// Entry is a post as a calendar cell shows it.
type Entry struct {
	Post  core.Post
	Local time.Time // the post's time on the viewer's wall clock
}

// View is what a month, week or agenda screen shows of a range.
type View struct {
	From, To  time.Time
	Posts     []Entry
	Campaigns []core.Campaign
	Meetups   []core.Meetup
	Balance   Balance
}

// Range returns the posts placed in [from, to) (skipped occurrences
// included, for the record), the campaigns and meetups that overlap it and
// the agenda balance of the range. Times are shown in loc (nil: the
// service's zone).
func (s *Service) Range(ctx context.Context, from, to time.Time, f Filter, loc *time.Location) (View, error) {
	if loc == nil {
		var err error
		if loc, err = time.LoadLocation(s.zone); err != nil {
			return View{}, fmt.Errorf("calendar: zone %q: %w", s.zone, err)
		}
	}
	v := View{From: from, To: to}
	posts, err := s.store.Posts(ctx, from, to)
	if err != nil {
		return v, fmt.Errorf("calendar: %w", err)
	}
	for _, p := range posts {
		if f.keeps(p) {
			v.Posts = append(v.Posts, Entry{Post: p, Local: p.At.In(loc)})
		}
	}
	// Campaign days are civil: compare them with the range's own days.
	if v.Campaigns, err = s.store.Campaigns(ctx, civil(from.In(loc)), civil(to.Add(-time.Nanosecond).In(loc))); err != nil {
		return v, fmt.Errorf("calendar: %w", err)
	}
	if v.Meetups, err = s.store.Meetups(ctx, from, to); err != nil {
		return v, fmt.Errorf("calendar: %w", err)
	}
	if v.Balance, err = s.Balance(ctx, from, to); err != nil {
		return v, err
	}
	return v, nil
}

// civil is midnight UTC of t's wall-clock day: how campaign days are kept.
func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// ColourBy chooses what a calendar colours posts by.
type ColourBy int

// Colouring modes.
const (
	ByChannel ColourBy = iota
	ByAgenda
)

// Colour is the colour of a post's cell: its first channel's, or its
// agenda's. A skipped occurrence is grey whatever the mode.
func Colour(p core.Post, by ColourBy) color.NRGBA {
	if p.Skipped {
		return grey
	}
	if by == ByAgenda {
		return AgendaColour(p.Agenda)
	}
	if len(p.Targets) == 0 {
		return grey
	}
	return ChannelColour(p.Targets[0].AccountKind)
}

var grey = color.NRGBA{R: 0x9e, G: 0x9e, B: 0x9e, A: 0xff}

// AgendaColour is an agenda's colour, the same in every view and legend.
func AgendaColour(a core.Agenda) color.NRGBA {
	switch a {
	case core.AgendaProject:
		return color.NRGBA{R: 0xe6, G: 0x7e, B: 0x22, A: 0xff} // orange
	case core.AgendaNews:
		return color.NRGBA{R: 0x29, G: 0x80, B: 0xb9, A: 0xff} // blue
	case core.AgendaLife:
		return color.NRGBA{R: 0x27, G: 0xae, B: 0x60, A: 0xff} // green
	}
	return grey
}

// ChannelColour is a channel's colour: close to the service's own brand.
func ChannelColour(k core.AccountKind) color.NRGBA {
	switch k {
	case core.KindVK:
		return color.NRGBA{R: 0x00, G: 0x77, B: 0xff, A: 0xff}
	case core.KindX:
		return color.NRGBA{R: 0x14, G: 0x17, B: 0x1a, A: 0xff}
	case core.KindIMAP:
		return color.NRGBA{R: 0x8e, G: 0x44, B: 0xad, A: 0xff}
	}
	return grey
}

// Campaigns and meetups, for their own editors.

// CreateCampaign stores a campaign.
func (s *Service) CreateCampaign(ctx context.Context, c core.Campaign) (int64, error) {
	c.Start, c.End = civil(c.Start), civil(c.End)
	id, err := s.store.CreateCampaign(ctx, c)
	if err != nil {
		return 0, fmt.Errorf("calendar: %w", err)
	}
	s.notify.Publish(core.Event{Kind: EventCalendar})
	return id, nil
}

// UpdateCampaign rewrites a campaign.
func (s *Service) UpdateCampaign(ctx context.Context, c core.Campaign) error {
	c.Start, c.End = civil(c.Start), civil(c.End)
	if err := s.store.UpdateCampaign(ctx, c); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	s.notify.Publish(core.Event{Kind: EventCalendar})
	return nil
}

// DeleteCampaign removes a campaign; its posts stay.
func (s *Service) DeleteCampaign(ctx context.Context, id int64) error {
	if err := s.store.DeleteCampaign(ctx, id); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	s.notify.Publish(core.Event{Kind: EventCalendar})
	return nil
}

// CreateMeetup stores a meetup; an empty zone is the service's.
func (s *Service) CreateMeetup(ctx context.Context, m core.Meetup) (int64, error) {
	if m.Zone == "" {
		m.Zone = s.zone
	}
	id, err := s.store.CreateMeetup(ctx, m)
	if err != nil {
		return 0, fmt.Errorf("calendar: %w", err)
	}
	s.notify.Publish(core.Event{Kind: EventCalendar})
	return id, nil
}

// UpdateMeetup rewrites a meetup.
func (s *Service) UpdateMeetup(ctx context.Context, m core.Meetup) error {
	if err := s.store.UpdateMeetup(ctx, m); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	s.notify.Publish(core.Event{Kind: EventCalendar})
	return nil
}

// DeleteMeetup removes a meetup.
func (s *Service) DeleteMeetup(ctx context.Context, id int64) error {
	if err := s.store.DeleteMeetup(ctx, id); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	s.notify.Publish(core.Event{Kind: EventCalendar})
	return nil
}
