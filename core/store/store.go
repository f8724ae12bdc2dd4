// Package store is Hearth's workspace database: the only SQL in the
// project. One SQLite file per workspace, in WAL mode, with one writer
// connection and a small pool of read-only connections, so that a long
// sync batch never blocks the inbox from being read.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/hearthhq/hearth/core"
)

// readers is the size of the read pool: enough for the UI, the CLI and the
// sync engine to read at once on a 2-core machine.
const readers = 4

// Store is an open workspace database. It is safe for concurrent use.
type Store struct {
	w     *sql.DB // the single writer: writes are serialised here, not by SQLite's busy loop
	r     *sql.DB // read-only pool
	path  string
	reads stmtCache        // prepared list queries: preparing costs a sixth of a page
	kept  writerStmts      // the writer's batch statements, kept across transactions
	now   func() time.Time // stamps the rows the store dates itself (updated_at, a new member)

	lock        *fileLock                    // held shared while open; see open.go
	damaged     atomic.Pointer[DamagedError] // set once corruption is seen: no commit gets through
	readOnly    bool                         // opened by ReadOnly: the writer connects only if used
	wrote       atomic.Bool                  // the writer pool has connected
	workspaceID string
	onCheck     func() // told before an open checks the database (WithCheckNotice)
	tone        toneCheck
}

// Option sets up a Store at Open.
type Option func(*Store)

// WithNow gives the store its clock, as the services are given theirs, so
// that the times it stamps agree with theirs (and tests fix them). The
// default is time.Now.
func WithNow(now func() time.Time) Option {
	return func(s *Store) {
		if now != nil {
			s.now = now
		}
	}
}

// WithCheckNotice gives Open a function it calls before it checks the
// database after an unclean shutdown, which takes a while on a large
// workspace (about 45 s at a million items): the caller can say why it
// waits.
func WithCheckNotice(notice func()) Option {
	return func(s *Store) { s.onCheck = notice }
}

// ReadOnly opens the store for a command that only reads (hearth search,
// inbox), whose whole run is a few tens of milliseconds: a single read
// connection and no writer, no migration, no PRAGMA optimize at Close.
// SQLite parses the whole schema on each connection's first statement,
// a third of such a command's CPU time with two connections. When the
// database needs the writer first (missing, left open by a dead process,
// an older schema, not in WAL mode), Open falls back to the full open,
// so the store behaves as without the option. Writes still work: the
// writer connects on first use.
func ReadOnly() Option {
	return func(s *Store) { s.readOnly = true }
}

// Open opens the workspace database at path, creating it (mode 0600, its
// directory 0700) when it is missing, and migrating it to the current
// schema. Only a process that has the workspace alone migrates it: while
// another has it open, a workspace at an older schema is refused with
// ErrUpgradeBlocked, unwritten. A file that is not a Hearth database is
// refused with ErrNotWorkspace; after an unclean shutdown the database is
// checked first and a damaged one is refused with a *DamagedError
// (ErrDamaged), unwritten.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	var cfg Store // the options, read before the store exists
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.readOnly {
		if s, err := openReader(ctx, path); err == nil {
			for _, o := range opts {
				o(s)
			}
			return s, nil
		} // whatever stopped it, the full open says or mends
	}
	s, err := openGuarded(ctx, path, cfg.onCheck, false)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	for _, o := range opts {
		o(s)
	}
	// A process that had the workspace alone holds it exclusively until
	// here, so nobody opens it while it migrates; another one found no
	// pending migration (open.go).
	err = migrate(ctx, s.w, migrationFiles)
	if err == nil {
		err = s.lock.shared(ctx)
	}
	if err == nil {
		err = s.ensureWorkspaceID(ctx)
	}
	if err == nil {
		err = s.ensureTermForms(ctx)
	}
	if err != nil {
		err = s.noteCorrupt(err)
		s.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return s, nil
}

// prepareFile creates the directory and an empty file with private modes
// before SQLite sees it: SQLite would create the file with the umask's mode,
// and its -wal and -shm files copy the mode of the database file.
func prepareFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}

// openPools opens the writer and reader pools. A read-only store (the
// database known to be in WAL mode already) leaves the writer unconnected
// until something writes.
func openPools(path string, readOnly bool) (*Store, error) {
	s := &Store{path: path, now: time.Now, readOnly: readOnly}
	base, err := sqlite.NewConnector(dsn(path, true, false))
	if err != nil {
		return nil, err
	}
	w := sql.OpenDB(guardedConnector{base: base, damaged: &s.damaged, used: &s.wrote, triggers: true, keepWAL: true})
	w.SetMaxOpenConns(1)
	// Touch the writer first so that WAL mode is set before readers connect.
	if !readOnly {
		if err := pingWriter(w); err != nil {
			w.Close()
			return nil, err
		}
	}
	rbase, err := sqlite.NewConnector(dsn(path, false, readOnly))
	if err != nil {
		w.Close()
		return nil, err
	}
	r := sql.OpenDB(walKeeper{base: rbase})
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	s.w, s.r, s.reads, s.kept = w, r, stmtCache{db: r}, writerStmts{db: w}
	return s, nil
}

// pingWriter opens the writer connection. Switching a new file to WAL takes
// an exclusive lock, and SQLite answers SQLITE_BUSY at once, without its
// busy handler, while another process (the GUI and a CLI command started
// together) does the same: retry for as long as the busy timeout would.
// The wait is real time, not the store's clock, which a test may fix.
func pingWriter(w *sql.DB) error {
	deadline := time.NewTimer(5 * time.Second)
	defer deadline.Stop()
	retry := time.NewTicker(20 * time.Millisecond)
	defer retry.Stop()
	for {
		err := w.Ping()
		var se *sqlite.Error
		if !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY {
			return err
		}
		select {
		case <-deadline.C:
			return err
		case <-retry.C:
		}
	}
}

