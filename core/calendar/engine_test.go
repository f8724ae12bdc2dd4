package calendar_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
)

// peer is a fake channel: it keeps posts by idempotency key, as VK's guid
// does, and can be told to fail or to "crash" after posting.
type peer struct {
	mu       sync.Mutex
	posts    map[string]string // key -> text
	order    []string
	fail     map[int64]error // account -> error of Publish
	crashing bool            // panic after the post is made
	// inCall, when set, hears of each Publish call, which then waits for
	// release: a call in flight while another engine starts.
	inCall, release chan struct{}
	calls           int
}

func newPeer() *peer { return &peer{posts: map[string]string{}, fail: map[int64]error{}} }

func (p *peer) Open(_ context.Context, accountID int64) (engine.Conn, error) {
	return &conn{p: p, account: accountID}, nil
}

func (p *peer) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.posts)
}

type conn struct {
	p       *peer
	account int64
}

func (c *conn) Sync(context.Context, engine.Session) error { return nil }
func (c *conn) Close() error                               { return nil }

func (c *conn) Publish(_ context.Context, pub core.Publication) (core.Published, error) {
	c.p.mu.Lock()
	c.p.calls++
	inCall, release := c.p.inCall, c.p.release
	c.p.mu.Unlock()
	if inCall != nil {
		inCall <- struct{}{}
		<-release
	}
	c.p.mu.Lock()
	if err := c.p.fail[c.account]; err != nil {
		c.p.mu.Unlock()
		return core.Published{}, err
	}
	if _, ok := c.p.posts[pub.Key]; !ok {
		c.p.posts[pub.Key] = pub.Text
		c.p.order = append(c.p.order, pub.Key)
	}
	crash := c.p.crashing
	c.p.mu.Unlock()
	if crash {
		panic("process killed after the post went out")
	}
	return core.Published{RemoteID: "r-" + pub.Key}, nil
}

func (c *conn) FindPublished(_ context.Context, pub core.Publication) (core.Published, bool, error) {
	c.p.mu.Lock()
	defer c.p.mu.Unlock()
	if _, ok := c.p.posts[pub.Key]; ok {
		return core.Published{RemoteID: "r-" + pub.Key}, true, nil
	}
	return core.Published{}, false, nil
}

// clock is a fixed clock a test moves by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

type fixture struct {
	st    *store.Store
	peer  *peer
	clock *clock
	svc   *calendar.Service
	eng   *calendar.Engine
	vk, x int64
	ctx   context.Context
	paris *time.Location
}

func setup(t *testing.T, start time.Time) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, peer: newPeer(), clock: &clock{t: start}, ctx: ctx}
	f.paris, _ = time.LoadLocation("Europe/Paris")
	if f.vk, err = st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "club"}); err != nil {
		t.Fatal(err)
	}
	if f.x, err = st.CreateAccount(ctx, core.Account{Kind: core.KindX, Name: "x"}); err != nil {
		t.Fatal(err)
	}
	f.svc = calendar.New(calendar.Params{Store: st, Now: f.clock.Now, Zone: "Europe/Paris"})
	f.eng = f.restart()
	return f
}

// restart builds a new engine on the same store, as a new process would.
func (f *fixture) restart() *calendar.Engine {
	return calendar.NewEngine(calendar.EngineParams{Store: f.st, Channels: f.peer, Now: f.clock.Now})
}

