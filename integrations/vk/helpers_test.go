package vk

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

const (
	groupID = 1000
	token   = "vk1.a.test-token"
)

var (
	anna  = vkpeer.User{ID: 101, FirstName: "Анна", LastName: "Петрова", ScreenName: "anna_p", Photo100: "https://vk.example/anna.jpg", City: "Казань", Followers: 340}
	boris = vkpeer.User{ID: 102, FirstName: "Boris", LastName: "Spam", ScreenName: "cheap_followers"}
	chen  = vkpeer.User{ID: 103, FirstName: "Chen", LastName: "Wu", ScreenName: "chenwu", City: "Berlin", Followers: 12}
	dima  = vkpeer.User{ID: 104, FirstName: "Дмитрий", LastName: "Орлов", ScreenName: "dorlov", Followers: 5}
)

// clock is a settable time shared by the peer and the driver.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is a peer with four users, a real store with the account, and an
// open connection.
type env struct {
	t     *testing.T
	peer  *vkpeer.Peer
	clock *clock
	st    *store.Store
	acct  int64
	set   core.VKSettings
	drv   *Driver
	conn  *Conn
}

func newEnv(t *testing.T, set core.VKSettings, opt ...func(*Options)) *env {
	t.Helper()
	clk := &clock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	peer := vkpeer.Start(vkpeer.Options{GroupID: groupID, GroupName: "Клуб настольных игр", Token: token,
		Now: clk.now, LPWait: 200 * time.Millisecond})
	t.Cleanup(peer.Close)
	for _, u := range []vkpeer.User{anna, boris, chen, dima} {
		peer.AddUser(u)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	set.GroupID, set.APIURL = groupID, peer.URL()
	raw, _ := json.Marshal(set)
	id, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "club", Settings: raw})
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Now: clk.now, LongPollWait: 1}
	for _, f := range opt {
		f(&o)
	}
	e := &env{t: t, peer: peer, clock: clk, st: st, acct: id, set: set, drv: NewDriver(o)}
	e.conn = e.open()
	return e
}

func (e *env) account() core.Account {
	e.t.Helper()
	a, err := e.st.Account(context.Background(), e.acct)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

func (e *env) open() *Conn {
	e.t.Helper()
	c, err := e.drv.Open(context.Background(), e.account(), secretMap{SecretToken: token})
	if err != nil {
		e.t.Fatal(err)
	}
	return c.(*Conn)
}

func (e *env) session() *storeSession { return &storeSession{st: e.st, id: e.acct} }

func (e *env) sync() error { return e.conn.Sync(context.Background(), e.session()) }

func (e *env) mustSync() {
	e.t.Helper()
	if err := e.sync(); err != nil {
		e.t.Fatal(err)
	}
}

// post adds a post by the community dated ago before now.
func (e *env) post(text string, ago time.Duration) int {
	return e.peer.AddPost(vkpeer.Post{Text: text, Date: e.clock.now().Add(-ago), Likes: 7, Reposts: 2, Views: 150})
}

func (e *env) comment(post int, u vkpeer.User, text string, replyTo int) int {
	e.clock.add(time.Minute)
	return e.peer.AddComment(vkpeer.Comment{PostID: post, FromID: u.ID, Text: text, ReplyTo: replyTo})
}

// items returns every stored item of the account (deleted ones too), by
// remote id.
func (e *env) items() map[string]core.Item {
	e.t.Helper()
	list, err := e.st.Items(context.Background(), core.ItemFilter{AccountID: e.acct, States: core.States, Limit: 1000})
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]core.Item{}
	for _, it := range list {
		out[it.RemoteID] = it
	}
	return out
}

func (e *env) item(rid string) core.Item {
	e.t.Helper()
	it, err := e.st.ItemByRemoteID(context.Background(), e.acct, rid)
	if err != nil {
		e.t.Fatalf("item %s: %v", rid, err)
	}
	return it
}

func cRID(post, id int) string { return commentRID(-groupID, post, id) }
func pRID(post int) string     { return postRID(-groupID, post) }

// storeSession is the engine's session over the real store.
type storeSession struct {
	st *store.Store
	id int64
}

func (s *storeSession) Cursor(ctx context.Context, key string) ([]byte, error) {
	return s.st.Cursor(ctx, s.id, key)
}

func (s *storeSession) Commit(ctx context.Context, b core.Batch) error {
	_, err := s.st.ApplyBatch(ctx, s.id, b)
	return err
}

func (s *storeSession) Known(ctx context.Context, ids []string) (map[string]bool, error) {
	return s.st.Known(ctx, s.id, ids)
}

func (s *storeSession) Progress(int, int) {}

type secretMap map[string]string

func (m secretMap) Get(_ context.Context, _ int64, name string) (string, error) {
	v, ok := m[name]
	if !ok {
		return "", fmt.Errorf("secret %s: %w", name, core.ErrNotFound)
	}
	return v, nil
}
