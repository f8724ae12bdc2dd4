package calendar

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
)

// counter is the core's counter with X's real weights: the editor's
// numbers in tests are the numbers people will see.
var counter = calendar.New(calendar.Params{Zone: "UTC"})

// fakeCalendar is an in-memory Calendar: posts, a campaign, a meetup, the
// calls the screens make and injected failures.
type fakeCalendar struct {
	mu        sync.Mutex
	zone      string
	posts     map[int64]*core.Post
	campaigns []core.Campaign
	meetups   []core.Meetup
	gaps      []calendar.Gap
	calls     []string
	failNext  map[string]error
	nextID    int64
}

func newFakeCalendar(zone string, posts []core.Post) *fakeCalendar {
	f := &fakeCalendar{zone: zone, posts: map[int64]*core.Post{}, failNext: map[string]error{}, nextID: 100}
	for i := range posts {
		p := posts[i]
		f.posts[p.ID] = &p
	}
	return f
}

func (f *fakeCalendar) record(format string, args ...any) {
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

func (f *fakeCalendar) fail(method string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failNext[method] = err
}

func (f *fakeCalendar) failure(method string) error {
	err := f.failNext[method]
	delete(f.failNext, method)
	return err
}

// callsWith lists the calls that start with prefix.
func (f *fakeCalendar) callsWith(prefix string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeCalendar) post(id int64) core.Post {
	f.mu.Lock()
	defer f.mu.Unlock()
	return *f.posts[id]
}

func (f *fakeCalendar) Zone() string { return f.zone }

func (f *fakeCalendar) Range(_ context.Context, from, to time.Time, flt calendar.Filter, loc *time.Location) (calendar.View, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Range %s %s %v", from.Format(time.DateOnly), to.Format(time.DateOnly), flt.Accounts)
	if err := f.failure("Range"); err != nil {
		return calendar.View{}, err
	}
	v := calendar.View{From: from, To: to, Balance: calendar.Balance{Counts: map[core.Agenda]int{}, Gaps: f.gaps}}
	for _, p := range f.sortedPosts() {
		if p.At.Before(from) || !p.At.Before(to) || !keeps(flt, p) {
			continue
		}
		v.Posts = append(v.Posts, calendar.Entry{Post: p, Local: p.At.In(loc)})
		if !p.Skipped {
			v.Balance.Total++
			v.Balance.Counts[p.Agenda]++
		}
	}
	for _, c := range f.campaigns {
		if !c.End.Before(civilUTC(from.In(loc))) && c.Start.Before(civilUTC(to.In(loc))) {
			v.Campaigns = append(v.Campaigns, c)
		}
	}
	for _, m := range f.meetups {
		if m.Start.Before(to) && !m.End.Before(from) {
			v.Meetups = append(v.Meetups, m)
		}
	}
	return v, nil
}

func civilUTC(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func keeps(flt calendar.Filter, p core.Post) bool {
	return len(flt.Accounts) == 0 || slices.ContainsFunc(p.Targets, func(t core.PostTarget) bool {
		return slices.Contains(flt.Accounts, t.AccountID)
	})
}

func (f *fakeCalendar) sortedPosts() []core.Post {
	var out []core.Post
	for _, p := range f.posts {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b core.Post) int { return a.At.Compare(b.At) })
	return out
}

func (f *fakeCalendar) Post(_ context.Context, id int64) (core.Post, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.posts[id]
	if !ok {
		return core.Post{}, fmt.Errorf("post %d: %w", id, core.ErrNotFound)
	}
	return *p, nil
}

func (f *fakeCalendar) Create(_ context.Context, p core.Post) (core.Post, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Create %q", p.Text)
	if err := f.failure("Create"); err != nil {
		return core.Post{}, err
	}
	f.nextID++
	p.ID = f.nextID
	f.setTargets(&p)
	f.posts[p.ID] = &p
	return p, nil
}

// setTargets gives new channels an id and the draft state, as the store does.
func (f *fakeCalendar) setTargets(p *core.Post) {
	for i := range p.Targets {
		if p.Targets[i].ID == 0 {
			f.nextID++
			p.Targets[i].ID, p.Targets[i].PostID, p.Targets[i].State = f.nextID, p.ID, core.TargetDraft
		}
	}
}

func (f *fakeCalendar) SaveDraft(_ context.Context, p core.Post) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SaveDraft %d %q", p.ID, p.Text)
	if err := f.failure("SaveDraft"); err != nil {
		return err
	}
	old, ok := f.posts[p.ID]
	if !ok {
		return fmt.Errorf("post %d: %w", p.ID, core.ErrNotFound)
	}
	p.At, p.Zone, p.Skipped = old.At, old.Zone, old.Skipped // SaveDraft never moves a post
	f.setTargets(&p)
	f.posts[p.ID] = &p
	return nil
}

func (f *fakeCalendar) Place(_ context.Context, id int64, at time.Time, zone string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Place %d %s %s", id, at.UTC().Format(time.RFC3339), zone)
	f.posts[id].At, f.posts[id].Zone = at.UTC(), zone
	return nil
}

func (f *fakeCalendar) Move(_ context.Context, id int64, at time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Move %d %s", id, at.UTC().Format(time.RFC3339))
	if err := f.failure("Move"); err != nil {
		return err
	}
	f.posts[id].At = at.UTC()
	return nil
}

func (f *fakeCalendar) setStates(id int64, from []core.TargetState, to core.TargetState) {
	for i, t := range f.posts[id].Targets {
		if slices.Contains(from, t.State) {
			f.posts[id].Targets[i].State = to
		}
	}
}

func (f *fakeCalendar) Schedule(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Schedule %d", id)
	f.setStates(id, []core.TargetState{core.TargetDraft}, core.TargetScheduled)
	return nil
}

func (f *fakeCalendar) Unschedule(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Unschedule %d", id)
	f.setStates(id, []core.TargetState{core.TargetScheduled, core.TargetHeld, core.TargetFailed}, core.TargetDraft)
	return nil
}

func (f *fakeCalendar) Delete(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Delete %d", id)
	delete(f.posts, id)
	return nil
}

func (f *fakeCalendar) Skip(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Skip %d", id)
	f.posts[id].Skipped = true
	return nil
}

// Retry puts one failed or held channel back in line, as the core does.
func (f *fakeCalendar) Retry(_ context.Context, targetID int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Retry %d", targetID)
	for _, p := range f.posts {
		for i, t := range p.Targets {
			if t.ID == targetID && (t.State == core.TargetFailed || t.State == core.TargetHeld) {
				p.Targets[i].State, p.Targets[i].Error = core.TargetScheduled, ""
				return nil
			}
		}
	}
	return fmt.Errorf("target %d: %w", targetID, core.ErrConflict)
}

func (f *fakeCalendar) Count(kind core.AccountKind, text string, media int) calendar.Counter {
	return counter.Count(kind, text, media)
}

func (f *fakeCalendar) CreateCampaign(_ context.Context, c core.Campaign) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("CreateCampaign %q %s %s", c.Name, c.Start.Format(time.DateOnly), c.End.Format(time.DateOnly))
	f.campaigns = append(f.campaigns, c)
	return int64(len(f.campaigns)), nil
}

func (f *fakeCalendar) CreateMeetup(_ context.Context, m core.Meetup) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("CreateMeetup %q %s %d", m.Title, m.Start.UTC().Format(time.RFC3339), len(m.Attendees))
	f.meetups = append(f.meetups, m)
	return int64(len(f.meetups)), nil
}
