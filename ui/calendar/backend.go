package calendar

import (
	"context"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
)

// Calendar is the content-calendar use case the calendar screens drive;
// core/calendar's Service satisfies it as it is.
type Calendar interface {
	// Zone names the IANA zone the calendar is shown and scheduled in.
	Zone() string
	// Range is what a month, week or agenda view shows of [from, to):
	// posts with their local time, campaigns, meetups and the agenda
	// balance. Times are shown in loc.
	Range(ctx context.Context, from, to time.Time, f calendar.Filter, loc *time.Location) (calendar.View, error)
	Post(ctx context.Context, id int64) (core.Post, error)

	// Create stores a new post as a draft; SaveDraft rewrites what the
	// editor holds (text, variants, agenda, tags, campaign, notes), never
	// its time or states.
	Create(ctx context.Context, p core.Post) (core.Post, error)
	SaveDraft(ctx context.Context, p core.Post) error
	// Place puts a post at an instant in a zone; Move keeps its zone (a
	// drag on the calendar).
	Place(ctx context.Context, id int64, at time.Time, zone string) error
	Move(ctx context.Context, id int64, at time.Time) error
	Schedule(ctx context.Context, id int64) error
	Unschedule(ctx context.Context, id int64) error
	Delete(ctx context.Context, id int64) error
	// Skip passes over a post: none of its channels publish it.
	Skip(ctx context.Context, id int64) error
	// Retry publishes one failed or held channel of a post again, alone.
	Retry(ctx context.Context, targetID int64) error

	// Count measures a text for a channel kind (X weighted length, VK
	// characters) against its limits. It does no IO.
	Count(kind core.AccountKind, text string, media int) calendar.Counter
	CreateCampaign(ctx context.Context, c core.Campaign) (int64, error)
	CreateMeetup(ctx context.Context, m core.Meetup) (int64, error)
}
