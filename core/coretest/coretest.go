// Package coretest opens a workspace of the real core services over a
// temporary store, for the tests of the layers above core (the window's
// shell and screens): they then drive what the app drives, with no fake
// re-implementing the filters. Only tests import it.
package coretest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/store"
)

// Workspace is a store and the services over it, on one clock. The engine
// runs no worker: nothing syncs, but its event bus and status work. No
// publishing engine runs either: a scheduled post stays scheduled (AddPost
// takes posts where that engine would).
type Workspace struct {
	Store    *store.Store
	Engine   *engine.Engine
	Inbox    *inbox.Service
	Accounts *accounts.Service
	Members  *members.Service
	Calendar *calendar.Service
	// Secrets is the in-memory keyring the services keep passwords and
	// tokens in (tests never touch the system's).
	Secrets accounts.Secrets
	now     func() time.Time
	path    string
	closed  bool
}

// Option sets up a workspace as it opens.
type Option func(*config)

type config struct {
	zone    string
	drivers []engine.Driver // see WithDrivers
}

// InZone plans the calendar in an IANA zone; without it, in UTC (never
// the machine's zone: tests must not depend on it).
func InZone(zone string) Option { return func(c *config) { c.zone = zone } }

// Open opens a workspace in a temporary directory on the clock now; it is
// closed when the test ends.
func Open(t testing.TB, now func() time.Time, opts ...Option) *Workspace {
	t.Helper()
	return open(t, NewDB(t), now, opts)
}

// NewDB is the path of a new workspace database in a temporary directory,
// for a test that opens the store itself: a copy of one migrated once per
// test binary, which store.Open takes as it takes a workspace it made.
func NewDB(t testing.TB) string {
	t.Helper()
	body, err := templateBytes()
	if err != nil {
		t.Fatalf("the template workspace: %v", err)
	}
	path := filepath.Join(t.TempDir(), "hearth.db")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		t.Fatalf("write the workspace: %v", err)
	}
	return path
}

// template is a new workspace's file, made once per test binary: NewDB
// writes a copy, as migrating a new one costs a second or two a test under
// the race detector.
var template struct {
	once sync.Once
	body []byte
	err  error
}

func templateBytes() ([]byte, error) {
	template.once.Do(func() {
		dir, err := os.MkdirTemp("", "hearth-coretest-")
		if err != nil {
			template.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "hearth.db")
		st, err := store.Open(context.Background(), path)
		if err == nil {
			err = st.Close() // a clean close folds the WAL into the file
		}
		if err == nil {
			template.body, err = os.ReadFile(path)
		}
		template.err = err
	})
	return template.body, template.err
}

// OpenCopy opens a workspace over a copy of a snapshot (see Snapshot) in a
// temporary directory, on the clock now; it is closed when the test ends.
// The options are not in the snapshot: give them again.
func OpenCopy(t testing.TB, snapshot string, now func() time.Time, opts ...Option) *Workspace {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hearth.db")
	copyFile(t, snapshot, path)
	return open(t, path, now, opts)
}

func open(t testing.TB, path string, now func() time.Time, opts []Option) *Workspace {
	t.Helper()
	cfg := config{zone: "UTC"}
	for _, o := range opts {
		o(&cfg)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.WithNow(now))
	if err != nil {
		t.Fatalf("open the store: %v", err)
	}
	sec := &memSecrets{m: map[string]string{}}
	eng := engine.New(engine.Params{Store: st, Drivers: cfg.drivers, Secrets: sec, Now: now})
	w := &Workspace{
		Store:    st,
		Engine:   eng,
		Inbox:    inbox.New(inbox.Params{Store: st, Notify: eng, Now: now, Channels: eng}),
		Accounts: accounts.New(st, sec, eng),
		Members:  members.New(members.Params{Store: st, Now: now}),
		Calendar: calendar.New(calendar.Params{Store: st, Notify: eng, Now: now, Zone: cfg.zone}),
		Secrets:  sec,
		now:      now,
		path:     path,
	}
	t.Cleanup(func() {
		if !w.closed {
			st.Close()
		}
	})
	return w
}

// Snapshot closes the workspace's store and copies its file to path, for
// OpenCopy: tests that share seed data seed it once (seeding and migrating
// cost about a second a test under the race detector). The workspace is
// unusable afterwards.
func (w *Workspace) Snapshot(t testing.TB, path string) {
	t.Helper()
	w.closed = true
	if err := w.Store.Close(); err != nil { // a clean close folds the WAL into the file
		t.Fatalf("close the store for a snapshot: %v", err)
	}
	copyFile(t, w.path, path)
}

func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatalf("read the snapshot: %v", err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatalf("write the snapshot: %v", err)
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

// AddItems stores items of an account as a sync batch would (threaded by
// their ThreadRefs, outgoing ones included), and returns them with their
// ids, in the order given. Tags, which no batch carries, are added after
// the batch as a person would add them.
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
		for _, tag := range it.Tags {
			if err := w.Store.AddTag(ctx, got.ID, tag); err != nil {
				t.Fatalf("tag item %q: %v", it.RemoteID, err)
			}
		}
		got.Tags = it.Tags
		out[i] = got
	}
	return out
}

