package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/wordform"
)

// The open path guards the workspace database against the ways it gets
// lost: a file that is empty or not a database is refused (only a missing
// file makes a new workspace), and after an unclean shutdown the database is
// checked before anything is written to it.
//
// Unclean shutdowns are detected with a lock file beside the database,
// <db>.lock. Every process that has the workspace open holds a shared flock
// on it, and its content is the workspace's state: empty after the last
// process closed cleanly, "open" while any process has it open. A process
// that finds "open" while it can take the lock exclusively knows the last
// one died with the database open (kill, crash, power loss) and runs
// PRAGMA quick_check; a clean open reads a few bytes and runs no check.

// ErrNotWorkspace means the file at the database path exists but is not a
// Hearth workspace: empty, not SQLite, or another program's database.
var ErrNotWorkspace = errors.New("not a Hearth workspace database")

// ErrDamaged means the workspace database failed an integrity check, at
// open or while in use. Nothing is written to it any more.
var ErrDamaged = errors.New("the workspace database is damaged")

// ErrInUse means another process has the workspace open.
var ErrInUse = errors.New("the workspace is open in another Hearth process")

// DamagedError says what an integrity check found.
type DamagedError struct {
	Path     string
	Problems []string // as SQLite words them, at most maxProblems
}

func (e *DamagedError) Error() string {
	msg := fmt.Sprintf("%s: %v", e.Path, ErrDamaged)
	if len(e.Problems) > 0 {
		msg += ": " + e.Problems[0]
	}
	if n := len(e.Problems) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more problems)", n)
	}
	return msg
}

// Is makes errors.Is(err, ErrDamaged) hold.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

// maxProblems bounds what a check reports: the first problems say enough.
const maxProblems = 20

// Lock file states.
const (
	stateClean    = ""
	stateOpen     = "open"
	stateCreating = "creating" // a new database is being made: an empty file is ours
	stateDamaged  = "damaged"
)

// LockPath is the lock file of the database at path.
func LockPath(path string) string { return path + ".lock" }

// openGuarded does the checks above and opens the pools. On success the
// lock is held shared until Close (the full open: exclusively, when it
// had the workspace alone, until it has migrated). A read-only open
// refuses with errNeedsWriter where the full open would create or check
// the database.
func openGuarded(ctx context.Context, path string, onCheck func(), readOnly bool) (*Store, error) {
	s, err := openGuardedOnce(ctx, path, onCheck, readOnly)
	if errors.Is(err, ErrUpgradeBlocked) {
		// The exclusive holder that sent us to the shared path may have
		// been a process closing (release) or opening alone and then
		// gone: the shared lock waited for it, so look again.
		s, err = openGuardedOnce(ctx, path, onCheck, readOnly)
	}
	return s, err
}

func openGuardedOnce(ctx context.Context, path string, onCheck func(), readOnly bool) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	lk, err := openLock(LockPath(path))
	if err != nil {
		return nil, err
	}
	exclusive, err := lk.tryExclusive()
	if err != nil {
		lk.close()
		return nil, err
	}
	var s *Store
	if exclusive {
		s, err = openAlone(ctx, path, lk, onCheck, readOnly)
	} else {
		s, err = openShared(ctx, path, lk, readOnly)
	}
	if err != nil {
		lk.close()
		return nil, err
	}
	return s, nil
}

// openAlone runs when no other process has the workspace open: it may
// create the database and it checks one left open by a dead process.
func openAlone(ctx context.Context, path string, lk *fileLock, onCheck func(), readOnly bool) (*Store, error) {
	state, err := lk.read()
	if err != nil {
		return nil, err
	}
	if readOnly && state != stateClean {
		return nil, errNeedsWriter
	}
	fresh := false
	switch err := sniff(path); {
	case errors.Is(err, fs.ErrNotExist):
		fresh = true
	case errors.Is(err, errEmpty) && state == stateCreating:
		fresh = true // our own creation, interrupted before SQLite wrote a header
	case err != nil:
		return nil, err
	}
	if fresh && readOnly {
		return nil, errNeedsWriter
	}
	if fresh {
		if err := lk.write(stateCreating); err != nil {
			return nil, err
		}
		if err := prepareFile(path); err != nil {
			return nil, err
		}
	} else if state != stateClean {
		if onCheck != nil {
			onCheck()
		}
		if err := quickCheck(ctx, path); err != nil {
			if errors.Is(err, ErrDamaged) {
				_ = lk.write(stateDamaged) // the next process need not re-check to refuse
			}
			return nil, err
		}
	}
	s, err := openPools(path, readOnly)
	if err != nil {
		return nil, err
	}
	// The writer's ping made the file a WAL database with a header, so an
	// empty file from here on is not ours.
	if err := lk.markOpen(); err != nil {
		s.closePools()
		return nil, err
	}
	s.lock = lk
	// The full open keeps the workspace to itself until it has migrated
	// it (Open), so no process is left writing to an older schema.
	if readOnly {
		if err := lk.shared(ctx); err != nil {
			s.closePools()
			return nil, err
		}
	}
	return s, nil
}

