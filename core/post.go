package core

import (
	"fmt"
	"time"
)

// Agenda is the editorial line a post serves; the calendar keeps the three
// in balance.
type Agenda string

// The three agendas of a community, and none.
const (
	AgendaNone    Agenda = ""
	AgendaProject Agenda = "project" // the community's joint project
	AgendaNews    Agenda = "news"    // outside news
	AgendaLife    Agenda = "life"    // the community's own life
)

// Agendas lists the agendas that are balanced, in the order the UI shows them.
var Agendas = []Agenda{AgendaProject, AgendaNews, AgendaLife}

// ParseAgenda validates an agenda name given by a person or a file.
func ParseAgenda(s string) (Agenda, error) {
	switch a := Agenda(s); a {
	case AgendaNone, AgendaProject, AgendaNews, AgendaLife:
		return a, nil
	}
	return "", fmt.Errorf("unknown agenda %q (want project, news, life or nothing)", s)
}

// TargetState is where one post stands on one channel.
type TargetState string

// Target states. A target is written "publishing" before the channel is
// called, so a crash leaves a trace; a target whose outcome is unknown is
// "unconfirmed" until the channel is asked whether the post exists.
const (
	TargetDraft       TargetState = "draft"
	TargetScheduled   TargetState = "scheduled"
	TargetPublishing  TargetState = "publishing"
	TargetPublished   TargetState = "published"
	TargetFailed      TargetState = "failed"
	TargetUnconfirmed TargetState = "unconfirmed"
	// TargetHeld is a scheduled target found too late (Hearth was not
	// running at its time): it waits for a person to publish it late,
	// move it or skip it.
	TargetHeld TargetState = "held"
)

// Settled reports whether nothing more will happen to the target without a
// person: it is published or failed.
func (s TargetState) Settled() bool { return s == TargetPublished || s == TargetFailed }

// PostTarget is one post on one channel account, with its own state and
// its own idempotency key, stable across attempts.
type PostTarget struct {
	ID          int64       `json:"id"`
	PostID      int64       `json:"post_id"`
	AccountID   int64       `json:"account_id"`
	Account     string      `json:"account"`      // account name, filled by queries
	AccountKind AccountKind `json:"account_kind"` // filled by queries
	// Text is the channel's variant; empty publishes the post's text.
	Text        string      `json:"text,omitempty"`
	State       TargetState `json:"state"`
	Key         string      `json:"key"`
	Attempts    int         `json:"attempts"`
	Since       time.Time   `json:"since,omitzero"`    // first attempt
	RetryAt     time.Time   `json:"retry_at,omitzero"` // not before (rate limits)
	LateOK      bool        `json:"late_ok,omitempty"` // a person said: publish even though late
	RemoteID    string      `json:"remote_id,omitempty"`
	URL         string      `json:"url,omitempty"`
	PublishedAt time.Time   `json:"published_at,omitzero"`
	// Error says why the target failed or is held, in words a person acts on.
	Error string `json:"error,omitempty"`
	// Owner is the publishing engine that holds the target while it
	// publishes or checks it (zero: none); Heartbeat is when it last said
	// it was alive. Two engines on one workspace never hold one target.
	Owner     OutboxOwner `json:"-"`
	Heartbeat time.Time   `json:"-"`
}

// Due is when the target may be published: the post's time, or later when
// a rate limit said so.
func (t PostTarget) Due(at time.Time) time.Time {
	if t.RetryAt.After(at) {
		return t.RetryAt
	}
	return at
}

