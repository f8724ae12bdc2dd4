package store

import (
	"context"
	"slices"
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