func (f *fixture) schedule(t *testing.T, p core.Post) core.Post {
	t.Helper()
	p, err := f.svc.Create(f.ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Schedule(f.ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	return p
}

func (f *fixture) pass(t *testing.T) {
	t.Helper()
	if _, err := f.eng.Pass(f.ctx); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) states(t *testing.T, id int64) map[int64]core.PostTarget {
	t.Helper()
	p, err := f.st.Post(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]core.PostTarget{}
	for _, tg := range p.Targets {
		out[tg.AccountID] = tg
	}
	return out
}

func targets(ids ...int64) []core.PostTarget {
	ts := make([]core.PostTarget, len(ids))
	for i, id := range ids {
		ts[i] = core.PostTarget{AccountID: id}
	}
	return ts
}

var nineAM = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

func TestDuePostPublishesOnceOnEachChannel(t *testing.T) {
	f := setup(t, nineAM.Add(-time.Hour))
	p := f.schedule(t, core.Post{Text: "Hello", At: nineAM, Targets: targets(f.vk, f.x)})
	f.pass(t)
	if n := f.peer.count(); n != 0 {
		t.Fatalf("%d posts made an hour early", n)
	}
	f.clock.Set(nineAM.Add(30 * time.Second))
	f.pass(t)
	f.pass(t)
	if n := f.peer.count(); n != 2 {
		t.Fatalf("the peer has %d posts, want one per channel", n)
	}
	for acct, tg := range f.states(t, p.ID) {
		if tg.State != core.TargetPublished || tg.RemoteID == "" {
			t.Errorf("account %d: %s %q, want published with its remote id", acct, tg.State, tg.RemoteID)
		}
	}
}

// A crash after the publish call and before the state write leaves one
// post on the peer; the next start checks the channel and ends published,
// without posting again.
func TestCrashAfterPublishIsConfirmedNotRepeated(t *testing.T) {
	f := setup(t, nineAM)
	p := f.schedule(t, core.Post{Text: "Crash test", At: nineAM, Targets: targets(f.vk)})
	f.peer.crashing = true
	func() {
		defer func() { recover() }() // the process "dies" here
		f.eng.Pass(f.ctx)
	}()
	if got := f.states(t, p.ID)[f.vk].State; got != core.TargetPublishing {
		t.Fatalf("after the crash the target is %s, want publishing (written before the call)", got)
	}
	f.peer.crashing = false
	// The dead engine's lease lapses: in a real crash its pid is gone, and
	// the next engine takes over at once (cmd/hearth's kill test).
	f.clock.Set(nineAM.Add(11 * time.Minute))
	f.eng = f.restart()
	if err := f.eng.Recover(f.ctx); err != nil {
		t.Fatal(err)
	}
	if got := f.states(t, p.ID)[f.vk].State; got != core.TargetUnconfirmed {
		t.Fatalf("at restart the target is %s, want unconfirmed", got)
	}
	f.pass(t)
	f.pass(t)
	tg := f.states(t, p.ID)[f.vk]
	if tg.State != core.TargetPublished || tg.RemoteID == "" || tg.Attempts != 1 {
		t.Errorf("after confirmation: %s, remote %q, %d attempts; want published, found, 1 attempt", tg.State, tg.RemoteID, tg.Attempts)
	}
	if n := f.peer.count(); n != 1 {
		t.Errorf("the peer has %d posts, want exactly 1", n)
	}
}

// An unknown outcome whose post is absent fails with a sentence; it is not
// retried by itself.
func TestUnconfirmedAbsentFailsForAPerson(t *testing.T) {
	f := setup(t, nineAM)
	p := f.schedule(t, core.Post{Text: "Lost", At: nineAM, Targets: targets(f.x)})
	f.peer.fail[f.x] = fmt.Errorf("connection reset: %w", core.ErrUnknownOutcome)
	f.pass(t)
	if got := f.states(t, p.ID)[f.x].State; got != core.TargetUnconfirmed {
		t.Fatalf("after an unknown outcome: %s, want unconfirmed", got)
	}
	delete(f.peer.fail, f.x)
	f.pass(t)
	tg := f.states(t, p.ID)[f.x]
	if tg.State != core.TargetFailed || tg.Error != "not confirmed: check the channel, then retry" {
		t.Errorf("absent after check: %s %q", tg.State, tg.Error)
	}
	f.pass(t)
	if n := f.peer.count(); n != 0 {
		t.Errorf("a blind retry posted %d times", n)
	}
}

// A failed channel is retried alone, with its key; the channel that
// published is left alone.
func TestFailedTargetRetriedAlone(t *testing.T) {
	f := setup(t, nineAM)
	p := f.schedule(t, core.Post{Text: "Two channels", At: nineAM, Targets: targets(f.vk, f.x)})
	f.peer.fail[f.x] = &core.RemoteError{Problem: core.ProblemAuth, Message: "the token was revoked", Action: "paste new keys in Accounts"}
	f.pass(t)
	st := f.states(t, p.ID)
	if st[f.vk].State != core.TargetPublished || st[f.x].State != core.TargetFailed ||
		st[f.x].Error != "the token was revoked (paste new keys in Accounts)" {
		t.Fatalf("after one pass: vk %s, x %s %q", st[f.vk].State, st[f.x].State, st[f.x].Error)
	}
	if err := f.svc.Retry(f.ctx, st[f.vk].ID); err == nil {
		t.Errorf("retrying a published channel was accepted")
	}
	delete(f.peer.fail, f.x)
	f.clock.Set(nineAM.Add(3 * time.Hour)) // late, but a person asked
	if err := f.svc.Retry(f.ctx, st[f.x].ID); err != nil {
		t.Fatal(err)
	}
	f.pass(t)
	after := f.states(t, p.ID)
	if after[f.x].State != core.TargetPublished || after[f.x].Key != st[f.x].Key {
		t.Errorf("retried X target: %s key %q, want published with key %q", after[f.x].State, after[f.x].Key, st[f.x].Key)
	}
	if f.peer.count() != 2 || !after[f.vk].PublishedAt.Equal(st[f.vk].PublishedAt) {
		t.Errorf("peer has %d posts; VK republished: %v", f.peer.count(), after[f.vk].PublishedAt)
	}
}

func TestRateLimitReschedulesAfterRetryAt(t *testing.T) {
	f := setup(t, nineAM)
	p := f.schedule(t, core.Post{Text: "Slow down", At: nineAM, Targets: targets(f.x)})
	retry := nineAM.Add(15 * time.Minute)
	f.peer.fail[f.x] = &core.RemoteError{Problem: core.ProblemRateLimit, Message: "429", RetryAt: retry}
	f.pass(t)
	tg := f.states(t, p.ID)[f.x]
	if tg.State != core.TargetScheduled || !tg.RetryAt.Equal(retry) {
		t.Fatalf("rate limited: %s retry %v, want scheduled at %v", tg.State, tg.RetryAt, retry)
	}
	delete(f.peer.fail, f.x)
	f.clock.Set(retry.Add(-time.Second))
	f.pass(t)
	if f.peer.count() != 0 {
		t.Errorf("published before the channel's retry time")
	}
	f.clock.Set(retry)
	f.pass(t)
	if got := f.states(t, p.ID)[f.x].State; got != core.TargetPublished || f.peer.count() != 1 {
		t.Errorf("after the retry time: %s, %d posts", got, f.peer.count())
	}
}

func TestLatePolicy(t *testing.T) {
	cases := []struct {
		name   string
		policy calendar.LatePolicy
		late   time.Duration
		want   core.TargetState
	}{
		{"hold when too late", calendar.LatePolicy{Hold: true, After: 30 * time.Minute}, 3 * time.Hour, core.TargetHeld},
		{"publish a little late", calendar.LatePolicy{Hold: true, After: 30 * time.Minute}, 10 * time.Minute, core.TargetPublished},
		{"publish late by choice", calendar.LatePolicy{Hold: false}, 48 * time.Hour, core.TargetPublished},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := setup(t, nineAM)
			if err := f.svc.SetLatePolicy(f.ctx, c.policy); err != nil {
				t.Fatal(err)
			}
			p := f.schedule(t, core.Post{Text: "Good morning", At: nineAM, Targets: targets(f.vk)})
			f.clock.Set(nineAM.Add(c.late))
			f.pass(t)
			tg := f.states(t, p.ID)[f.vk]
			if tg.State != c.want {
				t.Errorf("%v late: %s (%s), want %s", c.late, tg.State, tg.Error, c.want)
			}
			if c.want == core.TargetHeld && tg.Error == "" {
				t.Errorf("a held post says nothing about why")
			}
		})
	}
}

