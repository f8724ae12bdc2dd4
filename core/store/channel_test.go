package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Handle, reactions, VIP and deleted read back from every read path.
func TestChannelFieldsReadBack(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newChannel(t, s, "x", core.KindX)
	in := core.Item{Kind: core.ItemXMention, RemoteID: "t1", Subject: "", Text: "@brand love the trailer",
		Author: core.Person{Name: "Léa", Address: "99", Handle: "lea"}, CreatedAt: base, VIP: true,
		Stats: core.ItemStats{Likes: 12, Reposts: 3, Views: 900}}
	id := applyBatch(t, s, acct, core.Batch{Items: []core.Item{in}}).NewIDs[0]

	reads := map[string]func() (core.Item, error){
		"Item": func() (core.Item, error) { return s.Item(ctx, id) },
		"list": func() (core.Item, error) { return first(s.Items(ctx, core.ItemFilter{})) },
		"search": func() (core.Item, error) {
			return first(s.Search(ctx, "trailer", core.ItemFilter{}))
		},
		"thread": func() (core.Item, error) {
			th, err := s.Thread(ctx, 1)
			return first(th.Items, err)
		},
	}
	for name, read := range reads {
		got, err := read()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Author != in.Author || got.Stats != in.Stats || !got.VIP || got.Deleted {
			t.Errorf("%s: author %+v stats %+v vip %v deleted %v", name, got.Author, got.Stats, got.VIP, got.Deleted)
		}
	}
}

func first(items []core.Item, err error) (core.Item, error) {
	if err != nil || len(items) == 0 {
		return core.Item{}, err
	}
	return items[0], nil
}

// A re-sync refreshes reactions and marks but never the triage, and a
// source that lacks reactions or the handle keeps the known ones.
func TestResyncRefreshesChannelFields(t *testing.T) {
	tests := []struct {
		name  string
		again func(core.Item) core.Item
		want  func(core.Item) core.Item
	}{
		{"new counts and marks",
			func(it core.Item) core.Item {
				it.Stats, it.VIP, it.Author.Handle = core.ItemStats{Likes: 20, Comments: 2}, false, "oleg_p"
				return it
			},
			func(it core.Item) core.Item {
				it.Stats, it.VIP, it.Author.Handle = core.ItemStats{Likes: 20, Comments: 2}, false, "oleg_p"
				return it
			}},
		{"no counts, no handle",
			func(it core.Item) core.Item { it.Stats, it.Author.Handle = core.ItemStats{}, ""; return it },
			func(it core.Item) core.Item { return it }},
		{"deleted when the channel says so",
			func(it core.Item) core.Item { it.Deleted = true; return it },
			func(it core.Item) core.Item { it.Deleted = true; return it }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			ctx := context.Background()
			acct := newChannel(t, s, "vk", core.KindVK)
			in := comment("c1", 1, "7")
			in.Author.Handle, in.VIP, in.Stats = "oleg", true, core.ItemStats{Likes: 5}
			id := applyBatch(t, s, acct, core.Batch{Items: []core.Item{in}}).NewIDs[0]
			must(t, s.SetState(ctx, id, core.StateDone, time.Time{}))
			must(t, s.SetSeen(ctx, id, true))
			must(t, s.AddTag(ctx, id, "fan"))

			res := applyBatch(t, s, acct, core.Batch{Items: []core.Item{tt.again(in)}})
			got, err := s.Item(ctx, id)
			must(t, err)
			want := tt.want(in)
			if got.Author != want.Author || got.Stats != want.Stats || got.VIP != want.VIP || got.Deleted != want.Deleted {
				t.Errorf("author %+v stats %+v vip %v deleted %v; want %+v %+v %v %v", got.Author, got.Stats,
					got.VIP, got.Deleted, want.Author, want.Stats, want.VIP, want.Deleted)
			}
			if got.State != core.StateDone || !got.Seen || !equal(got.Tags, []string{"fan"}) {
				t.Errorf("triage reset: %s seen %v tags %v", got.State, got.Seen, got.Tags)
			}
			if res.Updated != 1 || !equal(res.ChangedIDs, []int64{id}) {
				t.Errorf("result = %+v, want item %d updated", res, id)
			}
		})
	}
}

func TestBatchRemovals(t *testing.T) {
	steps := []struct {
		name        string
		removed     map[string]bool
		wantDeleted []string
		wantChanged []string
	}{
		{"delete two, one unknown", map[string]bool{"c1": true, "c3": true, "never-fetched": true},
			[]string{"c1", "c3"}, []string{"c1", "c3"}},
		{"deleting again changes nothing", map[string]bool{"c1": true}, []string{"c1", "c3"}, nil},
		{"restore one", map[string]bool{"c3": false, "c2": false}, []string{"c1"}, []string{"c3"}},
	}
	s := newStore(t)
	ctx := context.Background()
	acct := newChannel(t, s, "vk", core.KindVK)
	other := newChannel(t, s, "vk2", core.KindVK)
	applyBatch(t, s, acct, core.Batch{Items: []core.Item{comment("c1", 1, "7"), comment("c2", 2, "8"), comment("c3", 3, "7")}})
	applyBatch(t, s, other, core.Batch{Items: []core.Item{comment("c1", 1, "7")}})
	ids := map[int64]string{}
	for _, r := range []string{"c1", "c2", "c3"} {
		it, err := s.ItemByRemoteID(ctx, acct, r)
		must(t, err)
		ids[it.ID] = r
	}
	for _, st := range steps {
		res := applyBatch(t, s, acct, core.Batch{Removed: st.removed})
		var changed []string
		for _, id := range res.ChangedIDs {
			changed = append(changed, ids[id])
		}
		slices.Sort(changed)
		if res.Updated != len(st.wantChanged) || !equal(changed, st.wantChanged) {
			t.Errorf("%s: result %+v (changed %v), want %v", st.name, res, changed, st.wantChanged)
		}
		var deleted []string
		for _, r := range []string{"c1", "c2", "c3"} {
			if it, _ := s.ItemByRemoteID(ctx, acct, r); it.Deleted {
				deleted = append(deleted, r)
			}
		}
		if !equal(deleted, st.wantDeleted) {
			t.Errorf("%s: deleted %v, want %v", st.name, deleted, st.wantDeleted)
		}
	}
	if it, _ := s.ItemByRemoteID(ctx, other, "c1"); it.Deleted {
		t.Error("a removal reached another account's item with the same remote id")
	}
}

