package accounts_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/store"
)

// A feed watch is an account of its own: named after its address when no
// name is given, listed with its keywords, refused with a bad address.
func TestAddFeedWatch(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	eng := &fakeEngine{running: map[int64]json.RawMessage{}}
	svc := accounts.New(st, memSecrets{}, eng)
	a, err := svc.AddFeed(ctx, "", core.FeedSettings{URL: " https://forum.example.org/rss/ ", Keywords: []string{"hearth", " "}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "forum.example.org/rss" || a.Kind != core.KindFeed || eng.running[a.ID] == nil {
		t.Errorf("added %+v, want the watch named after its address and running", a)
	}
	if _, err := svc.AddFeed(ctx, "Blog", core.FeedSettings{URL: "ftp://blog.example.org"}); err == nil {
		t.Error("an ftp address was accepted as a feed")
	}
	ws, err := svc.FeedWatches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Settings.URL != "https://forum.example.org/rss/" || len(ws[0].Settings.Keywords) != 1 {
		t.Errorf("watches = %+v, want the forum with one keyword", ws)
	}
}
