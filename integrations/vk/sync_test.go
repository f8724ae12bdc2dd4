package vk

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// TestFirstSyncBackfill: the first sync brings the window's posts with
// their counters, threaded comments with their authors, and the members;
// older posts stay out.
func TestFirstSyncBackfill(t *testing.T) {
	e := newEnv(t, core.VKSettings{BackfillDays: 30})
	old := e.post("Итоги прошлого сезона", 40*24*time.Hour)
	p := e.post("Новый сезон: голосуем за игру месяца!", 10*24*time.Hour)
	q := e.comment(p, anna, "Предлагаю «Каркассон»", 0)
	r := e.comment(p, chen, "+1, and English rules please", q)
	r2 := e.comment(p, anna, "@chenwu есть английская версия", r)
	e.peer.AddMember(anna.ID, e.clock.now())
	e.peer.AddMember(dima.ID, e.clock.now())
	e.mustSync()

	items := e.items()
	if _, ok := items[pRID(old)]; ok {
		t.Error("a post older than the backfill window was synced")
	}
	post := items[pRID(p)]
	if post.Kind != core.ItemVKPost || post.Stats != (core.ItemStats{Likes: 7, Reposts: 2, Comments: 3, Views: 150}) || !post.Outgoing {
		t.Errorf("post = %+v, want our vk_post with likes 7, reposts 2, 3 comments, 150 views", post)
	}
	tests := []struct {
		rid    string
		author string
	}{
		{cRID(p, q), "101"},
		{cRID(p, r), "103"},
		{cRID(p, r2), "101"},
	}
	for _, tt := range tests {
		it, ok := items[tt.rid]
		if !ok {
			t.Errorf("comment %s missing", tt.rid)
			continue
		}
		if it.Kind != core.ItemVKComment || it.Author.Address != tt.author {
			t.Errorf("comment %s = kind %s author %+v; want a vk_comment by %s", tt.rid, it.Kind, it.Author, tt.author)
		}
		if it.ThreadID != post.ThreadID {
			t.Errorf("comment %s is in thread %d, the post in %d", tt.rid, it.ThreadID, post.ThreadID)
		}
	}
	id, err := e.st.Identity(context.Background(), core.IdentityVK, "101")
	if err != nil {
		t.Fatal(err)
	}
	if id.Name != "Анна Петрова" || id.Handle != "anna_p" || id.Location != "Казань" || id.Followers != 340 || id.PhotoURL == "" {
		t.Errorf("identity of a commenter = %+v", id)
	}
	if _, err := e.st.Identity(context.Background(), core.IdentityVK, "104"); err != nil {
		t.Errorf("a member who never commented has no identity: %v", err)
	}
}

// TestIncrementalSync: a later pass reads the comments of only the post
// whose count changed, and an unchanged wall costs one wall.get.
func TestIncrementalSync(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	p1 := e.post("Пост один", 48*time.Hour)
	p2 := e.post("Post two", 24*time.Hour)
	e.comment(p1, anna, "первый", 0)
	e.comment(p2, chen, "first", 0)
	e.mustSync()
	before := e.peer.Calls("wall.getComments")

	e.mustSync()
	if n := e.peer.Calls("wall.getComments") - before; n != 0 {
		t.Errorf("an unchanged wall read comments %d times", n)
	}
	c := e.comment(p2, boris, "Накрутка подписчиков недорого!!!", 0)
	e.mustSync()
	if n := e.peer.Calls("wall.getComments") - before; n != 1 {
		t.Errorf("one new comment cost %d wall.getComments calls, want 1 (its post only)", n)
	}
	if it := e.item(cRID(p2, c)); it.Author.Name != "Boris Spam" || it.State != core.StateNew {
		t.Errorf("new comment = %+v", it)
	}
	if got := len(e.items()); got != 5 {
		t.Errorf("%d items after three passes, want 5 (2 posts, 3 comments): nothing twice", got)
	}
}

// TestLongThreadsAndPaging: threads longer than the first replies and
// walls longer than a page arrive whole.
func TestLongThreadsAndPaging(t *testing.T) {
	e := newEnv(t, core.VKSettings{}, func(o *Options) { o.PageSize = 2 })
	var posts []int
	for i := range 5 {
		posts = append(posts, e.post("пост", time.Duration(5-i)*time.Hour))
	}
	top := e.comment(posts[0], anna, "спор начинается", 0)
	for range 14 {
		e.comment(posts[0], chen, "reply", top)
	}
	e.mustSync()
	items := e.items()
	if len(items) != 5+15 {
		t.Errorf("%d items, want 5 posts and 15 comments", len(items))
	}
}

