package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hearthhq/hearth/core"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if dir := template.dir; dir != "" {
		os.RemoveAll(dir)
	}
	if dir := filled.dir; dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// template is a workspace migrated once per run of the tests: newStore
// copies its file instead of migrating a new one for each test, which
// takes a second under the race detector.
var template struct {
	once      sync.Once
	dir, path string
	err       error
}

func templateFile() (string, error) {
	template.once.Do(func() {
		template.dir, template.err = os.MkdirTemp("", "hearth-store-test-")
		if template.err != nil {
			return
		}
		template.path = filepath.Join(template.dir, "hearth.db")
		s, err := Open(context.Background(), template.path)
		if err != nil {
			template.err = err
			return
		}
		// Everything in the one file, none in a WAL the copy would miss.
		_, err = s.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		template.err = errors.Join(err, s.Close())
	})
	return template.path, template.err
}

// newStore opens a fresh workspace database in a temporary directory, a
// copy of the migrated template. It runs the test in parallel with the
// others: each has a database of its own.
func newStore(t *testing.T, opts ...Option) *Store {
	t.Helper()
	t.Parallel()
	src, err := templateFile()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "hearth.db")
	body, err := os.ReadFile(src)
	if err == nil {
		err = os.WriteFile(path, body, 0o600)
	}
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func newAccount(t *testing.T, s *Store, name string) int64 {
	t.Helper()
	id, err := s.CreateAccount(context.Background(), core.Account{Kind: core.KindIMAP, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// base is the time test items are dated from.
var base = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// mail makes an e-mail item dated n minutes after base.
func mail(remoteID string, n int, subject string) core.Item {
	return core.Item{
		Kind: core.ItemEmail, RemoteID: remoteID, Subject: subject,
		Author:    core.Person{Name: "Anna", Address: "anna@example.org"},
		Text:      "Body of " + remoteID,
		CreatedAt: base.Add(time.Duration(n) * time.Minute),
	}
}

// reply makes it answer the items refs name, root first.
func reply(it core.Item, refs ...string) core.Item {
	it.ThreadRefs = refs
	return it
}

func apply(t *testing.T, s *Store, accountID int64, items ...core.Item) core.BatchResult {
	t.Helper()
	res, err := s.ApplyBatch(context.Background(), accountID, core.Batch{Items: items})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestOpenCreatesPrivateFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "ws")
	path := filepath.Join(dir, "hearth.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	newAccount(t, s, "mail") // makes SQLite write the WAL
	for p, want := range map[string]os.FileMode{dir: 0o700 | os.ModeDir, path: 0o600, path + "-wal": 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode(), want)
		}
	}
}

func TestOpenSetsPragmasOnEveryConnection(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	var mode string
	if err := s.w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	// Hold several read connections at once so the pool opens new ones.
	conns := make([]interface{ Close() error }, 0, readers)
	for range readers {
		c, err := s.r.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var fk, queryOnly int
		if err := c.QueryRowContext(ctx, "SELECT foreign_keys, query_only FROM pragma_foreign_keys, pragma_query_only").Scan(&fk, &queryOnly); err != nil {
			t.Fatal(err)
		}
		if fk != 1 || queryOnly != 1 {
			t.Errorf("reader: foreign_keys=%d query_only=%d, want 1 1", fk, queryOnly)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestOpenPathWithSpecialCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "my data #1?", "hearth.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	newAccount(t, s, "mail")
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database is not at %s: %v", path, err)
	}
}

func userVersion(t *testing.T, s *Store) int {
	t.Helper()
	var v int
	if err := s.w.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMigrateTwiceIsNoop(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hearth.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	id := newAccount(t, s, "kept")
	want := userVersion(t, s)
	if err := migrate(context.Background(), s.w, migrationFiles); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	s.Close()

	s, err = Open(context.Background(), path) // and a third, through Open
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := userVersion(t, s); got != want || want == 0 {
		t.Errorf("user_version = %d, want %d", got, want)
	}
	if _, err := s.Account(context.Background(), id); err != nil {
		t.Errorf("data lost by re-migrating: %v", err)
	}
}

func TestFailingMigrationLeavesVersion(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	shipped, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, m := range shipped {
		fsys[m.name] = &fstest.MapFile{Data: []byte(m.sql)}
	}
	next := len(shipped) + 1
	fsys[fmt.Sprintf("%04d_broken.sql", next)] = &fstest.MapFile{Data: []byte(
		"CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);")}

	if err := migrate(ctx, s.w, fsys); err == nil {
		t.Fatal("a broken migration succeeded")
	}
	if got := userVersion(t, s); got != len(shipped) {
		t.Errorf("user_version = %d after a failed migration, want %d", got, len(shipped))
	}
	var n int
	if err := s.w.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").Scan(&n); err != nil || n != 0 {
		t.Errorf("the failed migration left its first statement applied (n=%d, err=%v)", n, err)
	}
}

func TestMigrationsNumbering(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		ok    bool
	}{
		{"contiguous", []string{"0001_a.sql", "0002_b.sql"}, true},
		{"gap", []string{"0001_a.sql", "0003_c.sql"}, false},
		{"no number", []string{"init.sql"}, false},
		{"duplicate number", []string{"0001_a.sql", "0001_b.sql"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys[f] = &fstest.MapFile{Data: []byte("SELECT 1;")}
			}
			_, err := loadMigrations(fsys)
			if (err == nil) != tt.ok {
				t.Errorf("loadMigrations(%v) error = %v, want ok=%v", tt.files, err, tt.ok)
			}
		})
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hearth.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := Open(context.Background(), path); err == nil {
		s.Close()
		t.Fatal("opened a database written by a newer schema")
	}
}

// The store dates what it stamps itself by the clock it was opened with.
func TestStoreStampsByItsClock(t *testing.T) {
	clock := base.Add(-48 * time.Hour)
	s := newStore(t, WithNow(func() time.Time { return clock }))
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	a, err := s.Account(ctx, acct)
	if err != nil || !a.CreatedAt.Equal(clock) {
		t.Errorf("account created %v (%v), want the store's clock %v", a.CreatedAt, err, clock)
	}
	apply(t, s, acct, mail("m1", 0, "Hello"))
	if id := identity(t, s, core.IdentityEmail, "anna@example.org"); !id.UpdatedAt.Equal(clock) {
		t.Errorf("identity updated %v, want the store's clock %v", id.UpdatedAt, clock)
	}
}

func TestSettings(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.Setting(ctx, "theme"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("unset setting: err = %v, want ErrNotFound", err)
	}
	for _, v := range []string{"dark", "light"} {
		if err := s.SetSetting(ctx, "theme", v); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Setting(ctx, "theme"); err != nil || got != v {
			t.Errorf("Setting = %q, %v; want %q", got, err, v)
		}
	}
}

// The GUI and a CLI command may open a new workspace at the same moment.
// An upgrade waits for another process holding the write lock longer than
// the busy timeout (5 s): a step of a big upgrade, or any step on a loaded
// machine, takes that long, and failing the second opener would be worse.
func TestMigrationWaitsForAnotherWriter(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "hearth.db")
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(6 * time.Second) // past the 5 s busy timeout
		_, _ = conn.ExecContext(context.Background(), "COMMIT")
		conn.Close()
		close(released)
	}()
	s, err := Open(context.Background(), path)
	<-released
	if err != nil {
		t.Fatalf("the upgrade gave up while another process held the lock: %v", err)
	}
	s.Close()
}

func TestConcurrentOpenMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hearth.db")
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			s, err := Open(context.Background(), path)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// A page's items fetched together are the items one by one: text, tags
// and thread refs, in the order asked; a missing one is not found.
func TestItemsByIDAsItem(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, mail("<a@x>", 1, "Meetup"), reply(mail("<b@x>", 2, "Re: Meetup"), "<a@x>"),
		reply(mail("<c@x>", 3, "Re: Re: Meetup"), "<a@x>", "<b@x>"), mail("<d@x>", 4, "Other"))
	page, err := s.Items(ctx, core.ItemFilter{States: core.States})
	if err != nil || len(page) != 4 {
		t.Fatalf("page: %v, %d items", err, len(page))
	}
	for _, tag := range []string{"event", "urgent"} {
		if err := s.AddTag(ctx, page[1].ID, tag); err != nil {
			t.Fatal(err)
		}
	}
	ids := []int64{page[3].ID, page[1].ID, page[0].ID, page[2].ID}
	got, err := s.ItemsByID(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		want, err := s.Item(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("item %d together:\n%+v\none by one:\n%+v", id, got[i], want)
		}
	}
	if len(got[1].Tags) != 2 || len(got[1].ThreadRefs) != 2 || got[1].Text == "" {
		t.Errorf("tags %v, refs %v, text %q: the fixture lost what it checks", got[1].Tags, got[1].ThreadRefs, got[1].Text)
	}
	if _, err := s.ItemsByID(ctx, []int64{page[0].ID, 999999}); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("a missing item: %v, want not found", err)
	}
}