// SetDeleted records that the channel deleted (or restored) an item, as
// the sync batch after a remote deletion, or the outbox runner after a
// moderation, writes it.
func (w *Workspace) SetDeleted(t testing.TB, it core.Item, deleted bool) {
	t.Helper()
	b := core.Batch{Removed: map[string]bool{it.RemoteID: deleted}}
	if _, err := w.Store.ApplyBatch(context.Background(), it.AccountID, b); err != nil {
		t.Fatalf("mark item %d deleted %v: %v", it.ID, deleted, err)
	}
}

// AddOutbox queues a remote action and takes it where the engine's outbox
// runner would: to e.State (sending, sent, failed with e.LastError, or
// unconfirmed with no check planned: waiting for a person), attempted and
// dated by the store's clock. It returns the entry's id. An
// empty IdemKey gets a fresh one.
func (w *Workspace) AddOutbox(t testing.TB, e core.OutboxEntry) int64 {
	t.Helper()
	ctx := context.Background()
	if e.IdemKey == "" {
		e.IdemKey = fmt.Sprintf("test-%d", nextRemote.Add(1))
	}
	id, err := w.Store.Enqueue(ctx, e)
	if err != nil {
		t.Fatalf("queue %s for item %d: %v", e.Op, e.ItemID, err)
	}
	if e.State == "" || e.State == core.OutboxQueued {
		return id
	}
	claimed, err := w.Store.ClaimOutbox(ctx, id, w.now(), testRunner)
	if err != nil {
		t.Fatalf("claim outbox %d: %v", id, err)
	}
	switch e.State {
	case core.OutboxSending:
	case core.OutboxSent:
		err = w.Store.FinishOutbox(ctx, claimed, e.RemoteID)
	case core.OutboxFailed:
		err = w.Store.FailOutbox(ctx, claimed, e.LastError, time.Time{})
	case core.OutboxUnconfirmed:
		err = w.Store.UnconfirmOutbox(ctx, claimed, e.LastError, time.Time{})
	default:
		t.Fatalf("outbox state %q: the runner never sets it", e.State)
	}
	if err != nil {
		t.Fatalf("outbox %d to %s: %v", id, e.State, err)
	}
	return id
}

// testRunner is the outbox runner AddOutbox stands in for: on no real
// host, so that an engine never takes a "sending" entry over from it
// before its lease expires.
var testRunner = core.OutboxOwner{Host: "coretest.invalid", PID: 1, Token: "coretest"}

// AddPost plans a post through the calendar service (created at p.At in
// p.Zone, with the targets' AccountID and variant Text) and takes each
// target to the State it names as the publishing engine would: scheduled;
// held with its Error; or claimed, then published (RemoteID, URL,
// PublishedAt or now), failed or unconfirmed with its Error. A post whose
// targets are all drafts stays a draft; a draft next to other states
// cannot be made (Schedule schedules every draft). It returns the post as
// stored.
func (w *Workspace) AddPost(t testing.TB, p core.Post) core.Post {
	t.Helper()
	ctx := context.Background()
	want := map[int64]core.PostTarget{}
	drafts := 0
	for _, tg := range p.Targets {
		want[tg.AccountID] = tg
		if tg.State == "" || tg.State == core.TargetDraft {
			drafts++
		}
	}
	created, err := w.Calendar.Create(ctx, p)
	if err != nil {
		t.Fatalf("create post %q: %v", p.Text, err)
	}
	switch drafts {
	case len(p.Targets):
		return created
	case 0:
	default:
		t.Fatalf("post %q: draft targets next to others cannot be made", p.Text)
	}
	if err := w.Calendar.Schedule(ctx, created.ID); err != nil {
		t.Fatalf("schedule post %q: %v", p.Text, err)
	}
	for _, tg := range created.Targets {
		w.setTarget(t, tg.ID, want[tg.AccountID])
	}
	got, err := w.Calendar.Post(ctx, created.ID)
	if err != nil {
		t.Fatalf("read post %q back: %v", p.Text, err)
	}
	return got
}

// setTarget takes a scheduled target to the state of want.
func (w *Workspace) setTarget(t testing.TB, id int64, want core.PostTarget) {
	t.Helper()
	ctx := context.Background()
	var (
		err     error
		claimed core.PostTarget
	)
	switch want.State {
	case core.TargetScheduled:
		return
	case core.TargetHeld:
		err = w.Store.HoldTarget(ctx, id, want.Error)
	case core.TargetPublishing, core.TargetPublished, core.TargetFailed, core.TargetUnconfirmed:
		claimed, err = w.Store.ClaimTarget(ctx, id, w.now(), testOwner)
	default:
		t.Fatalf("target state %q: the engine never sets it", want.State)
	}
	if err != nil {
		t.Fatalf("target %d to %s: %v", id, want.State, err)
	}
	switch want.State {
	case core.TargetPublished:
		at := want.PublishedAt
		if at.IsZero() {
			at = w.now()
		}
		err = w.Store.PublishedTarget(ctx, claimed, core.Published{RemoteID: want.RemoteID, URL: want.URL, At: at})
	case core.TargetFailed:
		err = w.Store.FailTarget(ctx, claimed, want.Error)
	case core.TargetUnconfirmed:
		err = w.Store.UnconfirmTarget(ctx, claimed, want.Error)
	}
	if err != nil {
		t.Fatalf("target %d to %s: %v", id, want.State, err)
	}
}

// testOwner is the engine a test's hand-made targets were published by.
var testOwner = core.OutboxOwner{Host: "coretest", PID: -1, Token: "coretest"}

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
