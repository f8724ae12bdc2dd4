package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
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

// calHarness is the window on fakes with a calendar, on the calendar.
type calHarness struct {
	*harness
	cal *fakeCalendar
}

func newCalHarness(t *testing.T, cal *fakeCalendar) *calHarness {
	t.Helper()
	return newCalHarnessWith(t, cal, nil)
}

// newCalHarnessWith also gives the UI member files (nil: none).
func newCalHarnessWith(t *testing.T, cal *fakeCalendar, mem Members) *calHarness {
	t.Helper()
	a := test.NewTempApp(t)
	items := sampleItems()
	h := &harness{t: t, inbox: newFakeInbox(items), accts: &fakeAccounts{accts: sampleAccounts()},
		events: &fakeEvents{}, q: &uiQueue{}}
	h.ui = newUI(a, Backend{Inbox: h.inbox, Accounts: h.accts, Events: h.events, Calendar: cal, Members: mem,
		Now: func() time.Time { return testNow }}, h.q.do)
	t.Cleanup(h.close)
	h.ui.start()
	h.ui.Win.Show()
	h.waitFor("the first page", func() bool { return h.ui.inbox.loaded })
	ch := &calHarness{harness: h, cal: cal}
	h.ui.nav.show("Calendar")
	ch.waitLoaded()
	h.waitFor("the channels", func() bool { return len(h.ui.calendar.accounts) > 0 })
	return ch
}

func (h *calHarness) screen() *calendarScreen { return h.ui.calendar }

// waitLoaded waits until the screen shows what the fake holds now.
func (h *calHarness) waitLoaded() {
	h.t.Helper()
	h.waitFor("the calendar", func() bool { return h.screen().loaded && !h.screen().reload.Busy() })
	h.settle()
}
