package stats_test

import (
	"context"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/core/store"
)

// The fixture workspace: October 2026 in Europe/Paris (summer time ends
// on Sunday 25 October), business hours Monday to Friday 9:00-18:00, a
// mailbox and a VK community. Every expected number in the tests is
// computed by hand from what is written here.
var paris = mustZone("Europe/Paris")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a wall time in Paris.
func at(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2026, month, day, hour, minute, 0, 0, paris)
}

// fixtureNow is when the tests look at the dashboard.
var fixtureNow = time.Date(2026, 11, 5, 12, 0, 0, 0, time.UTC)

type fixture struct {
	st       *store.Store
	svc      *stats.Service
	mail, vk core.Account
	now      time.Time
	path     string
	mem      *members.Service
}

func (f *fixture) clock() time.Time { return f.now }

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{now: fixtureNow}
	// A copy of a migrated workspace: migrating a new file for each test
	// was most of the package's CPU under the race detector.
	f.path = coretest.NewDB(t)
	st, err := store.Open(ctx, f.path, store.WithNow(f.clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f.st = st
	f.mail = f.account(t, core.Account{Kind: core.KindIMAP, Name: "mail"})
	f.vk = f.account(t, core.Account{Kind: core.KindVK, Name: "Клуб VK"})
	mem := members.New(members.Params{Store: st, Now: f.clock})
	f.mem = mem
	f.svc = stats.New(stats.Params{Store: st, Members: mem, Now: f.clock, Zone: "Europe/Paris"})
	f.fill(t)
	if err := mem.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) account(t *testing.T, a core.Account) core.Account {
	t.Helper()
	id, err := f.st.CreateAccount(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = id
	return a
}

func mail(id, from string, when time.Time, refs ...string) core.Item {
	return core.Item{Kind: core.ItemEmail, RemoteID: id, Subject: "Question", Text: "Hello " + id,
		Author: core.Person{Name: from, Address: from + "@example.org"}, CreatedAt: when.UTC(), State: core.StateNew,
		ThreadRefs: refs}
}

func ours(it core.Item) core.Item {
	it.Outgoing, it.State, it.Seen = true, core.StateDone, true
	it.Author = core.Person{Name: "Us", Address: "team@example.org"}
	return it
}

func (f *fixture) fill(t *testing.T) {
	t.Helper()
	spam := mail("s1", "bot", at(10, 7, 3, 0))
	spam.State = core.StateSpam
	items := []core.Item{
		// T1: Friday 17:00 (summer time), answered Monday 9:30 (winter
		// time): 65.5 h in all, 1.5 h of business hours.
		mail("t1", "anna", at(10, 23, 17, 0)),
		ours(mail("t1r", "us", at(10, 26, 9, 30), "t1")),
		// T2: two questions, one reply (waited from the first: 1 h), a
		// reopening at 14:00 answered at 14:20, then a second reply in a
		// row that answers nothing new.
		mail("t2a", "boris", at(10, 6, 10, 0)),
		mail("t2b", "boris", at(10, 6, 10, 30), "t2a"),
		ours(mail("t2r1", "us", at(10, 6, 11, 0), "t2a")),
		mail("t2c", "boris", at(10, 6, 14, 0), "t2a"),
		ours(mail("t2r2", "us", at(10, 6, 14, 20), "t2a")),
		ours(mail("t2r3", "us", at(10, 6, 14, 25), "t2a")),
		// T3: Thursday evening, never answered.
		mail("t3", "chloe", at(10, 15, 20, 0)),
		// T4: opened in September (Wednesday 10:00), answered 24 h later
		// in October: 9 business hours.
		mail("t4", "dmitri", at(9, 30, 10, 0)),
		ours(mail("t4r", "us", at(10, 1, 10, 0), "t4")),
		spam,
	}
	f.add(t, f.mail.ID, core.Batch{Items: items})
	post := core.Item{Kind: core.ItemVKPost, RemoteID: "post:-1_7", Text: "Встреча в субботу!", CreatedAt: at(10, 10, 12, 0).UTC(),
		Author: core.Person{Name: "Клуб", Address: "-1"}, Outgoing: true, State: core.StateDone, Seen: true,
		Stats: core.ItemStats{Likes: 10, Comments: 2, Reposts: 1, Views: 100}}
	comment := core.Item{Kind: core.ItemVKComment, RemoteID: "comment:-1_7_1", Text: "Приду!", CreatedAt: at(10, 10, 13, 0).UTC(),
		Author: core.Person{Name: "Мария Иванова", Address: "5"}, State: core.StateNew, ThreadRefs: []string{"post:-1_7"}}
	f.add(t, f.vk.ID, core.Batch{Items: []core.Item{post, comment}, Memberships: []core.MembershipEvent{
		{Kind: core.MemberJoined, Address: "5", At: at(10, 9, 12, 0).UTC()},
		// Пётр joins, leaves and comes back.
		{Kind: core.MemberJoined, Address: "6", At: at(10, 3, 12, 0).UTC()},
		{Kind: core.MemberLeft, Address: "6", At: at(10, 12, 12, 0).UTC()},
		{Kind: core.MemberJoined, Address: "6", At: at(10, 20, 12, 0).UTC()},
	}})
	f.posts(t)
}

func (f *fixture) add(t *testing.T, acct int64, b core.Batch) {
	t.Helper()
	if _, err := f.st.ApplyBatch(context.Background(), acct, b); err != nil {
		t.Fatal(err)
	}
}

var owner = core.OutboxOwner{Host: "test", PID: 1, Token: "t"}

// posts plans three VK posts in October: one published (the wall post
// above), one failed, one still scheduled; and a draft, which is no plan.
func (f *fixture) posts(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	camp, err := f.st.CreateCampaign(ctx, core.Campaign{Name: "Осенний проект", Start: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC),
		Joint: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range []struct {
		when  time.Time
		state core.TargetState
	}{
		{at(10, 10, 12, 0), core.TargetPublished},
		{at(10, 20, 12, 0), core.TargetFailed},
		{at(10, 31, 12, 0), core.TargetScheduled},
		{at(10, 25, 12, 0), core.TargetDraft},
	} {
		state := core.TargetScheduled
		if p.state == core.TargetDraft {
			state = core.TargetDraft
		}
		id, err := f.st.CreatePost(ctx, core.Post{Text: "Встреча в субботу!", Agenda: core.AgendaProject, CampaignID: camp,
			At: p.when.UTC(), Zone: "Europe/Paris", Targets: []core.PostTarget{{AccountID: f.vk.ID, State: state,
				Key: "key-" + string(rune('a'+i))}}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.st.Post(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		tg := got.Targets[0]
		switch p.state {
		case core.TargetPublished:
			c, err := f.st.ClaimTarget(ctx, tg.ID, f.now, owner)
			if err == nil {
				err = f.st.PublishedTarget(ctx, c, core.Published{RemoteID: "post:-1_7", URL: "https://vk.com/wall-1_7", At: p.when.UTC()})
			}
			if err != nil {
				t.Fatal(err)
			}
		case core.TargetFailed:
			c, err := f.st.ClaimTarget(ctx, tg.ID, f.now, owner)
			if err == nil {
				err = f.st.FailTarget(ctx, c, "VK said no")
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

func october() stats.Period {
	p, err := stats.ParsePeriod("2026-10", fixtureNow, paris)
	if err != nil {
		panic(err)
	}
	return p
}
