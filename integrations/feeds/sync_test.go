package feeds

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/feeds/feedpeer"
)

// A first pass brings every entry in as a feed item with its link; a
// second, answered 304, costs no write at all.
func TestSyncThenNotModifiedWritesNothing(t *testing.T) {
	e := newEnv(t)
	e.peer.Serve("/blog.rss", rssDoc(blog))
	c := e.open("/blog.rss")
	e.mustSync(c)
	got := e.sess.lastBatch()
	if len(got) != 2 {
		t.Fatalf("first pass stored %d items, want 2", len(got))
	}
	it := got[0]
	if it.Kind != core.ItemFeed || it.RemoteID != "tn-3" || it.Subject != "Hearth guilds, a month in" ||
		it.Link() != "https://tabletop-notes.example.org/3" || it.Author.Name != "Maya" ||
		it.Text != "A month in Hearth's guilds." || !it.CreatedAt.Equal(base.Add(-time.Hour)) {
		t.Errorf("item = %+v", it)
	}
	e.mustSync(c)
	if n := e.sess.commits(); n != 1 {
		t.Errorf("%d commits after an unchanged feed, want 1 (the 304 must write nothing)", n)
	}
	if h := e.peer.Hits("/blog.rss"); h.Full != 1 || h.NotModified != 1 {
		t.Errorf("peer hits %+v, want one full answer and one 304", h)
	}
}

// Each validator alone is enough for a 304, and a server that sends none
// still costs no write when its document is the same.
func TestConditionalGetWithEitherValidatorOrNone(t *testing.T) {
	tests := []struct {
		name     string
		doc      feedpeer.Doc
		want304  int
		wantFull int
	}{
		{"etag only", feedpeer.Doc{NoLastModified: true}, 1, 1},
		{"last-modified only", feedpeer.Doc{NoETag: true}, 1, 1},
		{"no validators", feedpeer.Doc{NoETag: true, NoLastModified: true}, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			d := rssDoc(blog)
			d.NoETag, d.NoLastModified = tt.doc.NoETag, tt.doc.NoLastModified
			e.peer.Serve("/f", d)
			c := e.open("/f")
			e.mustSync(c)
			e.mustSync(c)
			if n := e.sess.commits(); n != 1 {
				t.Errorf("%d commits, want 1", n)
			}
			if h := e.peer.Hits("/f"); h.NotModified != tt.want304 || h.Full != tt.wantFull {
				t.Errorf("hits %+v, want %d full and %d 304", h, tt.wantFull, tt.want304)
			}
		})
	}
}

// An edited entry keeps its identity (GUID, else link, else the hash of
// its title and date) and is the only one written again; a new entry
// comes in beside it.
func TestEditedEntryKeepsItsIdentity(t *testing.T) {
	for _, tt := range []struct {
		name string
		id   func(*feedpeer.Entry)
	}{
		{"guid", func(*feedpeer.Entry) {}},
		{"link", func(en *feedpeer.Entry) { en.ID = "" }},
		{"hash", func(en *feedpeer.Entry) { en.ID, en.Link = "", "" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			f := feedpeer.Feed{Title: "Blog", Link: "https://b.example/", Entries: append([]feedpeer.Entry(nil), blog.Entries...)}
			for i := range f.Entries {
				tt.id(&f.Entries[i])
			}
			e.peer.Serve("/f", rssDoc(f))
			c := e.open("/f")
			e.mustSync(c)
			first := e.sess.lastBatch()
			f.Entries[1].Summary = "Quick picks, with a typo fixed."
			f.Entries = append([]feedpeer.Entry{{ID: "tn-4", Title: "New", Link: "https://b.example/4", Published: base}}, f.Entries...)
			e.peer.Serve("/f", rssDoc(f))
			e.mustSync(c)
			got := e.sess.lastBatch()
			if len(got) != 2 || got[0].Subject != "New" || got[1].RemoteID != first[1].RemoteID ||
				got[1].Text != "Quick picks, with a typo fixed." {
				t.Errorf("second pass wrote %+v, want the new entry and the edited one under id %q", got, first[1].RemoteID)
			}
			if len(e.sess.items) != 3 {
				t.Errorf("%d items stored, want 3", len(e.sess.items))
			}
		})
	}
}

// A watch with keywords lets in only the entries that mention them, as
// whole words in any case and any of their forms ("встреча" finds
// "встречу", not "встречный"); the others never reach the store.
func TestKeywordsFilterEntries(t *testing.T) {
	e := newEnv(t)
	f := feedpeer.Feed{Title: "Forum", Link: "https://f.example/", Entries: []feedpeer.Entry{
		{ID: "1", Title: "Встреча в субботу", Summary: "Берём <b>Очаг</b>", Published: base},
		{ID: "2", Title: "Hearthstone night", Summary: "cards", Published: base},
		{ID: "3", Title: "Off topic", Summary: "the HEARTH club meets", Published: base},
		{ID: "4", Title: "Nothing", Summary: "at all", Published: base},
		{ID: "5", Title: "Кто придёт на встречу?", Summary: "", Published: base},
		{ID: "6", Title: "Встречный вопрос", Summary: "", Published: base},
	}}
	e.peer.Serve("/f", rssDoc(f))
	e.mustSync(e.open("/f", "hearth", "очаг", "встреча"))
	var ids []string
	for _, it := range e.sess.lastBatch() {
		ids = append(ids, it.RemoteID)
	}
	if strings.Join(ids, ",") != "1,3,5" {
		t.Errorf("entries let in: %v, want 1, 3 and 5", ids)
	}
}

