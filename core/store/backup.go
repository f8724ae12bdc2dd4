package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
)

// Backup writes a consistent copy of the workspace to path while it stays
// in use: SQLite's backup API from a read-only connection copies one
// snapshot, so the writer is never blocked. The copy goes to a temp file created
// exclusively beside path and is synced and renamed into place, so path
// holds a whole backup or its previous content, never half of one. An
// existing path that is not a regular file (a link, a directory, a device)
// is refused, as exports refuse them.
func (s *Store) Backup(ctx context.Context, path string) error {
	if d := s.damaged.Load(); d != nil {
		return fmt.Errorf("store: backup: %w", d)
	}
	err := copyDatabase(ctx, s.path, path, func(tmp string) error {
		// The copy is page for page: damage in the workspace would be
		// copied silently, and a week of such backups would push every
		// good one out. A copy that fails quick_check means the workspace
		// is damaged: it is marked so, and the copy is thrown away.
		if err := quickCheck(ctx, tmp); err != nil {
			var d *DamagedError
			if errors.As(err, &d) {
				d.Path = s.path
				s.markDamaged(d)
			}
			return err
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, s.noteCorrupt(err))
	}
	return nil
}

// copyDatabase makes a consistent copy of the database at src; verify,
// when not nil, checks the finished temp file before it takes dst's name.
func copyDatabase(ctx context.Context, src, dst string, verify func(tmp string) error) (err error) {
	if fi, err := os.Lstat(dst); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("%s exists and is not a regular file (a link, a directory or a device)", dst)
	}
	dir := filepath.Dir(dst)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dst)+"-*.tmp") // O_EXCL, mode 0600
	if err != nil {
		return err
	}
	tmpPath := tmp.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmpPath)
		}
	}()
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := backupPages(ctx, src, tmpPath); err != nil {
		return err
	}
	if err := leaveWAL(tmpPath); err != nil {
		return err
	}
	if verify != nil {
		if err := verify(tmpPath); err != nil {
			return err
		}
	}
	if err := syncFile(tmpPath); err != nil {
		return err
	}
	if err := os.Rename(tmpPath, dst); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// backupStep is how many pages one backup step copies (16 MB of 4 KB
// pages): between steps a cancelled context is noticed.
const backupStep = 4096

// backupPages copies the database at src page by page into the empty file
// dst with SQLite's online backup API, a third faster than VACUUM INTO.
// The source connection holds one read transaction across all the steps,
// so the copy is one snapshot and commits made meanwhile by the workspace's
// writer neither block it nor make it start over.
func backupPages(ctx context.Context, src, dst string) error {
	db, err := sql.Open("sqlite", roDSN(src))
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK") //nolint:errcheck // a read transaction
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		return err // the read that fixes the snapshot
	}
	// The destination is written without a journal and synced once by the
	// caller: a half-written temp file is deleted, never used.
	q := url.Values{}
	q.Add("_pragma", "journal_mode(OFF)")
	q.Add("_pragma", "synchronous(OFF)")
	dstURI := (&url.URL{Scheme: "file", OmitHost: true, Path: dst, RawQuery: q.Encode()}).String()
	return conn.Raw(func(dc any) error {
		bk, ok := dc.(interface {
			NewBackup(string) (*sqlite.Backup, error)
		})
		if !ok {
			return errors.New("the SQLite driver has no backup API")
		}
		b, err := bk.NewBackup(dstURI)
		if err != nil {
			return err
		}
		for more := true; more; {
			if err := ctx.Err(); err != nil {
				return errors.Join(err, b.Finish())
			}
			if more, err = b.Step(backupStep); err != nil {
				return errors.Join(err, b.Finish())
			}
		}
		return b.Finish()
	})
}

// leaveWAL turns the copy, which carries the workspace's WAL flag, into a
// self-contained rollback-journal database: it opens on its own, even
// read-only on read-only media, and leaves no -wal or -shm file about.
func leaveWAL(path string) error {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(DELETE)")
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: q.Encode()}).String())
	if err != nil {
		return err
	}
	return errors.Join(db.Ping(), db.Close())
}