// openShared runs when another process has the workspace open (or is
// opening it, in which case the shared lock waits for it to finish).
func openShared(ctx context.Context, path string, lk *fileLock, readOnly bool) (*Store, error) {
	if err := lk.shared(ctx); err != nil {
		return nil, err
	}
	state, err := lk.read()
	if err != nil {
		return nil, err
	}
	if state == stateDamaged {
		return nil, &DamagedError{Path: path, Problems: []string{"found by an earlier check or while in use"}}
	}
	if err := sniff(path); err != nil {
		return nil, err
	}
	s, err := openPools(path, readOnly)
	if err != nil {
		return nil, err
	}
	if !readOnly {
		// Only a process that has the workspace alone migrates it: the
		// others may be older Hearths, whose writes need the schema they
		// know (triggers.go).
		if pending, err := pendingMigrations(ctx, s.w); err != nil || pending {
			s.closePools()
			if err == nil {
				err = errUpgradeBlocked()
			}
			return nil, err
		}
	}
	s.lock = lk
	return s, nil
}

// ErrUpgradeBlocked means the workspace needs a migration to this Hearth's
// schema while another process, maybe an older Hearth, has it open: the
// open is refused and nothing is written.
var ErrUpgradeBlocked = errors.New("the workspace needs an upgrade and another Hearth has it open")

func errUpgradeBlocked() error {
	return core.Say("the workspace is open in another Hearth (an older version?): close it, then start again to upgrade the workspace").
		Because(ErrUpgradeBlocked)
}

// pendingMigrations tells whether the database is at an older schema than
// the shipped one.
func pendingMigrations(ctx context.Context, q execQuerier) (bool, error) {
	var version int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, err
	}
	return version < schemaVersion(), nil
}

// schemaVersion is the version of the shipped schema: the number of
// migrations.
func schemaVersion() int {
	names, _ := fs.Glob(migrationFiles, "*.sql") // the pattern is valid
	return len(names)
}

// errNeedsWriter stops a read-only open where the database needs the
// writer first: Open then opens it in full.
var errNeedsWriter = errors.New("the workspace needs the writer before it is read")

// openReader is Open for ReadOnly: the database must exist, have been
// closed cleanly (or be open in another process), be in WAL mode, and
// have the current schema, workspace id and word forms; otherwise it
// returns an error and nothing has been written.
func openReader(ctx context.Context, path string) (*Store, error) {
	if wal, err := walMode(path); err != nil || !wal {
		return nil, errNeedsWriter // missing, empty, not ours, or a rollback journal a writer must switch
	}
	s, err := openGuarded(ctx, path, nil, true)
	if err != nil {
		return nil, err
	}
	if err := s.readyToRead(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// readyToRead checks on the read connection what Open would otherwise
// make so: the schema version and the settings written at open.
func (s *Store) readyToRead(ctx context.Context) error {
	var version int
	if err := s.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version != schemaVersion() {
		return errNeedsWriter
	}
	rows, err := s.r.QueryContext(ctx, "SELECT key, value FROM settings WHERE key IN (?, ?)",
		workspaceIDKey, settingFormsVersion)
	if err != nil {
		return err
	}
	defer rows.Close()
	var forms string
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		if k == workspaceIDKey {
			s.workspaceID = v
		} else {
			forms = v
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if s.workspaceID == "" || forms != strconv.Itoa(wordform.Version) {
		return errNeedsWriter
	}
	return nil
}

// walMode tells a database file in WAL mode by its header (file format
// versions at offsets 18 and 19 are 2).
func walMode(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, 20)
	if _, err := io.ReadFull(f, head); err != nil {
		return false, err
	}
	return bytes.Equal(head[:len(sqliteHeader)], sqliteHeader) && head[18] == 2 && head[19] == 2, nil
}

// errEmpty is a database file of 0 bytes.
var errEmpty = fmt.Errorf("%w: the file is empty (0 bytes)", ErrNotWorkspace)

var sqliteHeader = []byte("SQLite format 3\x00")

// sniff tells a missing file (fs.ErrNotExist), an empty one (errEmpty), one
// that is not SQLite and another program's database apart from a Hearth
// database, reading only the header: nothing may touch the file (not even
// the switch to WAL) before it is known to be ours.
func sniff(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%w: not a regular file", ErrNotWorkspace)
	}
	if fi.Size() == 0 {
		return errEmpty
	}
	head := make([]byte, 100)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head[:len(sqliteHeader)], sqliteHeader) {
		return fmt.Errorf("%w: the file is not an SQLite database", ErrNotWorkspace)
	}
	// Hearth's first migration sets user_version in the transaction that
	// makes its tables, so a schema (cookie, offset 40) without a version
	// (offset 60) is someone else's.
	if binary.BigEndian.Uint32(head[40:]) != 0 && binary.BigEndian.Uint32(head[60:]) == 0 {
		return fmt.Errorf("%w: an SQLite database of another program", ErrNotWorkspace)
	}
	return nil
}