// TestSyncFailureKeepsWhatWasFetched: a pass cut by an error keeps the
// posts committed before it, and the next pass does not read them again.
func TestSyncFailureKeepsWhatWasFetched(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	p1 := e.post("один", 3*time.Hour)
	p2 := e.post("два", 2*time.Hour)
	e.comment(p1, anna, "a", 0)
	e.comment(p2, anna, "b", 0)
	e.peer.Fail("wall.getComments", vkpeer.Fault{}, vkpeer.Fault{Code: 10}) // the second post's comments fail
	if err := e.sync(); core.AsRemote(err) == nil || core.AsRemote(err).Problem != core.ProblemServer {
		t.Fatalf("sync error = %v, want a server problem", err)
	}
	if _, ok := e.items()[pRID(p1)]; !ok {
		t.Fatal("the first post was lost with the failure")
	}
	before := e.peer.Calls("wall.getComments")
	e.mustSync()
	if n := e.peer.Calls("wall.getComments") - before; n != 1 {
		t.Errorf("the retry read comments %d times, want once (the failed post only)", n)
	}
	if len(e.items()) != 4 {
		t.Errorf("%d items, want 4", len(e.items()))
	}
}

// TestChangesWhileClosedAreRecovered: what happened on the wall while
// Hearth was closed (the long-poll history gone) reaches the workspace on
// the next start: a deleted comment is marked deleted, an edit shows, a
// comment added beside a deletion (the count unchanged) arrives, and a
// deleted post is marked deleted.
func TestChangesWhileClosedAreRecovered(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	p1 := e.post("встреча в пятницу", 3*time.Hour)
	p2 := e.post("опрос", 2*time.Hour)
	gone := e.comment(p1, anna, "я приду", 0)
	edited := e.comment(p1, chen, "maybe", 0)
	e.mustSync()

	// Closed: nothing reads the events, which VK forgets.
	e.peer.DeleteComment(gone, anna.ID)
	e.peer.EditComment(edited, "yes, with two friends")
	added := e.comment(p1, anna, "ой, не смогу", 0)
	e.peer.DeletePost(p2)
	e.peer.ForgetEvents()

	e.conn = e.open() // the next start
	e.mustSync()
	if !e.item(cRID(p1, gone)).Deleted {
		t.Error("the comment deleted while closed is not marked deleted")
	}
	if got := e.item(cRID(p1, edited)).Text; got != "yes, with two friends" {
		t.Errorf("the comment edited while closed reads %q", got)
	}
	if _, ok := e.items()[cRID(p1, added)]; !ok {
		t.Error("the comment added while closed (the count unchanged) did not arrive")
	}
	if !e.item(pRID(p2)).Deleted || e.item(pRID(p1)).Deleted {
		t.Errorf("post deleted while closed: deleted = %v; the other post: %v", e.item(pRID(p2)).Deleted, e.item(pRID(p1)).Deleted)
	}

	// Once checked, a pass reads only the posts whose count changed.
	before := e.peer.Calls("wall.getComments")
	e.mustSync()
	if n := e.peer.Calls("wall.getComments") - before; n != 0 {
		t.Errorf("a quiet pass read comments %d times", n)
	}
}

// TestMembersChangedWhileClosed: who joined or left while Hearth was closed
// (no event read) is recorded at the next daily read of the member list; a
// join an event recorded already is not recorded twice.
func TestMembersChangedWhileClosed(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	e.peer.AddMember(anna.ID, e.clock.now().AddDate(-1, 0, 0))
	e.peer.AddMember(chen.ID, e.clock.now().AddDate(-1, 0, 0))
	e.mustSync()
	e.peer.Join(boris.ID) // seen live, by its event
	e.mustSync()
	start := e.clock.now()

	e.peer.Join(dima.ID)
	e.peer.Leave(chen.ID)
	e.peer.ForgetEvents() // closed meanwhile
	e.clock.add(membersEvery)
	e.conn = e.open()
	e.mustSync()

	evs, err := e.st.MembershipEvents(context.Background(), e.acct, start.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range evs {
		got = append(got, string(ev.Kind)+" "+ev.Address)
	}
	want := []string{"join " + itoa(boris.ID), "join " + itoa(dima.ID), "leave " + itoa(chen.ID)}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("membership events = %v, want %v", got, want)
	}
}