// syncFile makes a file's content durable before it is renamed into place.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// syncDir makes a rename durable where the system can sync a directory.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// CheckReport is what Check found.
type CheckReport struct {
	Path     string
	Problems []string // empty when the database is sound
}

// OK says the database passed every check.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// Check runs the full checks on the workspace database at path without
// writing to it: PRAGMA integrity_check (which also checks the structure
// of the full-text indexes), FTS5's own integrity check of each full-text
// table against its content, and PRAGMA foreign_key_check. It runs beside
// other processes using the workspace. An error means the check itself
// could not run.
func Check(ctx context.Context, path string) (CheckReport, error) {
	rep := CheckReport{Path: path}
	if err := sniff(path); err != nil {
		if errors.Is(err, ErrNotWorkspace) {
			rep.Problems = append(rep.Problems, err.Error())
			return rep, nil
		}
		return rep, fmt.Errorf("store: check %s: %w", path, err)
	}
	ro, err := sql.Open("sqlite", roDSN(path))
	if err != nil {
		return rep, fmt.Errorf("store: check %s: %w", path, err)
	}
	defer ro.Close()
	// One connection kept open for the whole check: while it is open the
	// read-write connection below can never be the last one, so closing it
	// never checkpoints a WAL into a damaged file.
	ro.SetMaxOpenConns(1)
	ro.SetMaxIdleConns(1)
	add := func(prefix string, found []string, err error) {
		for _, p := range found {
			rep.Problems = append(rep.Problems, prefix+p)
		}
		if err != nil {
			rep.Problems = append(rep.Problems, prefix+err.Error())
		}
	}
	found, err := pragmaRows(ctx, ro, "PRAGMA integrity_check(20)")
	add("integrity: ", found, err)
	found, err = foreignKeyProblems(ctx, ro)
	add("foreign key: ", found, err)
	if rep.OK() { // the full-text check reads the tables: only worth it on a sound file
		found, err = ftsProblems(ctx, ro, path)
		add("full-text index: ", found, err)
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	return rep, nil
}

func foreignKeyProblems(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var (
			table, parent string
			rowid         sql.NullInt64
			fkid          int
		)
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return out, err
		}
		if len(out) < maxProblems {
			out = append(out, fmt.Sprintf("%s row %d refers to a missing %s", table, rowid.Int64, parent))
		}
	}
	return out, rows.Err()
}

// ftsProblems runs FTS5's 'integrity-check' command on every full-text
// table. The command is an INSERT, so it needs a read-write connection; it
// runs in a transaction that is rolled back, on a connection whose commit
// hook refuses any commit.
func ftsProblems(ctx context.Context, ro *sql.DB, path string) ([]string, error) {
	rows, err := ro.QueryContext(ctx, `SELECT name FROM sqlite_master
		WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, n)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	if len(tables) == 0 {
		return nil, nil
	}
	var refuse atomic.Pointer[DamagedError]
	refuse.Store(&DamagedError{Path: path})
	base, err := sqlite.NewConnector(checkDSN(path))
	if err != nil {
		return nil, err
	}
	rw := sql.OpenDB(guardedConnector{base: base, damaged: &refuse})
	defer rw.Close()
	rw.SetMaxOpenConns(1)
	var out []string
	for _, t := range tables {
		q := `"` + strings.ReplaceAll(t, `"`, `""`) + `"` // a name read from the schema, quoted
		tx, err := rw.BeginTx(ctx, nil)
		if err != nil {
			return out, err
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO "+q+" ("+q+", rank) VALUES ('integrity-check', 1)")
		_ = tx.Rollback() // nothing to keep: a check
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %v", t, err))
		}
	}
	return out, nil
}

// checkDSN is a read-write connection that leaves the journal mode as it
// is: it only runs rolled-back checks.
func checkDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	u := url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: q.Encode()}
	return u.String()
}

// RestoreResult says where a restore put things.
type RestoreResult struct {
	Aside       string // the previous database, kept; empty when there was none
	WorkspaceID string // of the restored database
	PreviousID  string // of the database it replaced, when it could be read
}