// quickCheck runs PRAGMA quick_check on a read-only connection, which never
// writes (not even a WAL checkpoint at close).
func quickCheck(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", roDSN(path))
	if err != nil {
		return err
	}
	defer db.Close()
	problems, err := pragmaRows(ctx, db, "PRAGMA quick_check(20)")
	if err != nil {
		return &DamagedError{Path: path, Problems: []string{"quick_check: " + err.Error()}}
	}
	if len(problems) > 0 {
		return &DamagedError{Path: path, Problems: problems}
	}
	return nil
}

// pragmaRows runs an integrity pragma and returns what it found: nothing
// when it answers "ok".
func pragmaRows(ctx context.Context, db *sql.DB, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if s != "ok" && len(out) < maxProblems {
			out = append(out, s)
		}
	}
	return out, rows.Err()
}

// roDSN opens the database read-only: for checks and copies that must not
// change it.
func roDSN(path string) string {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout(5000)")
	u := url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: q.Encode()}
	return u.String()
}

// guardedConnector hands out writer connections whose commit hook refuses
// every commit once the store knows the database is damaged: whatever path
// a write takes, it cannot reach the file.
type guardedConnector struct {
	base    driver.Connector
	damaged *atomic.Pointer[DamagedError]
	used    *atomic.Bool // set at the first connection, when not nil
	// triggers gives each connection the workspace's temp triggers
	// (triggers.go): the store's writer, not the check's connection.
	triggers bool
	// keepWAL keeps the -wal and -shm files after the last close (the
	// store's pools, not a check's or a backup's connection).
	keepWAL bool
}

func (c guardedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	if c.used != nil {
		c.used.Store(true)
	}
	if c.triggers {
		if err := connTempTriggers(ctx, conn); err != nil {
			conn.Close()
			return nil, err
		}
	}
	if c.keepWAL {
		if err := keepWAL(conn); err != nil {
			conn.Close()
			return nil, err
		}
	}
	if h, ok := conn.(sqlite.HookRegisterer); ok {
		h.RegisterCommitHook(func() int32 {
			if c.damaged.Load() != nil {
				return 1 // turns the commit into a rollback
			}
			return 0
		})
	}
	return conn, nil
}

func (c guardedConnector) Driver() driver.Driver { return c.base.Driver() }

// keepWAL asks SQLite to leave the -wal and -shm files in place when the
// last connection closes (SQLITE_FCNTL_PERSIST_WAL; journal_size_limit
// truncates the WAL to nothing then). Without it every short command made
// both files, sized the -shm, and deleted them again on its way out: 2.7
// of a search's 13 ms of CPU (docs/benchmarks.md). Restore moves a WAL
// aside with the database it belongs to, as before.
func keepWAL(conn driver.Conn) error {
	fc, ok := conn.(sqlite.FileControl)
	if !ok {
		return nil
	}
	if _, err := fc.FileControlPersistWAL("main", 1); err != nil {
		return fmt.Errorf("store: keep the WAL file: %w", err)
	}
	return nil
}

// walKeeper hands out the read pool's connections with keepWAL.
type walKeeper struct{ base driver.Connector }

func (c walKeeper) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	if err := keepWAL(conn); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

func (c walKeeper) Driver() driver.Driver { return c.base.Driver() }

// Damaged reports the damage the store found while in use, or nil.
func (s *Store) Damaged() error {
	if d := s.damaged.Load(); d != nil {
		return d
	}
	return nil
}

// noteCorrupt marks the store damaged when err is SQLite finding a
// malformed database, and returns the error to report.
func (s *Store) noteCorrupt(err error) error {
	if !isCorrupt(err) {
		return err
	}
	s.markDamaged(&DamagedError{Path: s.path, Problems: []string{err.Error()}})
	return fmt.Errorf("%w: %w", s.damaged.Load(), err)
}

// markDamaged stops every write from now on and records the damage in the
// lock file, so that the next open checks before it writes.
func (s *Store) markDamaged(d *DamagedError) {
	if s.damaged.CompareAndSwap(nil, d) && s.lock != nil {
		_ = s.lock.write(stateDamaged)
	}
}

// isCorrupt tells SQLite finding a malformed database.
func isCorrupt(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return true
	}
	return false
}

// ensureWorkspaceID gives the workspace its id once: it names the
// workspace's secrets, so a moved, copied or restored workspace finds them.
// Two processes racing here agree through the settings key's uniqueness.
func (s *Store) ensureWorkspaceID(ctx context.Context) error {
	id, err := s.Setting(ctx, workspaceIDKey)
	if err == nil && id != "" {
		s.workspaceID = id
		return nil
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported systems
	if _, err := s.w.ExecContext(ctx, `INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)`,
		workspaceIDKey, hex.EncodeToString(b)); err != nil {
		return fmt.Errorf("workspace id: %w", err)
	}
	if err := s.w.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", workspaceIDKey).Scan(&s.workspaceID); err != nil {
		return fmt.Errorf("workspace id: %w", err)
	}
	return nil
}

const workspaceIDKey = "workspace_id"

// WorkspaceID is the workspace's id: 32 hex digits, made once, kept in the
// database, so it travels with a move, a copy or a backup. It is not a
// secret.
func (s *Store) WorkspaceID() string { return s.workspaceID }
