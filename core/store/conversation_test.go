package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// conversations lists the faces of a view, by remote id.
func conversations(t *testing.T, s *Store, f core.ItemFilter) []string {
	t.Helper()
	f.Conversations = true
	items, err := s.Items(context.Background(), f)
	must(t, err)
	var out []string
	for _, it := range items {
		out = append(out, it.RemoteID)
	}
	return out
}

// The inbox lists conversations: one row per thread, faced by its latest
// message from someone else, with the thread's size and participants; our
// own messages never make a row; a new message brings a done conversation
// back; state belongs to the conversation.
func TestConversationList(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	ours := func(it core.Item) core.Item {
		it.Outgoing, it.State, it.Seen = true, core.StateDone, true
		it.Author = core.Person{Name: "You", Address: "us@example.org"}
		return it
	}
	from := func(it core.Item, name string) core.Item {
		it.Author = core.Person{Name: name, Address: name + "@x"}
		return it
	}
	apply(t, s, acct,
		from(mail("a", 1, "Meetup"), "Anna"),
		ours(reply(mail("a-re", 2, "Re: Meetup"), "a")),
		from(reply(mail("a-re2", 3, "Re: Meetup"), "a", "a-re"), "Boris"),
		from(mail("b", 4, "Invoice"), "Chen"),
		ours(mail("c", 5, "Our newsletter")))

	if got, want := conversations(t, s, core.ItemFilter{}), []string{"b", "a-re2"}; !slices.Equal(got, want) {
		t.Fatalf("conversations = %v, want %v (our own newsletter makes no row)", got, want)
	}
	page, _ := s.Items(ctx, core.ItemFilter{Conversations: true})
	if page[1].ThreadSize != 3 || !slices.Equal(page[1].Participants, []string{"Anna", "Boris"}) {
		t.Errorf("meetup row: size %d, participants %v; want 3, [Anna Boris]", page[1].ThreadSize, page[1].Participants)
	}
	if counts, _ := s.StateCounts(ctx, acct); counts[core.StateNew] != 2 {
		t.Errorf("state counts = %v, want 2 new conversations", counts)
	}

	// Done: the whole conversation leaves the inbox; ours keeps its state.
	face, _ := s.ItemByRemoteID(ctx, acct, "a-re2")
	must(t, s.SetThreadState(ctx, face.ThreadID, core.StateDone, time.Time{}))
	if got := conversations(t, s, core.ItemFilter{}); !slices.Equal(got, []string{"b"}) {
		t.Errorf("after done: %v, want [b]", got)
	}
	if got := conversations(t, s, core.ItemFilter{States: []core.State{core.StateDone}}); !slices.Equal(got, []string{"a-re2"}) {
		t.Errorf("done view: %v, want the meetup once", got)
	}
	// Anna writes again: the conversation is back, faced by her message.
	apply(t, s, acct, from(reply(mail("a-re3", 6, "Re: Meetup"), "a", "a-re2"), "Anna"))
	if got := conversations(t, s, core.ItemFilter{}); !slices.Equal(got, []string{"a-re3", "b"}) {
		t.Errorf("after a new message: %v, want the meetup back on top", got)
	}
	if got := conversations(t, s, core.ItemFilter{States: []core.State{core.StateDone}}); len(got) != 0 {
		t.Errorf("done view still lists %v", got)
	}
	if counts, _ := s.StateCounts(ctx, acct); counts[core.StateNew] != 2 || counts[core.StateDone] != 0 {
		t.Errorf("state counts = %v, want 2 new conversations and none done", counts)
	}
}

// convRows lists a view's conversation rows as "face size [participants]
// [tags]".
func convRows(t *testing.T, s *Store, f core.ItemFilter) []string {
	t.Helper()
	f.Conversations = true
	items, err := s.Items(context.Background(), f)
	must(t, err)
	var out []string
	for _, it := range items {
		out = append(out, fmt.Sprintf("%s %d %v %v", it.RemoteID, it.ThreadSize, it.Participants, it.Tags))
	}
	return out
}

