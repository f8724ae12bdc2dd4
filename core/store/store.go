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
	now   func() time.Time // stamps the rows the store dates itself (updated_at, a new member)
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

// Open opens the workspace database at path, creating it (mode 0600, its
// directory 0700) and migrating it to the current schema.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	if err := prepareFile(path); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s, err := openPools(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	for _, o := range opts {
		o(s)
	}
	if err := migrate(ctx, s.w, migrationFiles); err != nil {
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

func openPools(path string) (*Store, error) {
	w, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	// Touch the writer first so that WAL mode is set before readers connect.
	if err := pingWriter(w); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	return &Store{w: w, r: r, path: path, reads: stmtCache{db: r}, now: time.Now}, nil
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
func dsn(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "cache_size(-16000)")
	q.Add("_pragma", "temp_store(MEMORY)") // statement journals of batch writes
	if writer {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: q.Encode()}
	return u.String()
}

// Close lets SQLite refresh its planner statistics, then closes both pools.
func (s *Store) Close() error {
	_, optErr := s.w.Exec("PRAGMA optimize")
	err := errors.Join(s.reads.close(), s.r.Close(), s.w.Close())
	if err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	if optErr != nil {
		return fmt.Errorf("store: close: optimize: %w", optErr)
	}
	return nil
}

// inTx runs fn in one write transaction, committed only if fn succeeds.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", dbErr(err))
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback() // the error that matters is fn's
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", dbErr(err))
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
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return fmt.Errorf("%w: %w", core.ErrConflict, err)
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return fmt.Errorf("%w: %w", core.ErrNotFound, err)
	}
	return err
}

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