// Restore replaces the workspace database at dbPath with a copy of the
// backup src, after checking the copy fully. The database it replaces is
// moved into asideDir, with its WAL, never deleted. It refuses with
// ErrInUse while another process has the workspace open.
func Restore(ctx context.Context, dbPath, src, asideDir string, now time.Time) (RestoreResult, error) {
	var res RestoreResult
	fail := func(err error) (RestoreResult, error) {
		return res, fmt.Errorf("store: restore %s: %w", src, err)
	}
	if err := sniff(src); err != nil {
		return fail(err)
	}
	if err := checkVersion(ctx, src); err != nil {
		return fail(err)
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return fail(err)
	}
	// Copy and check before taking the workspace: both take a while on a
	// large workspace, and the copy is what gets installed.
	tmp := filepath.Join(filepath.Dir(dbPath), fmt.Sprintf(".restore-%d.tmp", os.Getpid()))
	_ = os.Remove(tmp) // a leftover of a killed restore of this pid
	// No quick check of the copy: the full Check below runs on it.
	if err := copyDatabase(ctx, src, tmp, nil); err != nil {
		if isCorrupt(err) {
			err = &DamagedError{Path: src, Problems: []string{err.Error()}}
		}
		return fail(err)
	}
	defer os.Remove(tmp) // a no-op once renamed
	rep, err := Check(ctx, tmp)
	if err != nil {
		return fail(err)
	}
	if !rep.OK() {
		return fail(&DamagedError{Path: src, Problems: rep.Problems})
	}
	res.WorkspaceID = readWorkspaceID(ctx, tmp)

	lk, err := openLock(LockPath(dbPath))
	if err != nil {
		return fail(err)
	}
	defer lk.close()
	alone, err := lk.tryExclusive()
	if err != nil {
		return fail(err)
	}
	if !alone {
		return fail(fmt.Errorf("%w: close the window and stop 'hearth sync', then try again", ErrInUse))
	}
	if _, err := os.Stat(dbPath); err == nil {
		res.PreviousID = readWorkspaceID(ctx, dbPath)
		if err := os.MkdirAll(asideDir, 0o700); err != nil {
			return fail(err)
		}
		res.Aside = filepath.Join(asideDir, "hearth-before-restore-"+now.Format("20060102-150405")+".db")
		if err := os.Rename(dbPath, res.Aside); err != nil {
			return fail(err)
		}
		// The WAL may hold the last transactions of the replaced database;
		// an empty one holds nothing and is not kept.
		if fi, err := os.Stat(dbPath + "-wal"); err == nil && fi.Size() == 0 {
			_ = os.Remove(dbPath + "-wal")
		} else if err := os.Rename(dbPath+"-wal", res.Aside+"-wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fail(err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fail(err)
	}
	if err := os.Remove(dbPath + "-shm"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fail(err)
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return fail(err)
	}
	syncDir(filepath.Dir(dbPath))
	if err := lk.write(stateClean); err != nil { // checked in full just now
		return fail(err)
	}
	return res, nil
}

// checkVersion refuses a database written by a newer Hearth or none.
func checkVersion(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", roDSN(path))
	if err != nil {
		return err
	}
	defer db.Close()
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	steps, err := loadMigrations(migrationFiles)
	if err != nil {
		return err
	}
	switch {
	case v == 0:
		return fmt.Errorf("%w: %s has no Hearth schema", ErrNotWorkspace, path)
	case v > len(steps):
		return fmt.Errorf("%s has schema version %d but this Hearth knows only %d: it was written by a newer Hearth", path, v, len(steps))
	}
	return nil
}

// readWorkspaceID reads a database's workspace id, or "" when it has none
// or cannot be read.
func readWorkspaceID(ctx context.Context, path string) string {
	db, err := sql.Open("sqlite", roDSN(path))
	if err != nil {
		return ""
	}
	defer db.Close()
	var id string
	_ = db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", workspaceIDKey).Scan(&id)
	return id
}