// A weekly post at 09:00 Paris time over the spring DST change: each
// occurrence is made after the previous one published, at 09:00 local.
func TestWeeklySeriesAcrossDST(t *testing.T) {
	f := setup(t, time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC))
	first := time.Date(2026, 3, 22, 9, 0, 0, 0, f.paris)
	f.schedule(t, core.Post{Text: "Weekly digest", At: first, Recurrence: core.Recurrence{Freq: core.Weekly},
		Targets: targets(f.vk)})
	var locals []string
	at := first
	for range 3 {
		f.clock.Set(at.Add(10 * time.Second))
		f.pass(t)
		view, err := f.svc.Range(f.ctx, at, at.Add(8*24*time.Hour), calendar.Filter{}, f.paris)
		if err != nil {
			t.Fatal(err)
		}
		if len(view.Posts) != 2 {
			t.Fatalf("after occurrence at %v: %d posts in the next 8 days, want it and the next", at, len(view.Posts))
		}
		locals = append(locals, view.Posts[0].Local.Format("Mon 2 Jan 15:04 MST"))
		at = view.Posts[1].Post.At
	}
	want := []string{"Sun 22 Mar 09:00 CET", "Sun 29 Mar 09:00 CEST", "Sun 5 Apr 09:00 CEST"}
	if fmt.Sprint(locals) != fmt.Sprint(want) {
		t.Errorf("published at %v, want %v", locals, want)
	}
	if f.peer.count() != 3 {
		t.Errorf("the peer has %d posts, want 3", f.peer.count())
	}
}

// Hearth closed for two months under a weekly series: one late decision
// (here: publish late), then the next occurrence ahead of now; no burst.
func TestWeeklySeriesAfterTwoMonthPauseNoBurst(t *testing.T) {
	f := setup(t, time.Date(2026, 1, 4, 12, 0, 0, 0, time.UTC))
	if err := f.svc.SetLatePolicy(f.ctx, calendar.LatePolicy{Hold: false}); err != nil {
		t.Fatal(err)
	}
	first := time.Date(2026, 1, 5, 9, 0, 0, 0, f.paris)
	f.schedule(t, core.Post{Text: "Monday plan", At: first, Recurrence: core.Recurrence{Freq: core.Weekly}, Targets: targets(f.vk)})
	back := time.Date(2026, 3, 4, 12, 0, 0, 0, f.paris) // a Wednesday, eight Mondays later
	f.clock.Set(back)
	f.eng = f.restart()
	if err := f.eng.Recover(f.ctx); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		f.pass(t)
	}
	if n := f.peer.count(); n != 1 {
		t.Fatalf("after a two-month pause the peer has %d posts, want 1 (the late one), no burst", n)
	}
	posts, err := f.st.Posts(f.ctx, first, back.Add(60*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 {
		t.Fatalf("%d occurrences exist, want the first and the next one", len(posts))
	}
	if want := time.Date(2026, 3, 9, 9, 0, 0, 0, f.paris); !posts[1].At.Equal(want) || posts[1].State() != core.TargetScheduled {
		t.Errorf("next occurrence at %v (%s), want %v scheduled", posts[1].At.In(f.paris), posts[1].State(), want)
	}
}