// Post is one planned publication: a text with per-channel variants, media,
// an agenda, and a time. At is a UTC instant; Zone is the IANA zone the
// person scheduled in, so the calendar shows the wall time they meant.
type Post struct {
	ID         int64       `json:"id"`
	Text       string      `json:"text"`
	Media      []PostImage `json:"media,omitempty"` // pictures, in order
	Agenda     Agenda      `json:"agenda,omitempty"`
	Tags       []string    `json:"tags,omitempty"`
	CampaignID int64       `json:"campaign_id,omitempty"`
	Notes      string      `json:"notes,omitempty"`
	At         time.Time   `json:"at,omitzero"` // zero: not placed on the calendar yet
	Zone       string      `json:"zone"`
	// Recurrence is set on every occurrence of a recurring post; SeriesID
	// is the id of its first occurrence and Occurrence this one's index.
	Recurrence Recurrence `json:"recurrence,omitzero"`
	SeriesID   int64      `json:"series_id,omitempty"`
	Occurrence int        `json:"occurrence,omitempty"`
	// Skipped marks an occurrence a person passed over: nothing publishes.
	Skipped   bool         `json:"skipped,omitempty"`
	Targets   []PostTarget `json:"targets"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// TextFor is what goes out on a target: its variant, else the common text.
func (p Post) TextFor(t PostTarget) string {
	if t.Text != "" {
		return t.Text
	}
	return p.Text
}

// Local is the post's time on the wall clock of its zone.
func (p Post) Local() (time.Time, error) {
	loc, err := time.LoadLocation(p.Zone)
	if err != nil {
		return time.Time{}, fmt.Errorf("post %d: zone %q: %w", p.ID, p.Zone, err)
	}
	return p.At.In(loc), nil
}

// State summarises the targets for one badge: the most urgent state wins
// (failed, unconfirmed, held, publishing, scheduled, draft), and a post is
// published only when every target is.
func (p Post) State() TargetState {
	if len(p.Targets) == 0 {
		return TargetDraft
	}
	for _, s := range []TargetState{TargetFailed, TargetUnconfirmed, TargetHeld, TargetPublishing, TargetScheduled, TargetDraft} {
		for _, t := range p.Targets {
			if t.State == s {
				return s
			}
		}
	}
	return TargetPublished
}

// Settled reports whether the post was skipped or every target is
// published or failed: a recurring post's next occurrence is then created.
func (p Post) Settled() bool {
	if p.Skipped {
		return true
	}
	for _, t := range p.Targets {
		if !t.State.Settled() {
			return false
		}
	}
	return len(p.Targets) > 0
}

// Campaign is a date range with a goal: the quarter's joint project. Dates
// are civil days (inclusive), the same wherever the calendar is opened.
type Campaign struct {
	ID    int64     `json:"id"`
	Name  string    `json:"name"`
	Goal  string    `json:"goal,omitempty"`
	Start time.Time `json:"start"` // midnight UTC of the first day
	End   time.Time `json:"end"`   // midnight UTC of the last day
	Notes string    `json:"notes,omitempty"`
	// Joint marks the joint project made with the community: the
	// dashboard counts them, a quarter being expected to have one.
	Joint bool `json:"joint,omitempty"`
}

// Validate says what is wrong with a campaign in words a person can act on.
func (c Campaign) Validate() error {
	if c.Name == "" {
		return fmt.Errorf("a campaign needs a name")
	}
	if c.Start.IsZero() || c.End.Before(c.Start) {
		return Say(`campaign "{{.Name}}": the end must not be before the start`, "Name", c.Name)
	}
	return nil
}

// Attendee is a person expected at a meetup; MemberID links their member
// file when there is one.
type Attendee struct {
	MemberID int64  `json:"member_id,omitempty"`
	Name     string `json:"name"`
}

// Meetup is an offline meeting on the calendar.
type Meetup struct {
	ID         int64      `json:"id"`
	Title      string     `json:"title"`
	Place      string     `json:"place,omitempty"`
	Start      time.Time  `json:"start"`
	End        time.Time  `json:"end"`
	Zone       string     `json:"zone"`
	CampaignID int64      `json:"campaign_id,omitempty"`
	Notes      string     `json:"notes,omitempty"`
	Attendees  []Attendee `json:"attendees,omitempty"`
}

// Validate says what is wrong with a meetup in words a person can act on.
func (m Meetup) Validate() error {
	if m.Title == "" {
		return fmt.Errorf("a meetup needs a title")
	}
	if m.Start.IsZero() || m.End.Before(m.Start) {
		return Say(`meetup "{{.Name}}": the end must not be before the start`, "Name", m.Title)
	}
	return nil
}
