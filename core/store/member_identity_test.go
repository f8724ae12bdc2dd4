package store

import (
	"context"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// identityMembers maps each identity (kind:address) to how many member
// files hold it and when its member was created and first seen.
type identityMember struct {
	files            int
	created, firstMS int64
}

func identityMembers(t *testing.T, s *Store) map[string]identityMember {
	t.Helper()
	rows, err := s.r.Query(`SELECT i.kind || ':' || i.address, count(m.id), COALESCE(max(m.created_at), 0),
		COALESCE(max(m.first_seen), 0) FROM identities i LEFT JOIN member_identities mi ON mi.identity_id = i.id
		LEFT JOIN members m ON m.id = mi.member_id GROUP BY i.id`)
	must(t, err)
	defer rows.Close()
	out := map[string]identityMember{}
	for rows.Next() {
		var (
			key string
			im  identityMember
		)
		must(t, rows.Scan(&key, &im.files, &im.created, &im.firstMS))
		out[key] = im
	}
	must(t, rows.Err())
	return out
}

// Every identity of a person gets exactly one member file, whichever write
// made it, dated by the store's clock; a known identity gets none more, and
// a feed's author none at all.
func TestNewIdentityGetsOneMemberByStoreClock(t *testing.T) {
	clock := base.Add(-72 * time.Hour)
	s := newStore(t, WithNow(func() time.Time { return clock }))
	ctx := context.Background()
	mailID, vkID, _ := channelAccounts(t, s)
	feedID := newChannel(t, s, "feed", core.KindFeed)
	joined := base.Add(-400 * time.Hour)

	anna := authored(core.ItemEmail, "m1", core.Person{Name: "Anna", Address: "anna@example.org"}, base, "hi")
	apply(t, s, mailID, anna)
	apply(t, s, mailID, anna, authored(core.ItemEmail, "m2", anna.Author, base.Add(time.Hour), "again"))
	profiles := core.Batch{Identities: []core.Identity{{Address: "42", Name: "Boris", JoinedAt: joined, Followers: -1}},
		Items: []core.Item{authored(core.ItemVKComment, "c1", core.Person{Address: "42"}, base, "привет")}}
	applyBatch(t, s, vkID, profiles)
	applyBatch(t, s, vkID, profiles)
	applyBatch(t, s, vkID, core.Batch{Memberships: []core.MembershipEvent{{Kind: core.MemberJoined, Address: "43", At: joined}}})
	must(t, s.SetIdentityBan(ctx, core.IdentityVK, "77", base.Add(time.Hour)))
	must(t, s.SetIdentityBan(ctx, core.IdentityVK, "42", time.Time{}))
	apply(t, s, feedID, core.Item{Kind: core.ItemFeed, RemoteID: "e1", Author: core.Person{Address: "blog.example.org"}, CreatedAt: base})
	owner, attached, err := s.AddIdentityToMember(ctx, memberOf(t, s, core.IdentityEmail, "anna@example.org"),
		core.Identity{Kind: core.IdentityX, Address: "9001", Name: "anna"}, testMerge)
	if err != nil || !attached {
		t.Fatalf("add identity: owner %d attached %v, %v", owner, attached, err)
	}

	at := ms(clock)
	want := map[string]identityMember{
		"email:anna@example.org": {1, at, at},
		"vk:42":                  {1, at, ms(joined)},
		"vk:43":                  {1, at, at}, // joined after its first write: the next catch-up folds the join in
		"vk:77":                  {1, at, at},
		"x:9001":                 {1, at, at}, // in Anna's file
		"feed:blog.example.org":  {0, 0, 0},
	}
	got := identityMembers(t, s)
	if len(got) != len(want) {
		t.Errorf("identities %v, want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %+v, want %+v", k, got[k], w)
		}
	}
	var members, orphans int
	must(t, s.r.QueryRow("SELECT count(*), count(*) FILTER (WHERE id NOT IN (SELECT member_id FROM member_identities)) FROM members").Scan(&members, &orphans))
	if members != 4 || orphans != 0 {
		t.Errorf("%d members, %d without an identity; want 4 and 0", members, orphans)
	}
}
