package x

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// Two processes (separate store handles on one workspace file, each with
// its engine) run the outbox at once against the X peer, whose posting is
// slow: while one is still posting a reply the other drains the outbox,
// again and again. Each reply is posted at most once, and every reply ends
// sent, in its thread; none is called failed.
func TestOutboxTwoProcessesOnTheXPeer(t *testing.T) {
	e := newEnv(t, core.XAPIv2)
	const replies = 8
	var mentions []string
	for i := range replies {
		mentions = append(mentions, e.tweet(alice, fmt.Sprintf("@hearth_game question %d?", i), ""))
	}
	ctx := context.Background()
	path := coretest.NewDB(t) // a migrated workspace's copy: no migration per test
	var stores []*store.Store
	var engines []*engine.Engine
	for range 2 {
		st, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		stores = append(stores, st)
		engines = append(engines, engine.New(engine.Params{Store: st, Drivers: []engine.Driver{NewDriver(Options{Now: e.clock.now})},
			Secrets: secretMap{"consumer_key": testKeys.ConsumerKey, "consumer_secret": testKeys.ConsumerSecret,
				"access_token": testKeys.AccessToken, "access_secret": testKeys.AccessSecret}}))
	}
	set, _ := json.Marshal(core.XSettings{APIURL: e.peer.URL(), Handle: "hearth_game"})
	acct, err := stores[0].CreateAccount(ctx, core.Account{Kind: core.KindX, Name: "hearth on X", Settings: set})
	if err != nil {
		t.Fatal(err)
	}
	if err := engines[0].SyncOnce(ctx, acct); err != nil {
		t.Fatal(err)
	}
	texts := map[string]bool{}
	for i, m := range mentions {
		it, err := stores[0].ItemByRemoteID(ctx, acct, m)
		if err != nil {
			t.Fatal(err)
		}
		text := fmt.Sprintf("@alice_m answer %d", i)
		texts[text] = true
		payload, _ := json.Marshal(engine.ReplyPayload{Text: text})
		if _, err := stores[0].Enqueue(ctx, core.OutboxEntry{AccountID: acct, ItemID: it.ID, Op: core.OpReply,
			Payload: payload, IdemKey: fmt.Sprintf("x-reply-%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	e.peer.Inject(xpeer.Fault{Route: xpeer.RouteCreate, Delay: 150 * time.Millisecond})

	var wg sync.WaitGroup
	for _, eng := range engines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 4 {
				if _, err := eng.FlushOutbox(ctx); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()

	posted := map[string]int{}
	for _, tw := range e.peer.ByAuthor(me.ID) {
		posted[tw.Text]++
	}
	for text, n := range posted {
		if n > 1 || !texts[text] {
			t.Errorf("%q posted %d times", text, n)
		}
	}
	entries, err := stores[1].Outbox(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, ent := range entries {
		var p engine.ReplyPayload
		json.Unmarshal(ent.Payload, &p)
		if ent.State != core.OutboxSent || posted[p.Text] != 1 {
			t.Errorf("reply %q: %s (%s), posted %d times; want sent, once", p.Text, ent.State, ent.LastError, posted[p.Text])
			continue
		}
		if _, err := stores[1].ItemByRemoteID(ctx, acct, ent.RemoteID); err != nil {
			t.Errorf("reply %q is sent but not in its thread: %v", p.Text, err)
		}
	}
	if len(entries) != replies {
		t.Errorf("%d outbox entries, want %d", len(entries), replies)
	}
}
