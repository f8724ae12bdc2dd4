//go:build !nowindow

package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/integrations/demo"
)

// seedDemoPlans fills the demo calendar once: a week of posts on the VK and
// X demo channels over the three agendas, a draft, a post that waited while
// Hearth was closed, a campaign and a meetup, so that every calendar state
// can be seen. Posts due while the demo runs really publish to the peers.
func seedDemoPlans(ctx context.Context, w *workspace, now time.Time) error {
	cal := newCalendar(w, nil)
	loc, err := time.LoadLocation(cal.Zone())
	if err != nil {
		loc = time.Local
	}
	view, err := cal.Range(ctx, now.AddDate(0, -1, 0), now.AddDate(0, 2, 0), calendar.Filter{}, loc)
	if err != nil {
		return err
	}
	if len(view.Posts) > 0 {
		return nil // a kept demo workspace already has its plans
	}
	vk, x, err := demoChannelIDs(ctx, w)
	if err != nil {
		return err
	}
	day := func(d, hour, minute int) time.Time {
		t := now.In(loc)
		return time.Date(t.Year(), t.Month(), t.Day()+d, hour, minute, 0, 0, loc)
	}
	pics, err := demoPictures(w.dir)
	if err != nil {
		return err
	}
	posts := append(demoPosts(vk, x, day), demoPicturePosts(vk, x, now, day, pics)...)
	for _, p := range posts {
		p.post.Zone = cal.Zone()
		created, err := cal.Create(ctx, p.post)
		if err != nil {
			return fmt.Errorf("demo post %q: %w", core.SnippetOf(p.post.Text, 30), err)
		}
		if p.schedule {
			if err := cal.Schedule(ctx, created.ID); err != nil {
				return fmt.Errorf("demo post %q: %w", core.SnippetOf(p.post.Text, 30), err)
			}
		}
	}
	start := day(-3, 0, 0)
	_, err = cal.CreateCampaign(ctx, core.Campaign{Name: "Winter league", Goal: "40 players in the club's first league",
		Start: time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC),
		End:   time.Date(start.Year(), start.Month(), start.Day()+24, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return err
	}
	_, err = cal.CreateMeetup(ctx, core.Meetup{Title: "Board-game night", Place: "Café Pion, 12 rue des Dés",
		Start: day(5, 19, 0), End: day(5, 23, 0), Zone: cal.Zone(),
		Attendees: []core.Attendee{{Name: "Chen Wu"}, {Name: "Emma Brown"}, {Name: "Дмитрий Орлов"}}})
	return err
}

type demoPost struct {
	post     core.Post
	schedule bool
}

func demoPosts(vk, x int64, day func(d, hour, minute int) time.Time) []demoPost {
	both := func(xText string) []core.PostTarget {
		return []core.PostTarget{{AccountID: vk}, {AccountID: x, Text: xText}}
	}
	return []demoPost{
		{core.Post{Text: "Итоги недели: 42 игрока, 15 столов и новый рекорд клуба. Спасибо всем, кто пришёл!",
			Agenda: core.AgendaLife, At: day(-1, 9, 0), Targets: []core.PostTarget{{AccountID: vk}}}, true},
		{core.Post{Text: "Winter league starts now: sign up in the comments, the first round is at the next game night.",
			Agenda: core.AgendaProject, At: day(0, 18, 0), Targets: both("")}, true},
		{core.Post{Text: "Новинка в библиотеке клуба: «Каскадия». Кто хочет разобрать правила на следующей игротеке?",
			Agenda: core.AgendaLife, At: day(1, 12, 30), Targets: []core.PostTarget{{AccountID: vk}}}, true},
		{core.Post{Text: "Spiel Essen 2026 numbers are out: a record year for cooperative games. Our take in the thread below.",
			Agenda: core.AgendaNews, At: day(2, 10, 0), Targets: both("Spiel Essen 2026: a record year for co-op games. Our take ↓")}, true},
		{core.Post{Text: "League table after round one: who leads, who surprised us, and the best move of the night.",
			Agenda: core.AgendaProject, At: day(3, 17, 0), Targets: both("")}, true},
		{core.Post{Text: "Tomorrow: board-game night at Café Pion, 19:00. Bring a friend who has never played!",
			Agenda: core.AgendaLife, At: day(4, 9, 0), Targets: both("Tomorrow 19:00, board-game night at Café Pion. Bring a friend who never played! #boardgames")}, true},
		{core.Post{Text: "Draft: interview with the league's youngest player (ask Мария for photos).",
			Agenda: core.AgendaProject, At: day(6, 11, 0), Targets: both("")}, false},
		{core.Post{Text: "Weekly digest of the club's news", Agenda: core.AgendaNews, At: day(8, 9, 0),
			Targets: []core.PostTarget{{AccountID: x}}}, true},
	}
}

// demoPictures draws the demo's photos into the workspace's directory
// (the files the posts point to; nothing is fetched).
func demoPictures(dir string) ([]core.PostImage, error) {
	paths, err := demo.WritePictures(filepath.Join(dir, "demo-pictures"))
	if err != nil {
		return nil, err
	}
	out := make([]core.PostImage, len(paths))
	for i, p := range paths {
		out[i] = core.PostImage{Path: p, Alt: demo.Pictures[i].Alt}
	}
	return out, nil
}

// demoPicturePosts are posts with pictures: one due a minute after the
// demo starts (it goes out to the loopback peers while you look, its
// photos uploaded through VK's wall upload flow and X's media upload) and
// one planned for later in the week.
func demoPicturePosts(vk, x int64, now time.Time, day func(d, hour, minute int) time.Time, pics []core.PostImage) []demoPost {
	return []demoPost{
		{core.Post{Text: "Photos from last night's game night: thank you all, see you next week!", Agenda: core.AgendaLife,
			At: now.Add(time.Minute).Truncate(time.Minute), Media: pics[:2],
			Targets: []core.PostTarget{{AccountID: vk}, {AccountID: x}}}, true},
		{core.Post{Text: "Cascadia evening on Thursday: we will teach the rules from the first tile.", Agenda: core.AgendaLife,
			At: day(3, 12, 0), Media: pics[2:], Targets: []core.PostTarget{{AccountID: vk}, {AccountID: x}}}, true},
	}
}

// demoChannelIDs finds the demo VK and X accounts the demo channels added.
func demoChannelIDs(ctx context.Context, w *workspace) (vk, x int64, err error) {
	accts, err := w.accounts.List(ctx)
	if err != nil {
		return 0, 0, err
	}
	for _, a := range accts {
		switch a.Kind {
		case core.KindVK:
			vk = a.ID
		case core.KindX:
			x = a.ID
		}
	}
	if vk == 0 || x == 0 {
		return 0, 0, errors.New("the demo VK and X accounts are missing")
	}
	return vk, x, nil
}

// seedDemoMembers gives the demo's most active member a rich file: tags,
// interests, expertise and notes, as a community manager would have kept.
func seedDemoMembers(ctx context.Context, w *workspace) error {
	svc := members.New(members.Params{Store: w.store})
	if err := svc.Refresh(ctx); err != nil {
		return err
	}
	page, err := svc.List(ctx, core.MemberFilter{Sort: core.SortActivity, Desc: true, Limit: 1})
	if err != nil || len(page.Members) == 0 {
		return err
	}
	m := page.Members[0]
	if len(m.Tags) > 0 {
		return nil // already seeded
	}
	if err := svc.Tag(ctx, []int64{m.ID}, []string{"volunteer", "league"}, nil); err != nil {
		return err
	}
	if err := svc.SetInterests(ctx, m.ID, []string{"cooperative games", "Cascadia", "tournaments"}); err != nil {
		return err
	}
	if err := svc.SetExpertise(ctx, m.ID, []core.Expertise{{Topic: "rules explaining", Level: 3}, {Topic: "photography", Level: 2}}); err != nil {
		return err
	}
	for _, n := range []string{"Offered to host the beginners' table at the next meetup.", "Prefers to be contacted by e-mail."} {
		if _, err := svc.AddNote(ctx, m.ID, n); err != nil {
			return err
		}
	}
	return nil
}

// waitFirstSync waits until every account has synced once, or limit passes.
func waitFirstSync(ctx context.Context, w *workspace, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		accts, err := w.accounts.List(ctx)
		if err != nil {
			return err
		}
		done := true
		for _, a := range accts {
			done = done && !a.Status.LastSync.IsZero()
		}
		if done {
			return nil
		}
		if time.Now().After(deadline) {
			return errors.New("the first sync is taking too long")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}
