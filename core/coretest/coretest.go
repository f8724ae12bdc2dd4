// Package coretest opens a workspace of the real core services over a
// temporary store, for the tests of the layers above core (the window's
// shell and screens): they then drive what the app drives, with no fake
// re-implementing the filters. Only tests import it.
package coretest

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/store"
)

// Workspace is a store and the services over it, on one clock. The engine
// runs no worker: nothing syncs, but its event bus and status work.
type Workspace struct {
	Store    *store.Store
	Engine   *engine.Engine
	Inbox    *inbox.Service
	Accounts *accounts.Service
	Members  *members.Service
}

// Open opens a workspace in a temporary directory on the clock now; it is
// closed when the test ends.
func Open(t testing.TB, now func() time.Time) *Workspace {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "hearth.db"), store.WithNow(now))
	if err != nil {
		t.Fatalf("open the store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	sec := &memSecrets{m: map[string]string{}}
	eng := engine.New(engine.Params{Store: st, Secrets: sec, Now: now})
	return &Workspace{
		Store:    st,
		Engine:   eng,
		Inbox:    inbox.New(inbox.Params{Store: st, Notify: eng, Now: now}),
		Accounts: accounts.New(st, sec, eng),
		Members:  members.New(members.Params{Store: st, Now: now}),
	}
}

// AddAccount creates an account with its status as given.
func (w *Workspace) AddAccount(t testing.TB, a core.Account) core.Account {
	t.Helper()
	ctx := context.Background()
	id, err := w.Store.CreateAccount(ctx, a)
	if err != nil {
		t.Fatalf("create account %q: %v", a.Name, err)
	}
	a.ID = id
	if err := w.Store.SetAccountStatus(ctx, id, a.Status); err != nil {
		t.Fatalf("status of account %q: %v", a.Name, err)
	}
	return a
}

// AddItems stores items of an account as a sync batch would, and returns
// them with their ids, in the order given.
func (w *Workspace) AddItems(t testing.TB, accountID int64, items ...core.Item) []core.Item {
	t.Helper()
	ctx := context.Background()
	for i := range items {
		items[i].AccountID = accountID
		if items[i].RemoteID == "" {
			items[i].RemoteID = fmt.Sprintf("test-%d", nextRemote.Add(1))
		}
	}
	if _, err := w.Store.ApplyBatch(ctx, accountID, core.Batch{Items: items}); err != nil {
		t.Fatalf("store items: %v", err)
	}
	out := make([]core.Item, len(items))
	for i, it := range items {
		got, err := w.Store.ItemByRemoteID(ctx, accountID, it.RemoteID)
		if err != nil {
			t.Fatalf("find item %q: %v", it.RemoteID, err)
		}
		out[i] = got
	}
	return out
}

// nextRemote numbers the items a test adds without a remote id.
var nextRemote atomic.Int64

// memSecrets keeps secrets in memory: tests never touch a keyring.
type memSecrets struct {
	mu sync.Mutex
	m  map[string]string
}

func key(accountID int64, name string) string { return fmt.Sprintf("%d/%s", accountID, name) }

func (s *memSecrets) Get(_ context.Context, accountID int64, name string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key(accountID, name)]
	if !ok {
		return "", core.ErrNotFound
	}
	return v, nil
}

func (s *memSecrets) Set(_ context.Context, accountID int64, name, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[key(accountID, name)] = value
	return nil
}

func (s *memSecrets) DeleteAccount(_ context.Context, accountID int64, names ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range names {
		delete(s.m, key(accountID, n))
	}
	return nil
}
