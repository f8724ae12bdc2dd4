package main

import (
	"encoding/json"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
)

// The one JSON style of every --json output (README "JSON output"):
// snake_case keys, times in RFC 3339 in UTC and absent when unknown,
// lists always present ([] for none, never null). Each output has its own
// view struct here, so that renaming a Go field never changes what scripts
// read.

func writeJSON(io stdio, v any) error {
	enc := json.NewEncoder(io.out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonTime is t in RFC 3339, "" (omitted) when zero.
func jsonTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// list makes a nil slice an empty one, so that it prints as [].
func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// itemJSON is an item as `inbox --json` and `search --json` print it.
type itemJSON struct {
	ID          int64             `json:"id"`
	Account     string            `json:"account"`
	AccountID   int64             `json:"account_id"`
	Kind        core.ItemKind     `json:"kind"`
	ThreadID    int64             `json:"thread_id"`
	RemoteID    string            `json:"remote_id"`
	Subject     string            `json:"subject"`
	Link        string            `json:"link,omitempty"` // a feed entry's page
	Author      core.Person       `json:"author"`
	To          []core.Person     `json:"to"`
	Text        string            `json:"text"`
	CreatedAt   string            `json:"created_at,omitempty"`
	State       core.State        `json:"state"`
	SnoozeUntil string            `json:"snooze_until,omitempty"`
	Seen        bool              `json:"seen"`
	Outgoing    bool              `json:"outgoing"`
	Deleted     bool              `json:"deleted,omitempty"`
	Tags        []string          `json:"tags"`
	Attachments []core.Attachment `json:"attachments"`
	Problems    []string          `json:"problems"`
}

func toJSON(it core.Item) itemJSON {
	return itemJSON{
		ID: it.ID, Account: it.Account, AccountID: it.AccountID, Kind: it.Kind, ThreadID: it.ThreadID,
		RemoteID: it.RemoteID, Subject: it.Subject, Link: it.Link(), Author: it.Author, To: list(it.To), Text: it.Text,
		CreatedAt: jsonTime(it.CreatedAt), State: it.State, SnoozeUntil: jsonTime(it.SnoozeUntil),
		Seen: it.Seen, Outgoing: it.Outgoing, Deleted: it.Deleted, Tags: list(it.Tags),
		Attachments: list(it.Attachments), Problems: list(it.Problems),
	}
}

// accountJSON is an account as `account list --json` prints it.
type accountJSON struct {
	ID       int64            `json:"id"`
	Name     string           `json:"name"`
	Kind     core.AccountKind `json:"kind"`
	Status   core.SyncState   `json:"status"`
	Line     string           `json:"status_line"`
	LastSync string           `json:"last_sync,omitempty"`
	Error    string           `json:"error,omitempty"`
	Action   string           `json:"action,omitempty"`
	Unread   int              `json:"unread"`
}

// memberJSON is a member as `members list --json` and `members merge
// --json` print it, and the member of `members show --json`.
type memberJSON struct {
	ID            int64               `json:"id"`
	Name          string              `json:"name"`
	PhotoURL      string              `json:"photo_url,omitempty"`
	Location      string              `json:"location,omitempty"`
	Language      string              `json:"language,omitempty"`
	Bio           string              `json:"bio,omitempty"`
	Channels      []core.IdentityKind `json:"channels"`
	Tags          []string            `json:"tags"`
	Followers     int                 `json:"followers"`
	Activity      float64             `json:"activity"`
	Loyalty       float64             `json:"loyalty"`
	Quadrant      core.Quadrant       `json:"quadrant"`
	JoinedAt      string              `json:"joined_at,omitempty"`
	FirstSeen     string              `json:"first_seen,omitempty"`
	LastSeen      string              `json:"last_seen,omitempty"`
	LastContacted string              `json:"last_contacted,omitempty"`
}

func toMemberJSON(m core.Member) memberJSON {
	return memberJSON{ID: m.ID, Name: m.Name, PhotoURL: m.PhotoURL, Location: m.Location, Language: m.Language,
		Bio: m.Bio, Channels: list(m.Channels), Tags: list(m.Tags), Followers: m.Followers,
		Activity: m.Activity, Loyalty: m.Loyalty, Quadrant: m.Quadrant, JoinedAt: jsonTime(m.JoinedAt),
		FirstSeen: jsonTime(m.FirstSeen), LastSeen: jsonTime(m.LastSeen), LastContacted: jsonTime(m.LastContacted)}
}

// identityJSON is one of a member's identities.
type identityJSON struct {
	ID          int64             `json:"id"`
	Kind        core.IdentityKind `json:"kind"`
	Address     string            `json:"address"`
	Name        string            `json:"name,omitempty"`
	Handle      string            `json:"handle,omitempty"`
	PhotoURL    string            `json:"photo_url,omitempty"`
	Location    string            `json:"location,omitempty"`
	Language    string            `json:"language,omitempty"`
	Bio         string            `json:"bio,omitempty"`
	Followers   *int              `json:"followers,omitempty"` // absent when the channel does not say
	Verified    bool              `json:"verified,omitempty"`
	JoinedAt    string            `json:"joined_at,omitempty"`
	LeftAt      string            `json:"left_at,omitempty"`
	BannedUntil string            `json:"banned_until,omitempty"`
	UpdatedAt   string            `json:"updated_at,omitempty"`
}

func toIdentityJSON(i core.Identity) identityJSON {
	j := identityJSON{ID: i.ID, Kind: i.Kind, Address: i.Address, Name: i.Name, Handle: i.Handle,
		PhotoURL: i.PhotoURL, Location: i.Location, Language: i.Language, Bio: i.Bio, Verified: i.Verified,
		JoinedAt: jsonTime(i.JoinedAt), LeftAt: jsonTime(i.LeftAt), BannedUntil: jsonTime(i.BannedUntil),
		UpdatedAt: jsonTime(i.UpdatedAt)}
	if i.Followers >= 0 {
		f := i.Followers
		j.Followers = &f
	}
	return j
}

type noteJSON struct {
	ID   int64  `json:"id"`
	Text string `json:"text"`
	At   string `json:"at,omitempty"`
}

type timelineJSON struct {
	ItemID   int64         `json:"item_id"`
	Kind     core.ItemKind `json:"kind"`
	Account  string        `json:"account"`
	Outgoing bool          `json:"outgoing"`
	Subject  string        `json:"subject"`
	Snippet  string        `json:"snippet"`
	At       string        `json:"at,omitempty"`
}

type meetupJSON struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	At    string `json:"at,omitempty"`
}

type ritualJSON struct {
	Ritual core.Ritual `json:"ritual"`
	At     string      `json:"at,omitempty"`
}

// dossierJSON is a member's file as `members show --json` prints it.
type dossierJSON struct {
	Member     memberJSON          `json:"member"`
	Identities []identityJSON      `json:"identities"`
	Interests  []string            `json:"interests"`
	Expertise  []core.Expertise    `json:"expertise"`
	Notes      []noteJSON          `json:"notes"`
	Cohort     core.Cohort         `json:"cohort"`
	Why        members.Explanation `json:"why"`
	Timeline   []timelineJSON      `json:"timeline"`
	Meetups    []meetupJSON        `json:"meetups"`
	Rituals    []ritualJSON        `json:"rituals"`
}

// memberFileJSON is a member's whole file (members export --member).
type memberFileJSON struct {
	Dossier dossierJSON `json:"dossier"`
	Items   []itemJSON  `json:"items"` // everything they wrote, oldest first
}

func toMemberFileJSON(f members.MemberFile) memberFileJSON {
	j := memberFileJSON{Dossier: toDossierJSON(f.Dossier), Items: make([]itemJSON, 0, len(f.Items))}
	for _, it := range f.Items {
		j.Items = append(j.Items, toJSON(it))
	}
	return j
}

func toDossierJSON(d members.Dossier) dossierJSON {
	j := dossierJSON{Member: toMemberJSON(d.Member), Interests: list(d.Interests), Expertise: list(d.Expertise),
		Cohort: d.Cohort, Why: d.Why, Identities: []identityJSON{}, Notes: []noteJSON{},
		Timeline: []timelineJSON{}, Meetups: []meetupJSON{}, Rituals: []ritualJSON{}}
	for _, i := range d.Identities {
		j.Identities = append(j.Identities, toIdentityJSON(i))
	}
	for _, n := range d.Notes {
		j.Notes = append(j.Notes, noteJSON{ID: n.ID, Text: n.Text, At: jsonTime(n.At)})
	}
	for _, e := range d.Timeline {
		j.Timeline = append(j.Timeline, timelineJSON{ItemID: e.ItemID, Kind: e.Kind, Account: e.Account,
			Outgoing: e.Outgoing, Subject: e.Subject, Snippet: e.Snippet, At: jsonTime(e.At)})
	}
	for _, m := range d.Meetups {
		j.Meetups = append(j.Meetups, meetupJSON{ID: m.ID, Title: m.Title, At: jsonTime(m.At)})
	}
	for _, r := range d.Rituals {
		j.Rituals = append(j.Rituals, ritualJSON{Ritual: r.Ritual, At: jsonTime(r.At)})
	}
	return j
}

// importJSON is what `members import --json` prints.
type importJSON struct {
	DryRun    bool           `json:"dry_run"`
	Members   int            `json:"members"` // created + updated
	Created   int            `json:"created"`
	Updated   int            `json:"updated"`
	Skipped   int            `json:"skipped"`
	Skips     map[string]int `json:"skip_reasons"`
	Conflicts []string       `json:"conflicts"`
}

func toImportJSON(r members.ImportResult, dry bool) importJSON {
	j := importJSON{DryRun: dry, Members: r.Created + r.Updated, Created: r.Created, Updated: r.Updated,
		Skipped: r.Skipped, Skips: r.SkipReasons, Conflicts: list(r.Conflicts)}
	if j.Skips == nil {
		j.Skips = map[string]int{}
	}
	return j
}

// postJSON is a post as `posts add --json` and `posts list --json` print it.
type postJSON struct {
	ID         int64            `json:"id"`
	State      core.TargetState `json:"state"`
	Text       string           `json:"text"`
	Media      []mediaJSON      `json:"media"`
	Agenda     core.Agenda      `json:"agenda,omitempty"`
	Tags       []string         `json:"tags"`
	CampaignID int64            `json:"campaign_id,omitempty"`
	Notes      string           `json:"notes,omitempty"`
	At         string           `json:"at,omitempty"` // absent: not placed on the calendar yet
	Zone       string           `json:"zone"`
	Repeat     core.Frequency   `json:"repeat,omitempty"`
	Every      int              `json:"every,omitempty"`
	Until      string           `json:"until,omitempty"`
	SeriesID   int64            `json:"series_id,omitempty"`
	Occurrence int              `json:"occurrence,omitempty"`
	Skipped    bool             `json:"skipped,omitempty"`
	Targets    []targetJSON     `json:"targets"`
	CreatedAt  string           `json:"created_at,omitempty"`
	UpdatedAt  string           `json:"updated_at,omitempty"`
}

// targetJSON is a post on one channel.
type targetJSON struct {
	ID          int64            `json:"id"`
	AccountID   int64            `json:"account_id"`
	Account     string           `json:"account"`
	AccountKind core.AccountKind `json:"account_kind"`
	Text        string           `json:"text,omitempty"` // the channel's variant
	State       core.TargetState `json:"state"`
	Attempts    int              `json:"attempts"`
	Since       string           `json:"since,omitempty"`
	RetryAt     string           `json:"retry_at,omitempty"`
	RemoteID    string           `json:"remote_id,omitempty"`
	URL         string           `json:"url,omitempty"`
	PublishedAt string           `json:"published_at,omitempty"`
	Error       string           `json:"error,omitempty"`
}

// mediaJSON is a post's picture: its file and alt text.
type mediaJSON struct {
	Path string `json:"path"`
	Alt  string `json:"alt,omitempty"`
}

func toPostJSON(p core.Post) postJSON {
	j := postJSON{ID: p.ID, State: p.State(), Text: p.Text, Media: []mediaJSON{}, Agenda: p.Agenda,
		Tags: list(p.Tags), CampaignID: p.CampaignID, Notes: p.Notes, At: jsonTime(p.At), Zone: p.Zone,
		Every: p.Recurrence.Every, Until: jsonTime(p.Recurrence.Until), SeriesID: p.SeriesID,
		Occurrence: p.Occurrence, Skipped: p.Skipped, Targets: []targetJSON{},
		CreatedAt: jsonTime(p.CreatedAt), UpdatedAt: jsonTime(p.UpdatedAt)}
	if !p.Recurrence.IsZero() {
		j.Repeat = p.Recurrence.Freq
	}
	for _, m := range p.Media {
		j.Media = append(j.Media, mediaJSON(m))
	}
	for _, t := range p.Targets {
		j.Targets = append(j.Targets, targetJSON{ID: t.ID, AccountID: t.AccountID, Account: t.Account,
			AccountKind: t.AccountKind, Text: t.Text, State: t.State, Attempts: t.Attempts,
			Since: jsonTime(t.Since), RetryAt: jsonTime(t.RetryAt), RemoteID: t.RemoteID, URL: t.URL,
			PublishedAt: jsonTime(t.PublishedAt), Error: t.Error})
	}
	return j
}