// A web alert shows and opens the page it points to, never the redirect.
func TestAlertLinksAreUnwrapped(t *testing.T) {
	e := newEnv(t)
	e.peer.Serve("/alerts", feedpeer.Doc{ContentType: "application/atom+xml", Body: feedpeer.Alerts("hearth makers", []feedpeer.Entry{
		{Title: "Hearth Makers open a new workshop", Link: "https://news.example.fr/atelier?id=7&lang=fr",
			Summary: `Read <a href="` + feedpeer.RedirectLink("https://news.example.fr/atelier?id=7") + `">more</a>`, Published: base},
	})})
	e.mustSync(e.open("/alerts"))
	it := e.sess.lastBatch()[0]
	if it.Link() != "https://news.example.fr/atelier?id=7&lang=fr" {
		t.Errorf("link %q, want the target page", it.Link())
	}
	if it.Subject != "Hearth Makers open a new workshop" || strings.Contains(it.Text, "google") {
		t.Errorf("subject %q, text %q: want plain words and the target address", it.Subject, it.Text)
	}
}

// A forum that names its windows-1251 only in the Content-Type header.
func TestCharsetFromTheServer(t *testing.T) {
	e := newEnv(t)
	e.peer.Serve("/forum", feedpeer.Doc{ContentType: "application/rss+xml; charset=windows-1251",
		Body: readFixture(t, "forum-cp1251-nodecl.xml")})
	e.mustSync(e.open("/forum"))
	if got := e.sess.lastBatch(); len(got) != 2 || got[0].Subject != "Встреча клуба в субботу: кто идёт?" {
		t.Errorf("items %+v", got)
	}
}

// A feed that fails says why in words a person acts on, and nothing is
// written; the cursor stays, so the next pass starts from what was kept.
func TestFailuresSayWhy(t *testing.T) {
	tests := []struct {
		name    string
		fault   *feedpeer.Fault
		doc     *feedpeer.Doc
		problem core.Problem
		message string
	}{
		{"server error page", &feedpeer.Fault{Status: 500, Body: "<html><body>Internal Server Error</body></html>"},
			nil, core.ProblemServer, "the feed's site is having trouble (HTTP 500)"},
		{"gone", &feedpeer.Fault{Status: 404, Body: "not here"}, nil, core.ProblemConfig, "there is no feed at this address (HTTP 404)"},
		{"rate limited", &feedpeer.Fault{Status: 429, RetryAfter: "120"}, nil, core.ProblemRateLimit, "the feed's site asks Hearth to slow down (HTTP 429)"},
		{"forbidden", &feedpeer.Fault{Status: 403}, nil, core.ProblemDenied, "the site refuses to serve the feed (HTTP 403)"},
		{"timeout", &feedpeer.Fault{Hang: true}, nil, core.ProblemNetwork, "the feed's site did not answer in time"},
		{"web page", nil, &feedpeer.Doc{ContentType: "text/html", Body: readFixture(t, "page.html")},
			core.ProblemConfig, "the address serves a web page, not a feed"},
		{"truncated", nil, &feedpeer.Doc{ContentType: "text/xml", Body: readFixture(t, "truncated.xml")},
			core.ProblemServer, "the feed cannot be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.opt.Timeout = 300 * time.Millisecond // the hang ends when the client gives up
			e.peer.Serve("/f", rssDoc(blog))
			c := e.open("/f")
			e.mustSync(c)
			if tt.fault != nil {
				e.peer.Fail("/f", *tt.fault)
			} else {
				e.peer.Serve("/f", *tt.doc)
			}
			cursorBefore := string(e.sess.cursors[cursorKey])
			err := c.Sync(context.Background(), e.sess)
			re := core.AsRemote(err)
			if re == nil || re.Problem != tt.problem || !strings.HasPrefix(re.Message, tt.message) {
				t.Fatalf("error %v, want %s problem %q", err, tt.problem, tt.message)
			}
			if tt.problem == core.ProblemRateLimit && !re.RetryAt.Equal(base.Add(2*time.Minute)) {
				t.Errorf("retry at %v, want in 2 minutes", re.RetryAt)
			}
			if e.sess.commits() != 1 || string(e.sess.cursors[cursorKey]) != cursorBefore {
				t.Error("a failed pass wrote something")
			}
		})
	}
}

// The caller's cancellation is not the feed's failure.
func TestCancelledSyncIsNotAFeedError(t *testing.T) {
	e := newEnv(t)
	e.peer.Fail("/f", feedpeer.Fault{Hang: true})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := e.open("/f").Sync(ctx, e.sess)
	if !errors.Is(err, context.Canceled) || core.AsRemote(err) != nil {
		t.Errorf("error %v, want the context's cancellation", err)
	}
}
