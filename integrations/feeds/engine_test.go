package feeds

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/feeds/feedpeer"
)

type noSecrets struct{}

func (noSecrets) Get(context.Context, int64, string) (string, error) { return "", core.ErrNotFound }

// With the real engine and store: a failing feed says why on its status
// line while the other watches' entries land; entries are upserts, so a
// re-sync of a changed feed adds no duplicate.
func TestEngineFailingFeedDoesNotStopOthers(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.peer.Serve("/blog.rss", rssDoc(blog))
	e.peer.Fail("/broken.rss", feedpeer.Fault{Status: 502, Body: "<html>Bad gateway</html>"})
	e.peer.Serve("/forum.rss", feedpeer.Doc{ContentType: "text/xml", Body: readFixture(t, "forum-cp1251.xml")})
	ids := map[string]int64{}
	for _, name := range []string{"blog", "broken", "forum"} {
		set, _ := json.Marshal(core.FeedSettings{URL: e.peer.URL("/" + name + ".rss")})
		id, err := st.CreateAccount(ctx, core.Account{Kind: core.KindFeed, Name: name, Settings: set})
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = id
	}
	eng := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{NewDriver(e.opt)}, Secrets: noSecrets{}})
	err = eng.SyncOnce(ctx, 0)
	if err == nil || !strings.Contains(err.Error(), "broken") {
		t.Fatalf("sync error %v, want the broken feed named", err)
	}
	for name, want := range map[string]int{"blog": 2, "broken": 0, "forum": 2} {
		items, err := st.Items(ctx, core.ItemFilter{AccountID: ids[name], States: core.States})
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != want {
			t.Errorf("%s: %d items, want %d", name, len(items), want)
		}
		if name == "blog" && len(items) > 0 && items[0].Link() != "https://tabletop-notes.example.org/3" {
			t.Errorf("blog item link %q after the store", items[0].Link())
		}
	}
	a, err := st.Account(ctx, ids["broken"])
	if err != nil {
		t.Fatal(err)
	}
	if line, want := a.Status.Line(time.Now()), "error: the feed's site is having trouble (HTTP 502) (Hearth will try again)"; line != want {
		t.Errorf("status line %q, want %q", line, want)
	}
	// The blog edits an entry: the re-sync updates it in place.
	edited := blog
	edited.Entries = append([]feedpeer.Entry(nil), blog.Entries...)
	edited.Entries[0].Title = "Hearth guilds, a month in (updated)"
	e.peer.Serve("/blog.rss", rssDoc(edited))
	if err := eng.SyncOnce(ctx, ids["blog"]); err != nil {
		t.Fatal(err)
	}
	items, err := st.Items(ctx, core.ItemFilter{AccountID: ids["blog"], States: core.States})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].Subject != "Hearth guilds, a month in (updated)" {
		t.Errorf("after the edit: %d items, first %q", len(items), items[0].Subject)
	}
}
