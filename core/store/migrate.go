package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// migrationFiles is the shipped schema history.
var migrationFiles, _ = fs.Sub(migrationsFS, "migrations")

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
	// fkOff runs the step with foreign keys off, for a step that rebuilds
	// a table others refer to; it checks them all before it commits.
	fkOff bool
}

// fkOffMarker is the line that makes a migration run with foreign keys off.
const fkOffMarker = "\n-- hearth: foreign_keys off\n"

// migrate applies every migration newer than the database's user_version,
// each in its own transaction together with its version bump, so a failing
// step leaves the database at the previous version.
func migrate(ctx context.Context, db *sql.DB, fsys fs.FS) error {
	steps, err := loadMigrations(fsys)
	if err != nil {
		return err
	}
	var current int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("migrate: read version: %w", err)
	}
	if n := len(steps); current > n {
		return fmt.Errorf("migrate: the database has schema version %d but this Hearth knows only %d: it was written by a newer Hearth", current, n)
	}
	for _, m := range steps[current:] {
		if err := applyMigration(ctx, db, m); err != nil {
			return err
		}
	}
	if len(steps) >= tempTriggersFrom {
		// Another process may have made the steps this connection skipped,
		// after it connected to the older schema (triggers.go).
		if err := ensureTempTriggers(ctx, db); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, m migration) error {
	if !m.fkOff {
		return applyOn(ctx, db, m)
	}
	// The pragma is per connection and ignored inside a transaction: pin
	// the connection and set it around the transaction.
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", m.name, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return fmt.Errorf("migrate %s: foreign keys off: %w", m.name, err)
	}
	err = applyOn(ctx, conn, m)
	if _, onErr := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); onErr != nil {
		// A connection left without foreign keys must not return to the pool.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		err = errors.Join(err, fmt.Errorf("migrate %s: foreign keys on: %w", m.name, onErr))
	}
	return err
}

// txBeginner is what *sql.DB and *sql.Conn share for transactions.
type txBeginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// migrationWait is how long a step waits for another process's step to
// end. The busy timeout (5 s) suits a person's edits; a step of a big
// upgrade, or any step on a loaded machine, can take longer, and another
// opener upgrading the same file is progress, not a deadlock.
const migrationWait = 2 * time.Minute

func applyOn(ctx context.Context, db txBeginner, m migration) error {
	tx, err := beginMigration(ctx, db)
	if err != nil {
		return fmt.Errorf("migrate %s: begin: %w", m.name, err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	// Another process may have migrated since we looked: the writer's
	// transactions are IMMEDIATE, so this read cannot go stale.
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("migrate %s: read version: %w", m.name, err)
	}
	if current >= m.version {
		return nil
	}
	// From version 24 on the triggers are the writer's temp triggers
	// (triggers.go): a step finds them before it runs, and they are made
	// again after it, with the step, when it dropped a table they were on
	// or was step 24, which dropped the stored ones.
	if m.version > tempTriggersFrom {
		if err := ensureTempTriggers(ctx, tx); err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migrate %s: %w", m.name, err)
	}
	if m.version >= tempTriggersFrom {
		if err := ensureTempTriggers(ctx, tx); err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	if m.fkOff {
		if err := checkForeignKeys(ctx, tx); err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	// PRAGMA takes no parameters; version is an int we parsed ourselves.
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(m.version)); err != nil {
		return fmt.Errorf("migrate %s: set version: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate %s: commit: %w", m.name, err)
	}
	return nil
}

// beginMigration begins a step's transaction (IMMEDIATE: the writer's),
// waiting while another process holds the write lock, up to migrationWait.
func beginMigration(ctx context.Context, db txBeginner) (*sql.Tx, error) {
	deadline := time.Now().Add(migrationWait)
	for {
		tx, err := db.BeginTx(ctx, nil)
		var se *sqlite.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY {
			return tx, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("another Hearth has been upgrading this workspace for over %v; try again when it has finished: %w", migrationWait, err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// loadMigrations reads NNNN_name.sql files and checks that they are
// numbered 1, 2, 3... without gaps, so user_version is the count applied.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("migrate: list: %w", err)
	}
	sort.Strings(names)
	steps := make([]migration, 0, len(names))
	for i, name := range names {
		num, _, ok := strings.Cut(path.Base(name), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			return nil, fmt.Errorf("migrate: %s: want a name like %04d_what.sql", name, i+1)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("migrate: %w", err)
		}
		steps = append(steps, migration{version: v, name: name, sql: string(body),
			fkOff: strings.Contains(string(body), fkOffMarker)})
	}
	return steps, nil
}

// checkForeignKeys fails when a step left a reference dangling, which the
// constraints would have refused had they been on.
func checkForeignKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		var (
			table, parent string
			rowid         sql.NullInt64
			fkid          int
		)
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return fmt.Errorf("foreign key check: %w", err)
		}
		return fmt.Errorf("foreign key check: %s row %d refers to a missing %s", table, rowid.Int64, parent)
	}
	return rows.Err()
}
