package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// The ritual lists walk their range in order, hand each member to the rule
// with their last ritual, and stop once the rule accepted limit of them.
func TestRitualListsKeepWhatTheRuleAccepts(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	hour := func(n int) time.Time { return base.Add(time.Duration(n) * time.Hour) }
	for i, name := range []string{"a", "b", "c", "d", "e"} {
		if _, err := s.CreateMember(ctx, core.Member{Name: name}, hour(i)); err != nil {
			t.Fatal(err)
		}
	}
	b := memberNamed(t, s, "b")
	must(t, s.MarkRitual(ctx, []int64{b}, core.RitualWelcome, hour(10)))
	must(t, s.MarkRitual(ctx, []int64{b}, core.RitualCheckIn, hour(11)))
	must(t, s.MarkRitual(ctx, []int64{b}, core.RitualCheckIn, hour(12)))

	offered := map[string]time.Time{}
	notC := func(m core.Member, last time.Time) bool {
		offered[m.Name] = last
		return m.Name != "c"
	}
	welcomeNotC := func(c core.WelcomeCandidate) bool { return notC(c.Member, c.LastWelcome) }
	names := func(list []core.Member, err error) []string {
		t.Helper()
		must(t, err)
		var out []string
		for _, m := range list {
			out = append(out, m.Name)
		}
		return out
	}
	if got := names(s.WelcomeQueue(ctx, hour(0), hour(3), welcomeNotC, 3)); !slices.Equal(got, []string{"a", "b", "d"}) {
		t.Errorf("welcome queue %v, want a b d", got)
	}
	if _, ok := offered["e"]; ok || !offered["b"].Equal(hour(10)) || !offered["a"].IsZero() {
		t.Errorf("offered %v: want a to d, b with its welcome", offered)
	}
	if got := names(s.WelcomeQueue(ctx, hour(0), hour(3), welcomeNotC, 1)); !slices.Equal(got, []string{"a"}) {
		t.Errorf("welcome queue of 1: %v, want a", got)
	}
	clear(offered)
	if got := names(s.CheckInList(ctx, hour(3), notC, 5)); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("check-in list %v, want a b", got)
	}
	if len(offered) != 3 || !offered["b"].Equal(hour(12)) {
		t.Errorf("offered %v: want a, b (last check-in hour 12) and c", offered)
	}
}

// The welcome rule is told, per newcomer, the first thing they wrote,
// whether any of their items is spam, and whether a ban holds for them now
// (a ban that ended does not).
func TestWelcomeQueueTellsFirstWordsSpamAndBans(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct, err := s.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "vk"})
	must(t, err)
	at := func(min int) time.Time { return base.Add(time.Duration(min) * time.Minute) }
	item := func(rid, author string, min int, text string) core.Item {
		return core.Item{Kind: core.ItemVKComment, RemoteID: rid, Author: core.Person{Name: author, Address: author},
			Text: text, CreatedAt: at(min)}
	}
	res := apply(t, s, acct, item("1", "newbie", 1, "Привет всем, я новенький!"), item("2", "newbie", 2, "Во сколько начало?"),
		item("3", "spammer", 3, "Накрутка подписчиков"), item("4", "troll", 4, "hello"), item("5", "pardoned", 5, "hi"))
	must(t, s.SetState(ctx, res.NewIDs[2], core.StateSpam, time.Time{}))
	must(t, s.SetIdentityBan(ctx, core.IdentityVK, "troll", core.BanForever))
	must(t, s.SetIdentityBan(ctx, core.IdentityVK, "pardoned", at(6)))
	_, err = s.CatchUpMembers(ctx, func(string, *core.Tone) int { return 0 }, 100) // first seen: their first item
	must(t, err)
	got := map[string]core.WelcomeCandidate{}
	_, err = s.WelcomeQueue(ctx, at(0), at(60), func(c core.WelcomeCandidate) bool {
		got[c.Member.Name] = c
		return true
	}, 10)
	must(t, err)
	want := map[string]core.WelcomeCandidate{
		"newbie":   {FirstText: "Привет всем, я новенький!"},
		"spammer":  {FirstText: "Накрутка подписчиков", Spam: true},
		"troll":    {FirstText: "hello", Banned: true},
		"pardoned": {FirstText: "hi"},
	}
	for name, w := range want {
		c := got[name]
		if c.FirstText != w.FirstText || c.Spam != w.Spam || c.Banned != w.Banned {
			t.Errorf("%s offered as first text %q, spam %v, banned %v; want %q, %v, %v",
				name, c.FirstText, c.Spam, c.Banned, w.FirstText, w.Spam, w.Banned)
		}
	}
}

func memberNamed(t *testing.T, s *Store, name string) int64 {
	t.Helper()
	var id int64
	must(t, s.r.QueryRow("SELECT id FROM members WHERE name = ?", name).Scan(&id))
	return id
}
