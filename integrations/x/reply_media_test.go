package x

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// A reply with pictures to a mention goes through the outbox: the media
// upload (simple for the small picture, chunked for the big one, alt
// text), then the reply with their media ids. A failure at each step is
// retried from where it stopped: each picture uploaded once, the reply
// posted once, in reply to the mention.
func TestReplyWithMediaRetriesAfterEachStep(t *testing.T) {
	defer func(n int) { chunkSize = n }(chunkSize)
	chunkSize = 400 << 10
	dir := t.TempDir()
	small, big := filepath.Join(dir, "small.png"), filepath.Join(dir, "big.png")
	for path, data := range map[string][]byte{small: picture(t, 40, 30), big: picture(t, 600, 600)} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		step  string
		fault xpeer.Fault
	}{
		{"simple upload", xpeer.Fault{Route: xpeer.RouteUpload11, Status: 503, Times: 1}},
		{"append", xpeer.Fault{Route: xpeer.RouteUpload11, Status: 503, Times: 1}},
		{"alt text", xpeer.Fault{Route: xpeer.RouteMetadata11, Status: 503, Times: 1}},
		{"reply", xpeer.Fault{Route: xpeer.RouteCreate, HTML: true, Status: 502, Times: 1}},
	}
	for _, c := range cases {
		t.Run(c.step, func(t *testing.T) {
			e := newEnv(t, core.XAPIv2)
			ctx := context.Background()
			mention := e.tweet(alice, "@hearth_game what does the new board look like?", "")
			st, eng, ent := e.outboxReply(t, mention, engine.ReplyPayload{Text: "@alice_m like this!",
				Attach: []core.PostImage{{Path: small, Alt: "The new board, seen from above"}, {Path: big}}})
			if c.step == "append" {
				// The small picture and the big one's INIT pass, then the
				// first APPEND fails.
				e.peer.Inject(xpeer.Fault{Route: xpeer.RouteUpload11, Times: 2, Delay: time.Nanosecond})
			}
			e.peer.Inject(c.fault)
			if _, err := eng.FlushOutbox(ctx); err != nil {
				t.Fatal(err)
			}
			if got, _ := st.OutboxEntry(ctx, ent); got.State == core.OutboxSent {
				t.Fatalf("sent despite the %s failure", c.step)
			}
			e.clock.add(time.Hour)
			if _, err := eng.FlushOutbox(ctx); err != nil {
				t.Fatal(err)
			}
			if got, _ := st.OutboxEntry(ctx, ent); got.NeedsPerson() {
				// Not found after an unknown outcome: a person retries.
				if err := st.RetryOutbox(ctx, ent); err != nil {
					t.Fatal(err)
				}
				if _, err := eng.FlushOutbox(ctx); err != nil {
					t.Fatal(err)
				}
			}
			if got, _ := st.OutboxEntry(ctx, ent); got.State != core.OutboxSent {
				t.Fatalf("entry %s (%s), want sent", got.State, got.LastError)
			}
			posts := e.peer.ByAuthor(me.ID)
			if len(posts) != 1 || posts[0].InReplyTo != mention || len(posts[0].MediaIDs) != 2 {
				t.Fatalf("our posts %+v, want one reply to the mention with both pictures", posts)
			}
			if e.peer.Uploads() != 2 || e.peer.Started() != 2 {
				t.Errorf("%d uploads (%d started), want each picture's once", e.peer.Uploads(), e.peer.Started())
			}
		})
	}
}

// outboxReply syncs the account into a store and queues p as the answer
// to the mention; it returns the store, an engine over it and the entry.
func (e *env) outboxReply(t *testing.T, mention string, p engine.ReplyPayload) (*store.Store, *engine.Engine, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	set, _ := json.Marshal(core.XSettings{APIURL: e.peer.URL(), Handle: "hearth_game"})
	acct, err := st.CreateAccount(ctx, core.Account{Kind: core.KindX, Name: "hearth on X", Settings: set})
	if err != nil {
		t.Fatal(err)
	}
	eng := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{NewDriver(Options{Now: e.clock.now})}, Now: e.clock.now,
		Secrets: secretMap{"consumer_key": testKeys.ConsumerKey, "consumer_secret": testKeys.ConsumerSecret,
			"access_token": testKeys.AccessToken, "access_secret": testKeys.AccessSecret}})
	if err := eng.SyncOnce(ctx, acct); err != nil {
		t.Fatal(err)
	}
	it, err := st.ItemByRemoteID(ctx, acct, mention)
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(p)
	id, err := st.Enqueue(ctx, core.OutboxEntry{AccountID: acct, ItemID: it.ID, Op: core.OpReply, Payload: payload,
		IdemKey: "x-media-reply", State: core.OutboxQueued, CreatedAt: e.clock.now()})
	if err != nil {
		t.Fatal(err)
	}
	return st, eng, id
}
