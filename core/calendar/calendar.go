// Package calendar is the content calendar: posts with per-channel
// variants placed in time, recurring series, campaigns and meetups, the
// agenda balance, the .ics export, and the publishing engine that puts due
// posts on their channels exactly once.
package calendar

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// EventCalendar is published after a post, campaign or meetup changed.
const EventCalendar core.EventKind = "calendar"

// Store is what the calendar needs of the workspace store.
type Store interface {
	Account(ctx context.Context, id int64) (core.Account, error)
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error

	CreatePost(ctx context.Context, p core.Post) (int64, error)
	SavePost(ctx context.Context, p core.Post) error
	Post(ctx context.Context, id int64) (core.Post, error)
	Posts(ctx context.Context, from, to time.Time) ([]core.Post, error)
	UnplacedPosts(ctx context.Context) ([]core.Post, error)
	SeriesTails(ctx context.Context) ([]core.Post, error)
	DeletePost(ctx context.Context, id int64) error
	MovePost(ctx context.Context, id int64, at time.Time, zone string) error
	SetPostTargets(ctx context.Context, postID int64, from []core.TargetState, to core.TargetState) (int, error)
	SkipPost(ctx context.Context, id int64) error
	EndSeries(ctx context.Context, seriesID int64, until time.Time) error

	Target(ctx context.Context, id int64) (core.PostTarget, error)
	RetryTarget(ctx context.Context, id int64) error

	CreateCampaign(ctx context.Context, c core.Campaign) (int64, error)
	UpdateCampaign(ctx context.Context, c core.Campaign) error
	DeleteCampaign(ctx context.Context, id int64) error
	Campaigns(ctx context.Context, from, to time.Time) ([]core.Campaign, error)
	CreateMeetup(ctx context.Context, m core.Meetup) (int64, error)
	UpdateMeetup(ctx context.Context, m core.Meetup) error
	DeleteMeetup(ctx context.Context, id int64) error
	Meetups(ctx context.Context, from, to time.Time) ([]core.Meetup, error)
}

// Notifier tells the rest of the app that the calendar changed.
type Notifier interface {
	Publish(core.Event)
}

// Params wires a Service.
type Params struct {
	Store  Store
	Notify Notifier         // nil: nobody listens
	Wake   func()           // wakes the publishing engine after a change; nil: none
	Now    func() time.Time // nil: time.Now
	// Zone is the IANA zone posts are scheduled in unless they name one;
	// empty: the OS's local zone.
	Zone string
	// NewKey makes a target's idempotency key; nil: 32 random hex digits.
	NewKey func() string
}

// Service is the calendar's use cases, for the UI and the CLI.
type Service struct {
	store  Store
	notify Notifier
	wake   func()
	now    func() time.Time
	zone   string
	newKey func() string
}

// New builds a Service.
func New(p Params) *Service {
	s := &Service{store: p.Store, notify: p.Notify, wake: p.Wake, now: p.Now, zone: p.Zone, newKey: p.NewKey}
	if s.notify == nil {
		s.notify = nopNotifier{}
	}
	if s.wake == nil {
		s.wake = func() {}
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.zone == "" {
		s.zone = localZone()
	}
	if s.newKey == nil {
		s.newKey = RandomKey
	}
	return s
}

// Zone is the zone posts are scheduled in by default.
func (s *Service) Zone() string { return s.zone }

// changed tells listeners and wakes the engine.
func (s *Service) changed() {
	s.notify.Publish(core.Event{Kind: EventCalendar})
	s.wake()
}

// RandomKey is an idempotency key: 32 hex digits, a valid VK guid.
func RandomKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// localZone names the OS zone from $TZ or the /etc/localtime link: Go
// calls it "Local", a name no other machine (or .ics reader) understands.
// Without either, UTC.
func localZone() string {
	name := strings.TrimPrefix(os.Getenv("TZ"), ":")
	if name == "" {
		if link, err := os.Readlink("/etc/localtime"); err == nil {
			if _, after, ok := strings.Cut(link, "zoneinfo/"); ok {
				name = after
			}
		}
	}
	if _, err := time.LoadLocation(name); err != nil || name == "" {
		return "UTC"
	}
	return name
}

type nopNotifier struct{}

func (nopNotifier) Publish(core.Event) {}
