package feeds

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/feeds/feedpeer"
)

// fakeSession keeps what a pass commits, as the store would, and counts
// the commits: every commit is a write transaction.
type fakeSession struct {
	mu      sync.Mutex
	cursors map[string][]byte
	items   map[string]core.Item
	batches [][]core.Item
}

func newSession() *fakeSession {
	return &fakeSession{cursors: map[string][]byte{}, items: map[string]core.Item{}}
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
	s.batches = append(s.batches, b.Items)
	for _, it := range b.Items {
		s.items[it.RemoteID] = it
	}
	for k, v := range b.Cursors {
		s.cursors[k] = v
	}
	return nil
}

func (s *fakeSession) Known(context.Context, []string) (map[string]bool, error) {
	return map[string]bool{}, nil
}

func (s *fakeSession) Progress(int, int) {}

func (s *fakeSession) commits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.batches)
}

// lastBatch is the items of the last commit.
func (s *fakeSession) lastBatch() []core.Item {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.batches) == 0 {
		return nil
	}
	return s.batches[len(s.batches)-1]
}

// env is a feed peer and a watch on one of its paths.
type env struct {
	t    *testing.T
	peer *feedpeer.Server
	sess *fakeSession
	opt  Options
}

var base = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func newEnv(t *testing.T) *env {
	t.Helper()
	peer, err := feedpeer.Start(feedpeer.Options{Now: func() time.Time { return base }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { peer.Close() })
	return &env{t: t, peer: peer, sess: newSession(), opt: Options{Now: func() time.Time { return base }}}
}

// open opens a watch on path with keywords.
func (e *env) open(path string, keywords ...string) *Conn {
	e.t.Helper()
	set, _ := json.Marshal(core.FeedSettings{URL: e.peer.URL(path), Keywords: keywords})
	c, err := NewDriver(e.opt).Open(context.Background(), core.Account{ID: 1, Kind: core.KindFeed, Name: "w", Settings: set}, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return c.(*Conn)
}

func (e *env) mustSync(c *Conn) {
	e.t.Helper()
	if err := c.Sync(context.Background(), e.sess); err != nil {
		e.t.Fatal(err)
	}
}

func rssDoc(f feedpeer.Feed) feedpeer.Doc {
	return feedpeer.Doc{ContentType: "application/rss+xml", Body: feedpeer.RSS(f)}
}

var blog = feedpeer.Feed{Title: "Tabletop Notes", Link: "https://tabletop-notes.example.org/", Entries: []feedpeer.Entry{
	{ID: "tn-3", Title: "Hearth guilds, a month in", Link: "https://tabletop-notes.example.org/3", Author: "Maya",
		Summary: "<p>A month in <b>Hearth</b>'s guilds.</p>", Published: base.Add(-time.Hour)},
	{ID: "tn-2", Title: "Five games for a rainy Sunday", Link: "https://tabletop-notes.example.org/2",
		Summary: "Quick picks.", Published: base.Add(-48 * time.Hour)},
}}