// dsn builds a connection string whose pragmas apply to every pooled
// connection. The writer begins transactions IMMEDIATE so that a
// read-then-write transaction never fails with SQLITE_BUSY halfway.
// Mapped, SQLite reads the file through a memory map instead of its page
// cache: for a read-only command (tens of milliseconds, about a hundred
// pages) that saves a read call and a copy per page, and fresh memory for
// each (the allocator's 8 KB, two page faults): about 270 of a search's
// 2,400 page faults. The window's long-lived readers keep their caches.
func dsn(path string, writer, mapped bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	// The page cache is per connection and outside Go's heap, and the OS
	// keeps the file cached anyway. SQLite's allocator (modernc.org/memory)
	// rounds each cached page up to 8 KB, so readers at 16 MB each held
	// about 120 MB more of the window's resident memory after scrolling a
	// big inbox, and the writer at 16 MB held 30 MB through the tone pass
	// of a million items, which ran no slower at 4 MB, nor did a sync's
	// batches (docs/benchmarks.md, the window's memory).
	if writer {
		q.Add("_pragma", "cache_size(-4000)")
	} else {
		q.Add("_pragma", "cache_size(-2000)")
	}
	q.Add("_pragma", "temp_store(MEMORY)") // statement journals of batch writes
	// The -wal file outlives the last connection (keepWAL), truncated to
	// nothing then: with no limit SQLite would leave it as large as it
	// grew, for the next open to read through. 64 MB also bounds what a
	// checkpoint leaves of it while the workspace is open.
	q.Add("_pragma", "journal_size_limit(67108864)")
	if writer {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	if mapped {
		q.Add("_pragma", "mmap_size(2147418112)") // SQLite's own ceiling (SQLITE_MAX_MMAP_SIZE)
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: q.Encode()}
	return u.String()
}

// Close lets SQLite refresh its planner statistics, closes both pools and,
// if this was the last process with the workspace open, records a clean
// shutdown. A damaged database is left marked so that the next open
// refuses it.
func (s *Store) Close() error {
	var optErr error
	// A read-only store's writer would connect (and parse the schema) only
	// to optimise after queries it never ran.
	if s.damaged.Load() == nil && (!s.readOnly || s.wrote.Load()) {
		_, optErr = s.w.Exec("PRAGMA optimize")
	}
	err := s.closePools()
	if s.lock != nil {
		err = errors.Join(err, s.lock.release(err == nil && optErr == nil && s.damaged.Load() == nil))
	}
	if err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	if optErr != nil {
		return fmt.Errorf("store: close: optimize: %w", optErr)
	}
	return nil
}

func (s *Store) closePools() error {
	return errors.Join(s.reads.close(), s.kept.close(), s.r.Close(), s.w.Close())
}

// inTx runs fn in one write transaction, committed only if fn succeeds.
// Once the database is known to be damaged it refuses at once; a
// transaction that meets corruption marks it so.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if d := s.damaged.Load(); d != nil {
		return d
	}
	if s.kept.pending() {
		s.kept.settle(ctx) // while no transaction of ours holds the writer
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", s.noteCorrupt(dbErr(err)))
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback() // the error that matters is fn's
		return s.noteCorrupt(diskFull(err))
	}
	if err := tx.Commit(); err != nil {
		if d := s.damaged.Load(); d != nil {
			return d // the commit hook refused it
		}
		return fmt.Errorf("commit: %w", s.noteCorrupt(dbErr(err)))
	}
	return nil
}

// execOne runs a single-row write and reports core.ErrNotFound when no row
// matched.
func execOne(ctx context.Context, db execer, query string, args ...any) error {
	res, err := db.ExecContext(ctx, query, args...)
	if err != nil {
		return dbErr(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return core.ErrNotFound
	}
	return nil
}

// execer is what *sql.DB and *sql.Tx share for writes.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// dbErr maps driver errors to the domain's: no rows is core.ErrNotFound, a
// uniqueness violation is core.ErrConflict, and a foreign key violation
// (the account or item referred to is gone) is core.ErrNotFound too.
func dbErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return core.ErrNotFound
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	if se.Code()&0xff == sqlite3.SQLITE_FULL {
		return fullError{err: se}
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return fmt.Errorf("%w: %w", core.ErrConflict, err)
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return fmt.Errorf("%w: %w", core.ErrNotFound, err)
	case sqlite3.SQLITE_CONSTRAINT_COMMITHOOK: // only the damage guard refuses commits
		return fmt.Errorf("%w: the write was refused", ErrDamaged)
	}
	return err
}

// diskFull puts SQLite's "database or disk is full (13)", wherever it is in
// err's chain, in words: the transaction was rolled back whole.
func diskFull(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_FULL {
		return err
	}
	return fullError{err: se}
}

// fullError says core.ErrDiskFull in words and keeps the driver's error in
// the chain (errors.As), not in the text.
type fullError struct{ err error }

func (e fullError) Error() string {
	return core.ErrDiskFull.Error() + " (nothing of this change was written)"
}

func (e fullError) Unwrap() []error { return []error{core.ErrDiskFull, e.err} }

// Times are stored as UTC unix milliseconds: cheap to index and compare.

func ms(t time.Time) int64 { return t.UnixMilli() }

// nullMS stores the zero time as NULL, so that it reads back as zero.
func nullMS(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

func fromNullMS(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return fromMS(v.Int64)
}
