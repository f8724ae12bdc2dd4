package calendar

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

// calZone is the test calendar's zone: Paris, an hour ahead of the UTC
// clock the tests pin, and changing to summer time on 30 March 2025.
const calZone = "Europe/Paris"

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(calZone)
	if err != nil {
		t.Fatalf("load %s: %v", calZone, err)
	}
	return loc
}

// at is a wall time in Paris as a UTC instant.
func at(wall string) time.Time {
	loc, err := time.LoadLocation(calZone)
	if err != nil {
		panic(err)
	}
	t, err := time.ParseInLocation(core.WallLayout, wall, loc)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

var (
	vkTarget = core.PostTarget{AccountID: 2, Account: "Hearth VK", AccountKind: core.KindVK}
	xTarget  = core.PostTarget{AccountID: 3, Account: "@hearth_game", AccountKind: core.KindX}
)

func target(base core.PostTarget, id int64, st core.TargetState) core.PostTarget {
	base.ID, base.State = id, st
	return base
}

// samplePosts is a March of a game community: the lighthouse project,
// news, community life, on VK and X, in every state.
func samplePosts() []core.Post {
	failed := target(xTarget, 32, core.TargetFailed)
	failed.Error = "X refused the post: it looks like a duplicate of a recent one"
	held := target(vkTarget, 41, core.TargetHeld)
	held.Error = "Hearth was closed at 17:00: publish it late, or skip it"
	posts := []core.Post{
		{ID: 1, Text: "Weekly devlog: the lighthouse district is ready for testing", At: at("2025-03-10T09:00"), Agenda: core.AgendaProject,
			CampaignID: 1, Targets: []core.PostTarget{target(vkTarget, 11, core.TargetPublished), target(xTarget, 12, core.TargetPublished)}},
		{ID: 6, Text: "Late-night lore drop: the lighthouse keeper's diary, page one", At: at("2025-03-11T00:30"), Agenda: core.AgendaLife,
			Targets: []core.PostTarget{target(vkTarget, 61, core.TargetPublished)}},
		{ID: 2, Text: "Meetup photos from Lyon: thank you all for coming!", At: at("2025-03-12T18:30"), Agenda: core.AgendaLife,
			Targets: []core.PostTarget{target(vkTarget, 21, core.TargetScheduled)}},
		{ID: 3, Text: "Patch 2.4.1: colour-blind map markers and the save crash fixed", At: at("2025-03-13T10:00"), Agenda: core.AgendaNews,
			Targets: []core.PostTarget{target(vkTarget, 31, core.TargetPublished), failed}},
		{ID: 9, Text: "Fan art Thursday: show us your harbour builds", At: at("2025-03-13T12:00"), Agenda: core.AgendaLife,
			Targets: []core.PostTarget{target(vkTarget, 91, core.TargetScheduled)}},
		{ID: 10, Text: "Dev Q&A tonight on the VK stream", At: at("2025-03-13T16:00"), Agenda: core.AgendaProject,
			Targets: []core.PostTarget{target(xTarget, 101, core.TargetScheduled)}},
		{ID: 11, Text: "Poll: which district next?", At: at("2025-03-13T19:00"), Agenda: core.AgendaProject,
			Targets: []core.PostTarget{target(vkTarget, 111, core.TargetScheduled)}},
		{ID: 4, Text: "Community build contest: vote for your favourite lighthouse", At: at("2025-03-14T17:00"), Agenda: core.AgendaProject,
			CampaignID: 1, Targets: []core.PostTarget{held}},
		{ID: 5, Text: "Sunday stream? Tell us what you want to see", At: at("2025-03-16T11:00"),
			Targets: []core.PostTarget{target(xTarget, 51, core.TargetDraft)}},
		{ID: 7, Text: "Press: Gaming Weekly reviews Hearth", At: at("2025-03-20T09:00"), Agenda: core.AgendaNews,
			Targets: []core.PostTarget{target(vkTarget, 71, core.TargetUnconfirmed), target(xTarget, 72, core.TargetScheduled)}},
		{ID: 8, Text: "Saturday build along: the harbour crane", At: at("2025-03-29T09:00"), Agenda: core.AgendaProject,
			Targets: []core.PostTarget{target(xTarget, 81, core.TargetScheduled)}},
	}
	for i := range posts {
		posts[i].Zone = calZone
	}
	return posts
}

func sampleCalendar() *fakeCalendar {
	f := newFakeCalendar(calZone, samplePosts())
	f.campaigns = []core.Campaign{{ID: 1, Name: "Lighthouse quarter", Goal: "Finish the lighthouse district together: 50 builders",
		Start: time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 23, 0, 0, 0, 0, time.UTC)}}
	f.meetups = []core.Meetup{{ID: 1, Title: "Builders' meetup", Place: "Café Le Phare, Lyon", Zone: calZone,
		Start: at("2025-03-15T15:00"), End: at("2025-03-15T18:00"),
		Attendees: []core.Attendee{{MemberID: 4, Name: "Claire Martin"}, {Name: "Dmitri Volkov"}}}}
	f.gaps = []calendar.Gap{{Agenda: core.AgendaNews, From: at("2025-02-24T00:00"), To: at("2025-03-13T10:00")}}
	return f
}

// calHarness is the calendar screen on fakes, in a window of the size the
// screen gets in the default window.
type calHarness struct {
	*uitest.Window
	cal *fakeCalendar
	s   *Screen
}

func newCalHarness(t *testing.T, cal *fakeCalendar) *calHarness {
	t.Helper()
	return newCalHarnessWith(t, cal, nil)
}

// newCalHarnessWith also gives the screen member files to find experts in
// (nil: none).
func newCalHarnessWith(t *testing.T, cal *fakeCalendar, experts kit.Mentioner) *calHarness {
	t.Helper()
	w := uitest.NewScreenWindow(t, uitest.ScreenSize)
	s := New(w.Env, Backend{Calendar: cal, Accounts: fakeAccounts(sampleAccounts()), Experts: experts})
	w.Win.SetContent(s.Content())
	w.Win.Show()
	s.Start()
	h := &calHarness{Window: w, cal: cal, s: s}
	h.waitLoaded()
	h.WaitFor("the channels", func() bool { return len(s.accounts) > 0 })
	return h
}

func (h *calHarness) screen() *Screen { return h.s }

// waitLoaded waits until the screen shows what the fake holds now.
func (h *calHarness) waitLoaded() {
	h.T.Helper()
	h.WaitFor("the calendar", func() bool { return h.screen().loaded && !h.screen().reload.Busy() })
	h.Settle()
}

// calZone's channels: a mailbox, a VK community and an X account.
func sampleAccounts() []core.Account {
	return []core.Account{
		{ID: 1, Kind: core.KindIMAP, Name: "work@example.com"},
		{ID: 2, Kind: core.KindVK, Name: "Hearth VK"},
		{ID: 3, Kind: core.KindX, Name: "@hearth_game"},
	}
}

// fakeAccounts lists fixed accounts.
type fakeAccounts []core.Account

func (f fakeAccounts) List(context.Context) ([]core.Account, error) { return slices.Clone(f), nil }

// fakeExperts knows one expert on modding, with an X handle.
type fakeExperts struct{}

func (fakeExperts) MentionsFor(_ context.Context, text string, _ int) ([]members.Expert, error) {
	if !strings.Contains(strings.ToLower(text), "modding") {
		return nil, nil
	}
	return []members.Expert{{Member: core.Member{ID: 4, Name: "Claire Martin"},
		Handles: map[core.IdentityKind]string{core.IdentityX: "claire_builds"},
		Why:     "expertise level 3; lists it as an interest"}}, nil
}
