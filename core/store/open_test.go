package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// fileSum fingerprints a file, to show that nothing wrote to it.
func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOpenRefusesAFileThatIsNotAWorkspace(t *testing.T) {
	t.Parallel()
	otherDB := func(t *testing.T, path string) {
		db, err := sql.Open("sqlite", path)
		if err == nil {
			_, err = db.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine')")
		}
		if err := errors.Join(err, db.Close()); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		make  func(t *testing.T, path string)
		inErr string
	}{
		{"empty file", func(t *testing.T, path string) { writeFile(t, path, nil) }, "empty"},
		{"text file", func(t *testing.T, path string) {
			writeFile(t, path, []byte(strings.Repeat("not a database\n", 100)))
		}, "not an SQLite database"},
		{"another program's SQLite database", otherDB, "another program"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "hearth.db")
			tt.make(t, path)
			before := fileSum(t, path)
			s, err := Open(context.Background(), path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded; want a refusal, not a new empty workspace")
			}
			if !errors.Is(err, ErrNotWorkspace) || !strings.Contains(err.Error(), tt.inErr) {
				t.Errorf("Open error = %v, want ErrNotWorkspace saying %q", err, tt.inErr)
			}
			if fileSum(t, path) != before {
				t.Error("the refused file was changed")
			}
		})
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestOpenMissingFileMakesAWorkspaceWithAnID(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sub", "hearth.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	id := s.WorkspaceID()
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(id) {
		t.Errorf("workspace id %q, want 32 hex digits", id)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// The id is kept: a copy of the file elsewhere has the same one.
	moved := filepath.Join(t.TempDir(), "hearth.db")
	writeFile(t, moved, mustRead(t, path))
	s, err = Open(context.Background(), moved)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.WorkspaceID() != id {
		t.Errorf("moved workspace id %q, want the original %q", s.WorkspaceID(), id)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// filled is the closed workspace filledWorkspace copies, made once per
// run of the tests: migrating a new workspace and writing its 300 messages
// took 2 CPU s under the race detector, for each of some twenty tests.
var filled struct {
	once sync.Once
	dir  string // the database, its lock file and whatever else SQLite left
	err  error
}

// filledWorkspace makes a closed workspace with an account and some mail:
// a copy of every file the one made per run left in its directory (the
// lock file says how it was closed), so each test has its own.
func filledWorkspace(t *testing.T) string {
	t.Helper()
	filled.once.Do(func() {
		filled.dir, filled.err = os.MkdirTemp("", "hearth-store-filled-")
		if filled.err == nil {
			filled.err = makeFilled(filepath.Join(filled.dir, "hearth.db"))
		}
	})
	if filled.err != nil {
		t.Fatal(filled.err)
	}
	dir := t.TempDir()
	files, err := os.ReadDir(filled.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		info, err := f.Info()
		if err != nil {
			t.Fatal(err)
		}
		body, err := os.ReadFile(filepath.Join(filled.dir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name()), body, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "hearth.db")
}

func makeFilled(path string) error {
	s, err := Open(context.Background(), path)
	if err != nil {
		return err
	}
	acct, err := s.CreateAccount(context.Background(), core.Account{Kind: core.KindIMAP, Name: "mail"})
	if err != nil {
		return errors.Join(err, s.Close())
	}
	var items []core.Item
	for i := range 300 {
		items = append(items, mail(fmt.Sprint("m", i), i, strings.Repeat("subject words ", 5)))
	}
	if _, err := s.ApplyBatch(context.Background(), acct, core.Batch{Items: items}); err != nil {
		return errors.Join(err, s.Close())
	}
	return s.Close()
}

// crash leaves the workspace as a killed process would: connections gone,
// lock released, no clean-shutdown mark.
func crash(t *testing.T, path string) {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(context.Background(), "last_window", "inbox"); err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(s.closePools(), s.lock.close()); err != nil {
		t.Fatal(err)
	}
}

// damagePage overwrites the root page of a table or index with junk.
func damagePage(t *testing.T, path, name string) {
	t.Helper()
	db, err := sql.Open("sqlite", roDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	err = db.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = ?", name).Scan(&root)
	if err == nil {
		err = db.QueryRow("PRAGMA page_size").Scan(&pageSize)
	}
	if err := errors.Join(err, db.Close()); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteAt(bytes.Repeat([]byte{0xAB}, int(pageSize)), (root-1)*pageSize)
	if err := errors.Join(err, f.Close()); err != nil {
		t.Fatal(err)
	}
}

func TestOpenAfterUncleanShutdownRefusesADamagedDatabase(t *testing.T) {
	t.Parallel()
	path := filledWorkspace(t)
	crash(t, path)
	damagePage(t, path, "items_thread")
	before := fileSum(t, path)

	for range 2 { // the second open is refused too, damage is not forgotten
		s, err := Open(context.Background(), path)
		if err == nil {
			s.Close()
			t.Fatal("Open of a damaged database after an unclean shutdown succeeded")
		}
		var d *DamagedError
		if !errors.As(err, &d) || !errors.Is(err, ErrDamaged) || len(d.Problems) == 0 {
			t.Fatalf("Open error = %v, want a DamagedError saying what is wrong", err)
		}
	}
	if fileSum(t, path) != before {
		t.Error("the damaged database was written to")
	}
}

func TestOpenAfterUncleanShutdownAcceptsAHealthyDatabase(t *testing.T) {
	t.Parallel()
	path := filledWorkspace(t)
	crash(t, path)
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open of a healthy database after an unclean shutdown: %v", err)
	}
	defer s.Close()
	if v, err := s.Setting(context.Background(), "last_window"); err != nil || v != "inbox" {
		t.Errorf("setting written before the crash = %q, %v", v, err)
	}
}

func TestCorruptionMetInUseStopsEveryWrite(t *testing.T) {
	t.Parallel()
	path := filledWorkspace(t)
	damagePage(t, path, "items") // after a clean close: no check at open
	before := fileSum(t, path)
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	_, err = s.ApplyBatch(ctx, 1, core.Batch{Items: []core.Item{mail("new", 1000, "hello")}})
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("ApplyBatch into a damaged items table: error %v, want ErrDamaged", err)
	}
	if s.Damaged() == nil {
		t.Error("Damaged() = nil after a write met corruption")
	}
	// Writes that touch healthy tables are refused as well, whichever way
	// they reach the database.
	if err := s.SetSetting(ctx, "k", "v"); !errors.Is(err, ErrDamaged) {
		t.Errorf("SetSetting after damage: %v, want ErrDamaged", err)
	}
	if _, err := s.CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "other"}); err == nil {
		t.Error("CreateAccount after damage succeeded")
	}
	if err := s.Close(); err != nil {
		t.Logf("close: %v", err)
	}
	if fileSum(t, path) != before {
		t.Error("the damaged database was written to")
	}
	if s, err := Open(ctx, path); !errors.Is(err, ErrDamaged) {
		if err == nil {
			s.Close()
		}
		t.Errorf("reopen after damage seen in use: %v, want ErrDamaged", err)
	}
}

func TestTwoProcessesOpenOneWorkspace(t *testing.T) {
	t.Parallel()
	// Two opens in one process stand for two processes: each holds its own
	// lock on the lock file.
	path := filledWorkspace(t)
	ctx := context.Background()
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SetSetting(ctx, "k", "a"); err != nil {
		t.Fatal(err)
	}
	if v, err := b.Setting(ctx, "k"); err != nil || v != "a" {
		t.Errorf("second opener reads %q, %v", v, err)
	}
	if err := errors.Join(a.Close(), b.Close()); err != nil {
		t.Fatal(err)
	}
	if st := strings.TrimSpace(string(mustRead(t, LockPath(path)))); st != stateClean {
		t.Errorf("lock file after both closed = %q, want a clean shutdown", st)
	}
}

func TestOpenSaysWhenItChecks(t *testing.T) {
	t.Parallel()
	path := filledWorkspace(t)
	opens := func() int {
		n := 0
		s, err := Open(context.Background(), path, WithCheckNotice(func() { n++ }))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := opens(); n != 0 {
		t.Errorf("a clean open announced %d checks", n)
	}
	crash(t, path)
	if n := opens(); n != 1 {
		t.Errorf("the open after an unclean shutdown announced %d checks, want 1", n)
	}
	if n := opens(); n != 0 {
		t.Errorf("the open after that clean close announced %d checks", n)
	}
}

// holdAsProcess gives s the shared lock an open process holds, as Open
// would: s stands for a Hearth running beside the opens of a test.
func holdAsProcess(t *testing.T, s *Store, path string) {
	t.Helper()
	lk, err := openLock(LockPath(path))
	must(t, err)
	must(t, lk.shared(context.Background()))
	s.lock = lk
}

// A Hearth that knows a newer schema does not migrate a workspace another
// process has open, which may be an older Hearth writing by the schema it
// knows (version 23 fires stored triggers that migration 24 drops): the
// open is refused, says why, and writes nothing. Once the other has closed,
// the open migrates.
func TestOpenMigratesOnlyAlone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hearth.db")
	old := openAtVersion(t, path, tempTriggersFrom-1)
	holdAsProcess(t, old, path)
	acct := newAccount(t, old, "a")
	apply(t, old, acct, mixedItems("a", 0)...)
	sums := map[string][32]byte{path: fileSum(t, path), path + "-wal": fileSum(t, path+"-wal")}

	for _, opts := range [][]Option{nil, {ReadOnly()}} {
		s, err := Open(ctx, path, opts...)
		if err == nil {
			s.Close()
			t.Fatalf("Open%v migrated a workspace another process has open", opts)
		}
		var w *core.Words
		if !errors.Is(err, ErrUpgradeBlocked) || !errors.As(err, &w) || !strings.Contains(err.Error(), "open in another Hearth") {
			t.Errorf("Open%v while another has it = %v; want ErrUpgradeBlocked as Words", opts, err)
		}
	}
	for p, sum := range sums {
		if fileSum(t, p) != sum {
			t.Errorf("%s changed by the refused opens", filepath.Base(p))
		}
	}
	if v := userVersion(t, old); v != tempTriggersFrom-1 {
		t.Errorf("user_version %d after the refused opens, want %d", v, tempTriggersFrom-1)
	}
	// The old process goes on as it was: its stored triggers count.
	apply(t, old, acct, mixedItems("b", 100)...)
	assertUnread(t, old, bruteUnread(t, old))
	must(t, old.Close())

	s, err := Open(ctx, path)
	must(t, err)
	defer s.Close()
	if v := userVersion(t, s); v != schemaVersion() {
		t.Errorf("user_version %d after the open alone, want %d", v, schemaVersion())
	}
	assertUnread(t, s, bruteUnread(t, s))
	assertKept(t, s)
	// Two processes at the current schema open side by side.
	b, err := Open(ctx, path)
	must(t, err)
	must(t, b.Close())
}

// An open that found the lock held exclusively (a process closing, or one
// opening alone and then gone) and waited for it still migrates once it
// has the workspace alone.
func TestOpenMigratesAfterAnExclusiveHolderLeaves(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hearth.db")
	old := openAtVersion(t, path, tempTriggersFrom-1)
	must(t, old.closePools())
	lk, err := openLock(LockPath(path))
	must(t, err)
	if ok, err := lk.tryExclusive(); err != nil || !ok {
		t.Skipf("no exclusive lock here (%v, %v)", ok, err)
	}
	opened := make(chan error, 1)
	go func() {
		s, err := Open(ctx, path)
		if err == nil {
			var v int
			err = s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
			if err == nil && v != schemaVersion() {
				err = fmt.Errorf("user_version %d, want %d", v, schemaVersion())
			}
			err = errors.Join(err, s.Close())
		}
		opened <- err
	}()
	time.Sleep(50 * time.Millisecond) // Open finds the lock held and waits
	must(t, lk.close())
	if err := <-opened; err != nil {
		t.Errorf("Open after the exclusive holder left: %v", err)
	}
}