// Only what the triage view shows is unread: a conversation whose every
// message was deleted remotely is not. Counts are of conversations.
func TestDeletedItemsAreNotUnread(t *testing.T) {
	s := newStore(t)
	acct := newChannel(t, s, "vk", core.KindVK)
	onPost := func(it core.Item, post string) core.Item { it.ThreadRefs = []string{post}; return it }
	applyBatch(t, s, acct, core.Batch{Items: []core.Item{onPost(comment("c1", 1, "7"), "post-1"), onPost(comment("c2", 2, "8"), "post-2")}})
	applyBatch(t, s, acct, core.Batch{Removed: map[string]bool{"c1": true}})
	assertUnread(t, s, map[int64]int{acct: 1})
	applyBatch(t, s, acct, core.Batch{Removed: map[string]bool{"c1": false}})
	assertUnread(t, s, map[int64]int{acct: 2})
	deleted := onPost(comment("c3", 3, "9"), "post-3")
	deleted.Deleted = true
	applyBatch(t, s, acct, core.Batch{Items: []core.Item{deleted}})
	assertUnread(t, s, map[int64]int{acct: 2})
	if counts, _ := s.StateCounts(context.Background(), acct); counts[core.StateNew] != 3 {
		t.Errorf("state counts = %v, want 3 new conversations (deleted ones included)", counts)
	}
	// A deleted message is not a conversation's face while another is there.
	applyBatch(t, s, acct, core.Batch{Items: []core.Item{onPost(comment("c4", 4, "7"), "post-1")}})
	applyBatch(t, s, acct, core.Batch{Removed: map[string]bool{"c4": true}})
	assertUnread(t, s, map[int64]int{acct: 2})
}

func TestBatchMemberships(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newChannel(t, s, "vk", core.KindVK)
	day := func(n int) time.Time { return base.Add(time.Duration(n) * 24 * time.Hour) }
	applyBatch(t, s, acct, core.Batch{Identities: []core.Identity{{Address: "7", Name: "Oleg", Followers: -1}}})
	evs := []core.MembershipEvent{
		{Kind: core.MemberJoined, Address: "7", At: day(1)},
		{Kind: core.MemberLeft, Address: "7", At: day(5)},
		{Kind: core.MemberJoined, Address: "7", At: day(9)},
		{Kind: core.MemberJoined, Address: "8", At: day(3)}, // not seen yet
	}
	applyBatch(t, s, acct, core.Batch{Memberships: evs})
	// Again, and an older event arriving late: no duplicates, the latest wins.
	applyBatch(t, s, acct, core.Batch{Memberships: append(evs, core.MembershipEvent{Kind: core.MemberJoined, Address: "7", At: day(0)})})

	got, err := s.MembershipEvents(ctx, acct, day(1))
	must(t, err)
	want := []core.MembershipEvent{evs[0], evs[3], evs[1], evs[2]}
	if len(got) != len(want) {
		t.Fatalf("events since day 1 = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Kind != want[i].Kind || got[i].Address != want[i].Address || !got[i].At.Equal(want[i].At) {
			t.Errorf("event %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	// The same change seen twice (a long-poll event, then a comparison of
	// member lists a day later) is one event.
	applyBatch(t, s, acct, core.Batch{Memberships: []core.MembershipEvent{{Kind: core.MemberJoined, Address: "7", At: day(10)}}})
	if again, _ := s.MembershipEvents(ctx, acct, day(1)); len(again) != len(want) {
		t.Errorf("a join after a join was recorded: %+v", again)
	}
	oleg, nadia := identity(t, s, core.IdentityVK, "7"), identity(t, s, core.IdentityVK, "8")
	if !oleg.JoinedAt.Equal(day(9)) || !oleg.LeftAt.Equal(day(5)) || oleg.Name != "Oleg" {
		t.Errorf("oleg = joined %v left %v name %q; want day 9, day 5, Oleg", oleg.JoinedAt, oleg.LeftAt, oleg.Name)
	}
	if !nadia.JoinedAt.Equal(day(3)) || !nadia.LeftAt.IsZero() || nadia.AccountID != acct {
		t.Errorf("new member = %+v", nadia)
	}
	for _, bad := range []core.MembershipEvent{
		{Kind: "kick", Address: "7", At: day(2)},
		{Kind: core.MemberJoined, Address: "7"},
		{Kind: core.MemberJoined, At: day(2)},
	} {
		if _, err := s.ApplyBatch(ctx, acct, core.Batch{Memberships: []core.MembershipEvent{bad}}); err == nil {
			t.Errorf("event %+v was accepted", bad)
		}
	}
}
