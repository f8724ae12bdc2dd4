package x

import (
	"fmt"
	"net/url"
	"slices"
	"testing"

	"github.com/hearthhq/hearth/core"
)

func TestFirstSyncMapsMentionsAuthorsAndThreads(t *testing.T) {
	for _, ver := range versions {
		t.Run("v"+string(ver), func(t *testing.T) {
			e := newEnv(t, ver)
			root := e.tweet(me, "Season 3 starts Friday! What do you want to see?", "")
			q := e.tweet(alice, "@hearth_game will there be a co-op mode?", root)
			big := e.tweet(bigcorp, "@hearth_game the servers are down again for everyone in EU", "")
			e.tweet(alice, "unrelated post", "")
			e.mustSync()

			if got, want := e.sess.ids(), []string{q, big}; !slices.Equal(got, want) {
				t.Fatalf("synced %v, want the two mentions %v", got, want)
			}
			it := e.sess.items[q]
			if it.Kind != core.ItemXMention || it.Text != "@hearth_game will there be a co-op mode?" {
				t.Errorf("item = %+v", it)
			}
			if it.Author != (core.Person{Name: "Alice Martin", Address: "2001", Handle: "alice_m"}) {
				t.Errorf("author = %+v", it.Author)
			}
			if len(it.ThreadRefs) != 0 {
				t.Errorf("thread refs = %v: an answer to our announcement %s is a conversation of its own", it.ThreadRefs, root)
			}
			if it.VIP || !e.sess.items[big].VIP {
				t.Errorf("VIP: alice %v, bigcorp %v; want only the 250k-follower account", it.VIP, e.sess.items[big].VIP)
			}
			if it.Stats.Likes != 3 || it.Stats.Reposts != 1 || it.CreatedAt.IsZero() {
				t.Errorf("stats %+v created %v", it.Stats, it.CreatedAt)
			}
			id := e.sess.identities["2001"]
			if id.Handle != "alice_m" || id.Followers != 120 || id.Location != "Lyon" || id.Bio != "tabletop nerd" || id.Kind != core.IdentityX {
				t.Errorf("identity = %+v", id)
			}
			if !e.sess.identities["2002"].Verified {
				t.Errorf("bigcorp identity not verified: %+v", e.sess.identities["2002"])
			}
			if c := e.sess.cursor(); c.SinceID != big || c.Next != "" {
				t.Errorf("cursor = %+v, want since_id %s", c, big)
			}
		})
	}
}

func TestIncrementalSyncAsksSinceTheNewestMention(t *testing.T) {
	for _, ver := range versions {
		t.Run("v"+string(ver), func(t *testing.T) {
			e := newEnv(t, ver)
			first := e.tweet(alice, "@hearth_game hello", "")
			e.mustSync()
			second := e.tweet(bigcorp, "@hearth_game any news?", "")
			e.mustSync()
			if got := e.sess.ids(); !slices.Equal(got, []string{first, second}) {
				t.Fatalf("items %v, want %s and %s", got, first, second)
			}
			if len(e.requests("since_id="+first)) == 0 {
				t.Errorf("second sync did not ask since_id=%s; requests: %v", first, e.peer.Requests())
			}
			if c := e.sess.cursor(); c.SinceID != second {
				t.Errorf("cursor %+v, want since_id %s", c, second)
			}
		})
	}
}

