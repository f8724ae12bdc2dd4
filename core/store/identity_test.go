package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func newChannel(t *testing.T, s *Store, name string, kind core.AccountKind) int64 {
	t.Helper()
	id, err := s.CreateAccount(context.Background(), core.Account{Kind: kind, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// comment makes a VK comment by VK user author, n minutes after base.
func comment(remoteID string, n int, author string) core.Item {
	return core.Item{
		Kind: core.ItemVKComment, RemoteID: remoteID, Text: "Comment " + remoteID,
		Author:     core.Person{Name: "User " + author, Address: author},
		ThreadRefs: []string{"post-1"}, CreatedAt: base.Add(time.Duration(n) * time.Minute),
	}
}

func applyBatch(t *testing.T, s *Store, accountID int64, b core.Batch) core.BatchResult {
	t.Helper()
	res, err := s.ApplyBatch(context.Background(), accountID, b)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func identity(t *testing.T, s *Store, kind core.IdentityKind, addr string) core.Identity {
	t.Helper()
	id, err := s.Identity(context.Background(), kind, addr)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// A profile sync fills what it knows and never erases what an earlier one
// knew.
func TestBatchIdentitiesUpsert(t *testing.T) {
	joined := base.Add(-24 * time.Hour)
	full := core.Identity{
		Kind: core.IdentityX, Address: "42", Name: "Anna", Handle: "@anna_k", PhotoURL: "https://x/a.jpg",
		Location: "Lyon", Language: "fr", Bio: "Cosplay", Followers: 12000, Verified: true, JoinedAt: joined,
	}
	tests := []struct {
		name   string
		second core.Identity
		want   func(core.Identity) core.Identity // from the first profile
	}{
		{"empty fields keep the known ones",
			core.Identity{Kind: core.IdentityX, Address: "42", Followers: -1},
			func(id core.Identity) core.Identity { return id }},
		{"known fields are replaced",
			core.Identity{Kind: core.IdentityX, Address: "42", Name: "Anna K.", Handle: "anna", Followers: 0,
				Location: "Paris", JoinedAt: base},
			func(id core.Identity) core.Identity {
				id.Name, id.Handle, id.Followers, id.Location, id.JoinedAt = "Anna K.", "anna", 0, "Paris", base
				return id
			}},
		{"the kind defaults to the account's",
			core.Identity{Address: "42", Bio: "Cosplay and games", Followers: -1},
			func(id core.Identity) core.Identity { id.Bio = "Cosplay and games"; return id }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			acct := newChannel(t, s, "x", core.KindX)
			applyBatch(t, s, acct, core.Batch{Identities: []core.Identity{full}})
			first := identity(t, s, core.IdentityX, "42")
			applyBatch(t, s, acct, core.Batch{Identities: []core.Identity{tt.second}})
			got := identity(t, s, core.IdentityX, "42")

			want := tt.want(first)
			want.UpdatedAt = got.UpdatedAt
			if got != want {
				t.Errorf("after the second profile:\n got %+v\nwant %+v", got, want)
			}
			if first.Handle != "anna_k" || first.AccountID != acct || first.UpdatedAt.IsZero() || !first.JoinedAt.Equal(joined) {
				t.Errorf("first profile stored as %+v", first)
			}
		})
	}
}

func TestIdentityReads(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newChannel(t, s, "vk", core.KindVK)
	applyBatch(t, s, acct, core.Batch{Identities: []core.Identity{{Address: "7", Name: "Oleg", Followers: -1}}})
	byAddr := identity(t, s, core.IdentityVK, "7")
	byID, err := s.IdentityByID(ctx, byAddr.ID)
	if err != nil || byID != byAddr || byAddr.Kind != core.IdentityVK || byAddr.Followers != -1 {
		t.Errorf("IdentityByID = %+v, %v; Identity = %+v", byID, err, byAddr)
	}
	if _, err := s.Identity(ctx, core.IdentityX, "7"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("another channel's id: err = %v, want ErrNotFound", err)
	}
	if _, err := s.IdentityByID(ctx, 999); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("unknown id: err = %v, want ErrNotFound", err)
	}
}

// The author of a VK item is the VK identity the batch's profiles named,
// whatever the kind of the item.
func TestItemAuthorLinksToBatchIdentity(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newChannel(t, s, "vk", core.KindVK)
	post := core.Item{Kind: core.ItemVKPost, RemoteID: "post-1", Text: "Post", CreatedAt: base,
		Author: core.Person{Name: "Oleg", Address: "7", Handle: "oleg"}}
	applyBatch(t, s, acct, core.Batch{
		Identities: []core.Identity{{Address: "7", Name: "Oleg P.", Location: "Tver", Followers: -1}},
		Items:      []core.Item{post, comment("c1", 1, "7")},
	})
	ident := identity(t, s, core.IdentityVK, "7")
	var n, linked int
	err := s.r.QueryRow("SELECT count(*), count(*) FILTER (WHERE author_identity_id = ?) FROM items", ident.ID).
		Scan(&n, &linked)
	if err != nil || n != 2 || linked != 2 {
		t.Errorf("%d of %d items linked to the identity (%v)", linked, n, err)
	}
	if ident.Name != "Oleg P." || ident.Location != "Tver" {
		t.Errorf("the item overwrote the profile: %+v", ident)
	}
	if _, err := s.Identity(ctx, core.IdentityEmail, "7"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("a VK author became an e-mail identity: err = %v", err)
	}
}

// An item's author without a profile gets an identity with the name and
// handle the item gives.
func TestItemAuthorHandleReachesIdentity(t *testing.T) {
	s := newStore(t)
	acct := newChannel(t, s, "x", core.KindX)
	m := core.Item{Kind: core.ItemXMention, RemoteID: "t1", Text: "@brand hi", CreatedAt: base,
		Author: core.Person{Name: "Léa", Address: "99", Handle: "lea"}}
	applyBatch(t, s, acct, core.Batch{Items: []core.Item{m}})
	m.RemoteID, m.Author.Handle = "t2", "lea_new"
	applyBatch(t, s, acct, core.Batch{Items: []core.Item{m}})
	if got := identity(t, s, core.IdentityX, "99"); got.Name != "Léa" || got.Handle != "lea_new" || got.AccountID != acct {
		t.Errorf("identity = %+v, want Léa @lea_new of account %d", got, acct)
	}
}

func TestSetIdentityBan(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newChannel(t, s, "vk", core.KindVK)
	applyBatch(t, s, acct, core.Batch{Identities: []core.Identity{{Address: "7", Name: "Oleg", Followers: -1}}})
	until := base.Add(7 * 24 * time.Hour)
	steps := []struct {
		addr  string
		until time.Time
		want  time.Time
	}{
		{"7", until, until},
		{"7", core.BanForever, core.BanForever},
		{"7", time.Time{}, time.Time{}}, // unban
		{"8", until, until},             // not seen yet
	}
	for i, st := range steps {
		must(t, s.SetIdentityBan(ctx, core.IdentityVK, st.addr, st.until))
		got := identity(t, s, core.IdentityVK, st.addr)
		if !got.BannedUntil.Equal(st.want) {
			t.Errorf("step %d: banned until %v, want %v", i, got.BannedUntil, st.want)
		}
	}
	// A later profile sync does not lift the ban.
	applyBatch(t, s, acct, core.Batch{Identities: []core.Identity{{Address: "8", Name: "Nadia", Followers: -1}}})
	if got := identity(t, s, core.IdentityVK, "8"); !got.BannedUntil.Equal(until) || got.Name != "Nadia" {
		t.Errorf("after a profile sync: %+v", got)
	}
	if err := s.SetIdentityBan(ctx, core.IdentityVK, " ", until); err == nil {
		t.Error("a ban without an address was accepted")
	}
}