// The conversation rows (face, size, participants, the tags of all its
// messages) are right on a workspace made before the snoozed indexes
// (migration 23) once upgraded, and stay right as its threads grow, get
// our replies and change state: due snoozed conversations come from those
// indexes, the rest as before.
func TestConversationRowsAcrossTheSnoozedIndexes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hearth.db")
	now := base.Add(24 * time.Hour)
	old := openAtVersion(t, path, 22)
	acct, club := newAccount(t, old, "mail"), newAccount(t, old, "club")
	from := func(it core.Item, name string) core.Item {
		it.Author = core.Person{Name: name, Address: name + "@x"}
		return it
	}
	ours := func(it core.Item) core.Item {
		it.Outgoing, it.State, it.Seen = true, core.StateDone, true
		it.Author = core.Person{Name: "You", Address: "us@example.org"}
		return it
	}
	apply(t, old, acct,
		from(mail("m1", 1, "Meetup"), "Anna"),
		ours(reply(mail("m2", 2, "Re: Meetup"), "m1")),
		from(reply(mail("m3", 3, "Re: Meetup"), "m1", "m2"), "Boris"),
		from(mail("i1", 4, "Invoice"), "Chen"),
		from(mail("s1", 5, "Later"), "Dana"),
		from(mail("d1", 6, "Thanks"), "Eve"))
	seen := from(mail("x1", 7, "Hello club"), "Fay")
	seen.Seen = true
	apply(t, old, club, seen)
	thread := func(s *Store, remoteID string) core.Item {
		it, err := s.ItemByRemoteID(ctx, acct, remoteID)
		must(t, err)
		return it
	}
	must(t, old.AddTag(ctx, thread(old, "m1").ID, "event")) // not the face: tags the conversation
	must(t, old.SetThreadState(ctx, thread(old, "i1").ThreadID, core.StateSnoozed, base.Add(time.Hour)))
	must(t, old.SetThreadState(ctx, thread(old, "s1").ThreadID, core.StateSnoozed, base.AddDate(1, 0, 0)))
	must(t, old.SetThreadState(ctx, thread(old, "d1").ThreadID, core.StateDone, time.Time{}))
	must(t, old.Close())

	s, err := Open(ctx, path, WithNow(func() time.Time { return now }))
	must(t, err)
	defer s.Close()
	check := func(when, view string, f core.ItemFilter, want ...string) {
		t.Helper()
		if got := convRows(t, s, f); !slices.Equal(got, want) {
			t.Errorf("%s, %s view:\n got %q\nwant %q", when, view, got, want)
		}
	}
	meetup, invoice := "m3 3 [Anna Boris] [event]", "i1 1 [Chen] []"
	check("upgraded", "default", core.ItemFilter{}, "x1 1 [Fay] []", invoice, meetup)
	check("upgraded", "account", core.ItemFilter{AccountID: acct}, invoice, meetup)
	check("upgraded", "unread", core.ItemFilter{Unread: true}, invoice, meetup)
	check("upgraded", "account unread", core.ItemFilter{AccountID: acct, Unread: true}, invoice, meetup)
	check("upgraded", "VIP first", core.ItemFilter{VIPFirst: true}, "x1 1 [Fay] []", invoice, meetup)
	check("upgraded", "done", core.ItemFilter{States: []core.State{core.StateDone}}, "d1 1 [Eve] []")
	check("upgraded", "snoozed", core.ItemFilter{States: []core.State{core.StateSnoozed}}, "s1 1 [Dana] []", invoice)

	// Anna writes again, we answer the invoice, Gus answers the done
	// thread (it comes back), and the meetup is snoozed for a year.
	apply(t, s, acct,
		from(reply(mail("m4", 8, "Re: Meetup"), "m1", "m3"), "Anna"),
		ours(reply(mail("i2", 9, "Re: Invoice"), "i1")),
		from(reply(mail("d2", 10, "Re: Thanks"), "d1"), "Gus"))
	meetup = "m4 4 [Anna Boris] [event]"
	invoice = "i1 2 [Chen] []"
	check("after new messages", "default", core.ItemFilter{}, "d2 2 [Eve Gus] []", meetup, "x1 1 [Fay] []", invoice)
	check("after new messages", "done", core.ItemFilter{States: []core.State{core.StateDone}})
	must(t, s.SetThreadState(ctx, thread(s, "m4").ThreadID, core.StateSnoozed, now.AddDate(1, 0, 0)))
	check("after a snooze", "default", core.ItemFilter{}, "d2 2 [Eve Gus] []", "x1 1 [Fay] []", invoice)
	check("after a snooze", "account", core.ItemFilter{AccountID: acct}, "d2 2 [Eve Gus] []", invoice)
	// Two years on, every snooze has run out.
	later := now.AddDate(2, 0, 0)
	check("two years on", "default", core.ItemFilter{Now: later},
		"d2 2 [Eve Gus] []", meetup, "x1 1 [Fay] []", "s1 1 [Dana] []", invoice)
	check("two years on", "account unread", core.ItemFilter{Now: later, AccountID: acct, Unread: true},
		"d2 2 [Eve Gus] []", meetup, "s1 1 [Dana] []", invoice)
	must(t, s.SetThreadState(ctx, thread(s, "i1").ThreadID, core.StateDone, time.Time{}))
	check("after done", "default", core.ItemFilter{Now: later}, "d2 2 [Eve Gus] []", meetup, "x1 1 [Fay] []", "s1 1 [Dana] []")
	check("after done", "done", core.ItemFilter{States: []core.State{core.StateDone}}, invoice)
}

// The default, account and unread lists read their due snoozed
// conversations from the snoozed indexes alone (migration 23), not from
// each item's row; a list with more conditions is planned as before.
func TestDueSnoozedListsReadTheirIndex(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	for _, tt := range []struct {
		name  string
		f     core.ItemFilter
		index string // "" for none of the snoozed indexes
	}{
		{"default", core.ItemFilter{}, "items_snoozed_time"},
		{"unread", core.ItemFilter{Unread: true}, "items_snoozed_time"},
		{"VIP first", core.ItemFilter{VIPFirst: true}, "items_snoozed_time"},
		{"account", core.ItemFilter{AccountID: acct}, "items_snoozed_account_time"},
		{"account unread", core.ItemFilter{AccountID: acct, Unread: true}, "items_snoozed_account_time"},
		{"kind", core.ItemFilter{Kind: core.ItemEmail}, ""},
		{"read, by query", core.ItemFilter{Query: "-is:unread"}, ""},
	} {
		f := tt.f
		f.Conversations = true
		sqlText, args, err := s.itemsSQL(ctx, withDefaults(f, s.now))
		must(t, err)
		plan := queryPlan(t, s, sqlText, args...)
		got := strings.Join(plan, "\n")
		covered := slices.ContainsFunc(plan, func(line string) bool {
			return strings.HasSuffix(line, "USING COVERING INDEX "+tt.index) ||
				strings.Contains(line, "USING COVERING INDEX "+tt.index+" ")
		})
		switch {
		case tt.index != "" && !covered:
			t.Errorf("%s: the due snoozed range does not read %s alone:\n%s", tt.name, tt.index, got)
		case tt.index == "" && strings.Contains(got, "items_snoozed_"):
			t.Errorf("%s: reads a snoozed index:\n%s", tt.name, got)
		}
	}
}
