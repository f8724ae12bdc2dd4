package x

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

var testKeys = xpeer.Keys{ConsumerKey: "ck-test", ConsumerSecret: "cs-test", AccessToken: "1000-at", AccessSecret: "as-test"}

var (
	me      = xpeer.User{ID: "1000", Name: "Hearth Game", Username: "hearth_game", Followers: 5400}
	alice   = xpeer.User{ID: "2001", Name: "Alice Martin", Username: "alice_m", Followers: 120, Location: "Lyon", Description: "tabletop nerd"}
	bigcorp = xpeer.User{ID: "2002", Name: "GameNews Daily", Username: "gamenewsdaily", Followers: 250000, Verified: true}
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

// env is a peer with our account and two authors, and an open connection.
type env struct {
	t     *testing.T
	peer  *xpeer.Server
	clock *clock
	conn  *Conn
	sess  *fakeSession
	ver   core.XAPIVersion
}

type envOption func(*Options)

func newEnv(t *testing.T, ver core.XAPIVersion, opts ...envOption) *env {
	t.Helper()
	clk := &clock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	peer, err := xpeer.Start(xpeer.Options{Keys: testKeys, Me: me, Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { peer.Close() })
	peer.AddUser(alice)
	peer.AddUser(bigcorp)
	e := &env{t: t, peer: peer, clock: clk, sess: newSession(), ver: ver}
	e.conn = e.open(testKeys, opts...)
	return e
}

func (e *env) open(k xpeer.Keys, opts ...envOption) *Conn {
	e.t.Helper()
	o := Options{Now: e.clock.now}
	for _, f := range opts {
		f(&o)
	}
	set, _ := json.Marshal(core.XSettings{APIVersion: e.ver, APIURL: e.peer.URL(), Handle: "hearth_game"})
	c, err := NewDriver(o).Open(context.Background(), core.Account{ID: 1, Kind: core.KindX, Name: "x", Settings: set},
		secretMap{"consumer_key": k.ConsumerKey, "consumer_secret": k.ConsumerSecret,
			"access_token": k.AccessToken, "access_secret": k.AccessSecret})
	if err != nil {
		e.t.Fatal(err)
	}
	return c.(*Conn)
}

// tweet adds a tweet a minute after the previous one and returns its id.
func (e *env) tweet(author xpeer.User, text, inReplyTo string) string {
	e.clock.add(time.Minute)
	return e.peer.AddTweet(xpeer.Tweet{AuthorID: author.ID, Text: text, InReplyTo: inReplyTo, Likes: 3, Retweets: 1})
}

func (e *env) sync() error {
	return e.conn.Sync(context.Background(), e.sess)
}

func (e *env) mustSync() {
	e.t.Helper()
	if err := e.sync(); err != nil {
		e.t.Fatal(err)
	}
}

// requests returns the paths and queries the peer served that contain s.
func (e *env) requests(s string) []string {
	var out []string
	for _, r := range e.peer.Requests() {
		if strings.Contains(r, s) {
			out = append(out, r)
		}
	}
	return out
}

type secretMap map[string]string

func (m secretMap) Get(_ context.Context, _ int64, name string) (string, error) {
	v, ok := m[name]
	if !ok {
		return "", fmt.Errorf("secret %s: %w", name, core.ErrNotFound)
	}
	return v, nil
}

// fakeSession keeps what a pass commits, as the store would.
type fakeSession struct {
	mu         sync.Mutex
	cursors    map[string][]byte
	items      map[string]core.Item
	identities map[string]core.Identity
	commits    int
}

func newSession() *fakeSession {
	return &fakeSession{cursors: map[string][]byte{}, items: map[string]core.Item{}, identities: map[string]core.Identity{}}
}

func (s *fakeSession) Cursor(_ context.Context, key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.cursors[key]
	if !ok {
		return nil, fmt.Errorf("cursor %s: %w", key, core.ErrNotFound)
	}
	return v, nil
}

func (s *fakeSession) Commit(_ context.Context, b core.Batch) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commits++
	for _, it := range b.Items {
		s.items[it.RemoteID] = it
	}
	for _, id := range b.Identities {
		s.identities[id.Address] = id
	}
	for id, deleted := range b.Removed {
		if it, ok := s.items[id]; ok {
			it.Deleted = deleted
			s.items[id] = it
		}
	}
	for k, v := range b.Cursors {
		s.cursors[k] = v
	}
	return nil
}

func (s *fakeSession) Known(_ context.Context, ids []string) (map[string]bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]bool{}
	for _, id := range ids {
		if _, ok := s.items[id]; ok {
			out[id] = true
		}
	}
	return out, nil
}
func (s *fakeSession) Progress(int, int) {}

func (s *fakeSession) cursor() cursor {
	s.mu.Lock()
	defer s.mu.Unlock()
	var c cursor
	_ = json.Unmarshal(s.cursors[cursorKey], &c)
	return c
}

func (s *fakeSession) ids() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for id := range s.items {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, cmpID)
	return ids
}

var versions = []core.XAPIVersion{core.XAPIv2, core.XAPIv11}
