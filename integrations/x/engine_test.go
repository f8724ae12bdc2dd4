package x

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// TestEngineShowsMentionsAndRevokedKeys runs the real engine and store: the
// mentions land in the inbox, and revoked keys put the sentence a person
// acts on in the account's status.
func TestEngineShowsMentionsAndRevokedKeys(t *testing.T) {
	e := newEnv(t, core.XAPIv2)
	root := e.tweet(me, "Season 3 is live", "")
	q := e.tweet(alice, "@hearth_game how do I join a guild?", root)
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	set, _ := json.Marshal(core.XSettings{APIURL: e.peer.URL()})
	id, err := st.CreateAccount(ctx, core.Account{Kind: core.KindX, Name: "hearth on X", Settings: set})
	if err != nil {
		t.Fatal(err)
	}
	eng := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{NewDriver(Options{Now: e.clock.now})},
		Secrets: secretMap{"consumer_key": testKeys.ConsumerKey, "consumer_secret": testKeys.ConsumerSecret,
			"access_token": testKeys.AccessToken, "access_secret": testKeys.AccessSecret}})
	if err := eng.SyncOnce(ctx, id); err != nil {
		t.Fatal(err)
	}
	items, err := st.Items(ctx, core.ItemFilter{AccountID: id, States: core.States})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].RemoteID != q || items[0].Kind != core.ItemXMention || items[0].Author.Handle != "alice_m" {
		t.Fatalf("inbox = %+v, want alice's mention %s", items, q)
	}
	e.peer.Inject(xpeer.Fault{Route: xpeer.RouteMentions, Status: 401, Code: 89})
	if err := eng.SyncOnce(ctx, id); err == nil {
		t.Fatal("sync with revoked keys succeeded")
	}
	a, err := st.Account(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	line := a.Status.Line(time.Now())
	if want := "error: X refused the keys: keys revoked or wrong (re-enter them in Accounts)"; line != want {
		t.Errorf("status line %q, want %q", line, want)
	}
	if !slices.ContainsFunc(e.peer.Requests(), func(r string) bool { return strings.Contains(r, "since_id="+q) }) {
		t.Error("the second pass did not continue from the stored cursor")
	}
	if n := len(e.requests("/2/users/me")); n != 1 {
		t.Errorf("asked X who we are %d times, want once: the id is kept", n)
	}
}
