package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
)

func TestReadOnlyOpenReadsOnOneConnectionAndWritesNothing(t *testing.T) {
	t.Parallel()
	path := filledWorkspace(t)
	ctx := context.Background()
	full, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := full.Search(ctx, "subject", core.ItemFilter{Limit: 50})
	id := full.WorkspaceID()
	if err := errors.Join(err, full.Close()); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, path)

	s, err := Open(ctx, path, ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Search(ctx, "subject", core.ItemFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("read-only search found %d items, the full open %d", len(got), len(want))
	}
	for i := range got {
		if got[i].ID != want[i].ID || got[i].Subject != want[i].Subject {
			t.Fatalf("hit %d: read-only %d %q, full %d %q", i, got[i].ID, got[i].Subject, want[i].ID, want[i].Subject)
		}
	}
	if s.WorkspaceID() != id {
		t.Errorf("read-only workspace id %q, want %q", s.WorkspaceID(), id)
	}
	if n := s.r.Stats().OpenConnections; n != 1 {
		t.Errorf("read-only open holds %d read connections, want 1", n)
	}
	if s.wrote.Load() {
		t.Error("the writer connected for a read-only open that wrote nothing")
	}
	var mapped int64
	if err := s.r.QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&mapped); err != nil || mapped == 0 {
		t.Errorf("read-only reader: mmap_size %d, %v; want the file mapped (no page copies for a short read)", mapped, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != before {
		t.Error("a read-only open and search changed the database file")
	}
	if st := strings.TrimSpace(string(mustRead(t, LockPath(path)))); st != stateClean {
		t.Errorf("lock file after a read-only open closed = %q, want a clean shutdown", st)
	}
}

func TestReadOnlyStoreStillWrites(t *testing.T) {
	t.Parallel()
	path := filledWorkspace(t)
	ctx := context.Background()
	s, err := Open(ctx, path, ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "last_window", "calendar"); err != nil {
		t.Fatalf("write through a read-only store: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.Setting(ctx, "last_window"); err != nil || v != "calendar" {
		t.Errorf("after reopening: setting %q, %v", v, err)
	}
}

// Where the database needs the writer before it can be read, a read-only
// open does what the full open does.
func TestReadOnlyOpenFallsBackToTheFullOpen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	exec := func(t *testing.T, path, query string) {
		t.Helper()
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.w.ExecContext(ctx, query)
		if err := errors.Join(err, s.Close()); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		prepare func(t *testing.T) string
		checks  int  // notices of a check
		damaged bool // the open is refused
	}{
		{"no database yet", func(t *testing.T) string { return filepath.Join(t.TempDir(), "new", "hearth.db") }, 0, false},
		{"left open by a dead process", func(t *testing.T) string {
			path := filledWorkspace(t)
			crash(t, path)
			return path
		}, 1, false},
		{"damaged and left open", func(t *testing.T) string {
			path := filledWorkspace(t)
			crash(t, path)
			damagePage(t, path, "items_thread")
			return path
		}, 1, true},
		{"word forms of an older version", func(t *testing.T) string {
			path := filledWorkspace(t)
			exec(t, path, "UPDATE settings SET value = '0' WHERE key = '"+settingFormsVersion+"'")
			return path
		}, 0, false},
		{"no workspace id", func(t *testing.T) string {
			path := filledWorkspace(t)
			exec(t, path, "DELETE FROM settings WHERE key = '"+workspaceIDKey+"'")
			return path
		}, 0, false},
		{"not in WAL mode (a copied backup)", func(t *testing.T) string {
			path := filledWorkspace(t)
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.WriteAt([]byte{1, 1}, 18) // the header of a rollback-journal database
			if err := errors.Join(err, f.Close()); err != nil {
				t.Fatal(err)
			}
			return path
		}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := tt.prepare(t)
			checks := 0
			s, err := Open(ctx, path, ReadOnly(), WithCheckNotice(func() { checks++ }))
			if checks != tt.checks {
				t.Errorf("%d check notices, want %d", checks, tt.checks)
			}
			if tt.damaged {
				if !errors.Is(err, ErrDamaged) {
					t.Fatalf("open: %v, want ErrDamaged", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if len(s.WorkspaceID()) != 32 {
				t.Errorf("workspace id %q", s.WorkspaceID())
			}
			if v, err := s.Setting(ctx, settingFormsVersion); err != nil || v == "0" {
				t.Errorf("word forms version %q, %v: not brought up to date", v, err)
			}
			if wal, err := walMode(path); err != nil || !wal {
				t.Errorf("database in WAL mode: %v, %v", wal, err)
			}
		})
	}
}

// The -wal and -shm files stay after the last connection closes, the WAL
// empty: a short command no longer creates, sizes and deletes them on
// every run, and what the writer wrote is in the database file itself
// (another process may copy it alone, as restore and the tests do).
func TestWALFilesOutliveTheLastCloseEmpty(t *testing.T) {
	t.Parallel()
	path := filledWorkspace(t)
	ctx := context.Background()
	full, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := full.Search(ctx, "subject", core.ItemFilter{Limit: 50})
	if err := errors.Join(err, full.Close()); err != nil {
		t.Fatal(err)
	}
	empty := func(when string) {
		t.Helper()
		wal, err := os.Stat(path + "-wal")
		if err != nil || wal.Size() != 0 {
			t.Fatalf("%s: the WAL is %v (%v), want an empty file", when, wal, err)
		}
		if _, err := os.Stat(path + "-shm"); err != nil {
			t.Fatalf("%s: %v, want the -shm file kept", when, err)
		}
	}
	empty("after the writer closed")

	// The database file alone holds everything: a copy of it without the
	// other two reads the same.
	alone := filepath.Join(t.TempDir(), "hearth.db")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(alone, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, alone} {
		s, err := Open(ctx, p, ReadOnly())
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Search(ctx, "subject", core.ItemFilter{Limit: 50})
		if err := errors.Join(err, s.Close()); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d items, want %d", p, len(got), len(want))
		}
	}
	empty("after a read-only open")
}
