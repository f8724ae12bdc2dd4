package calendar

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
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

// The sample channels, by name.
const (
	vkName = "Hearth VK"
	xName  = "@hearth_game"
)

// sampleAccounts are the workspace's channels: a mailbox, a VK community
// and an X account.
func sampleAccounts() []core.Account {
	return []core.Account{
		{Kind: core.KindIMAP, Name: "work@example.com", Status: core.AccountStatus{State: core.SyncOK}},
		{Kind: core.KindVK, Name: vkName, Status: core.AccountStatus{State: core.SyncOK}},
		{Kind: core.KindX, Name: xName, Status: core.AccountStatus{State: core.SyncOK}},
	}
}

// on is a target on a channel (by name) in a state; the harness finds the
// channel's id when it seeds.
func on(account string, st core.TargetState) core.PostTarget {
	return core.PostTarget{Account: account, State: st}
}

// samplePosts is a March of a game community: the lighthouse project,
// news, community life, on VK and X, in every state. Posts of the
// campaign carry its id.
func samplePosts(campaign int64) []core.Post {
	failed := on(xName, core.TargetFailed)
	failed.Error = "X refused the post: it looks like a duplicate of a recent one"
	held := on(vkName, core.TargetHeld)
	held.Error = "Hearth was closed at 17:00: publish it late, or skip it"
	posts := []core.Post{
		{Text: "Weekly devlog: the lighthouse district is ready for testing", At: at("2025-03-10T09:00"), Agenda: core.AgendaProject,
			CampaignID: campaign, Targets: []core.PostTarget{on(vkName, core.TargetPublished), on(xName, core.TargetPublished)}},
		{Text: "Late-night lore drop: the lighthouse keeper's diary, page one", At: at("2025-03-11T00:30"), Agenda: core.AgendaLife,
			Targets: []core.PostTarget{on(vkName, core.TargetPublished)}},
		{Text: "Meetup photos from Lyon: thank you all for coming!", At: at("2025-03-12T18:30"), Agenda: core.AgendaLife,
			Targets: []core.PostTarget{on(vkName, core.TargetScheduled)}},
		{Text: "Patch 2.4.1: colour-blind map markers and the save crash fixed", At: at("2025-03-13T10:00"), Agenda: core.AgendaNews,
			Targets: []core.PostTarget{on(vkName, core.TargetPublished), failed}},
		{Text: "Fan art Thursday: show us your harbour builds", At: at("2025-03-13T12:00"), Agenda: core.AgendaLife,
			Targets: []core.PostTarget{on(vkName, core.TargetScheduled)}},
		{Text: "Dev Q&A tonight on the VK stream", At: at("2025-03-13T16:00"), Agenda: core.AgendaProject,
			Targets: []core.PostTarget{on(xName, core.TargetScheduled)}},
		{Text: "Poll: which district next?", At: at("2025-03-13T19:00"), Agenda: core.AgendaProject,
			Targets: []core.PostTarget{on(vkName, core.TargetScheduled)}},
		{Text: "Community build contest: vote for your favourite lighthouse", At: at("2025-03-14T17:00"), Agenda: core.AgendaProject,
			CampaignID: campaign, Targets: []core.PostTarget{held}},
		{Text: "Sunday stream? Tell us what you want to see", At: at("2025-03-16T11:00"),
			Targets: []core.PostTarget{on(xName, core.TargetDraft)}},
		{Text: "Press: Gaming Weekly reviews Hearth", At: at("2025-03-20T09:00"), Agenda: core.AgendaNews,
			Targets: []core.PostTarget{on(vkName, core.TargetUnconfirmed), on(xName, core.TargetScheduled)}},
		{Text: "Saturday build along: the harbour crane", At: at("2025-03-29T09:00"), Agenda: core.AgendaProject,
			Targets: []core.PostTarget{on(xName, core.TargetScheduled)}},
	}
	for i := range posts {
		posts[i].Zone = calZone
	}
	return posts
}

// sampleCampaign is the quarter's joint project, two weeks of March.
func sampleCampaign() core.Campaign {
	return core.Campaign{Name: "Lighthouse quarter", Goal: "Finish the lighthouse district together: 50 builders",
		Start: time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 23, 0, 0, 0, 0, time.UTC)}
}

// sampleMeetup is the builders' Saturday afternoon in Lyon.
func sampleMeetup() core.Meetup {
	return core.Meetup{Title: "Builders' meetup", Place: "Café Le Phare, Lyon", Zone: calZone,
		Start: at("2025-03-15T15:00"), End: at("2025-03-15T18:00"),
		Attendees: []core.Attendee{{Name: "Claire Martin"}, {Name: "Dmitri Volkov"}}}
}

// fakeExperts knows one expert on modding, with an X handle.
type fakeExperts struct{}

func (fakeExperts) MentionsFor(_ context.Context, text string, _ int) ([]members.Expert, error) {
	if !strings.Contains(strings.ToLower(text), "modding") {
		return nil, nil
	}
	return []members.Expert{{Member: core.Member{ID: 4, Name: "Claire Martin"},
		Handles:  map[core.IdentityKind]string{core.IdentityX: "claire_builds"},
		Why:      "expertise level 3; lists it as an interest",
		Evidence: core.ExpertEvidence{MemberID: 4, Level: 3, Interest: true}}}, nil
}