func TestPaginationFirstWindowThenEverythingNew(t *testing.T) {
	for _, ver := range versions {
		t.Run("v"+string(ver), func(t *testing.T) {
			e := newEnv(t, ver, func(o *Options) { o.PageSize = 5 })
			var old []string
			for i := range 12 {
				old = append(old, e.tweet(alice, fmt.Sprintf("@hearth_game old %d", i), ""))
			}
			e.mustSync()
			// The first sync takes the newest firstPages pages only.
			if got, want := e.sess.ids(), old[2:]; !slices.Equal(got, want) {
				t.Fatalf("first sync kept %v, want the newest 10 %v", got, want)
			}
			var fresh []string
			for i := range 12 {
				fresh = append(fresh, e.tweet(bigcorp, fmt.Sprintf("@hearth_game new %d", i), ""))
			}
			e.mustSync()
			got := e.sess.ids()
			if want := append(slices.Clone(old[2:]), fresh...); !slices.Equal(got, want) {
				t.Fatalf("after the second sync %v, want %v", got, want)
			}
			if c := e.sess.cursor(); c.SinceID != fresh[11] || c.Next != "" {
				t.Errorf("cursor %+v, want since_id %s", c, fresh[11])
			}
		})
	}
}

// pagedWithSince reports whether a request continued a page walk while
// keeping since_id, as X requires for an incremental pass.
func pagedWithSince(req, param string) bool {
	u, err := url.Parse(req[len("GET "):])
	return err == nil && u.Query().Get("since_id") != "" && u.Query().Get(param) != ""
}

// A mention deleted on X (while Hearth was closed, or since) is marked
// deleted at the next start; a pass of the same connection does not ask
// again until the check is due.
func TestDeletedMentionIsMarkedDeleted(t *testing.T) {
	for _, ver := range versions {
		t.Run("v"+string(ver), func(t *testing.T) {
			e := newEnv(t, ver)
			gone := e.tweet(alice, "@hearth_game this game is a scam", "")
			kept := e.tweet(bigcorp, "@hearth_game congrats on the launch", "")
			e.mustSync()
			lookups := func() int { return len(e.requests("/2/tweets?")) + len(e.requests("statuses/lookup")) }
			if lookups() != 0 {
				t.Errorf("the first pass of a workspace looked up the mentions it had just read")
			}

			e.peer.DeleteTweet(gone)
			e.conn = e.open(testKeys) // the next start
			e.mustSync()
			if !e.sess.items[gone].Deleted || e.sess.items[kept].Deleted {
				t.Errorf("deleted: the deleted mention %v, the other %v; want true, false",
					e.sess.items[gone].Deleted, e.sess.items[kept].Deleted)
			}
			n := lookups()
			e.mustSync()
			if lookups() != n {
				t.Error("a second pass of the same connection looked the mentions up again")
			}
			e.clock.add(checkEvery)
			e.mustSync()
			if lookups() != n+1 {
				t.Errorf("after %v the mentions were looked up %d times, want once", checkEvery, lookups()-n)
			}
		})
	}
}

// People answering one announcement are separate conversations; an answer
// to our reply joins the conversation we replied in.
func TestAnswersToAnAnnouncementAreSeparateConversations(t *testing.T) {
	for _, ver := range versions {
		t.Run("v"+string(ver), func(t *testing.T) {
			e := newEnv(t, ver)
			root := e.tweet(me, "Season 3 is live! What should we build next?", "")
			a1 := e.tweet(alice, "@hearth_game split-screen co-op on Switch?", root)
			b1 := e.tweet(bigcorp, "@hearth_game players report lost saves after the patch", root)
			e.mustSync()
			for _, id := range []string{a1, b1} {
				if refs := e.sess.items[id].ThreadRefs; len(refs) != 0 {
					t.Errorf("%s has thread refs %v: it would join every other answer to the announcement", id, refs)
				}
			}
			// We answer Alice from Hearth (the reply is stored), she answers back.
			ours := e.tweet(me, "@alice_m yes, from the next patch on!", a1)
			e.sess.items[ours] = core.Item{Kind: core.ItemXReply, RemoteID: ours, ThreadRefs: []string{a1}, Outgoing: true}
			a2 := e.tweet(alice, "@hearth_game great, thanks!", ours)
			e.mustSync()
			if refs := e.sess.items[a2].ThreadRefs; !slices.Contains(refs, ours) {
				t.Errorf("Alice's answer to our reply has thread refs %v, want our reply %s among them", refs, ours)
			}
		})
	}
}
