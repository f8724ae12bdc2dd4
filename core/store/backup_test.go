package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func countItems(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.r.QueryRow("SELECT count(*) FROM items").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func openT(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// addMail adds n more mails to account 1 of an open workspace.
func addMail(t *testing.T, s *Store, prefix string, n int) {
	t.Helper()
	var items []core.Item
	for i := range n {
		items = append(items, mail(fmt.Sprint(prefix, i), 5000+i, "later"))
	}
	if _, err := s.ApplyBatch(context.Background(), 1, core.Batch{Items: items}); err != nil {
		t.Fatal(err)
	}
}

// onlyFiles lists a directory, to show no temp file was left behind.
func onlyFiles(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestBackupCopiesTheWorkspaceInUse(t *testing.T) {
	t.Parallel()
	path := filledWorkspace(t)
	s := openT(t, path)
	want := countItems(t, s)
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	// The workspace stays writable after a backup.
	addMail(t, s, "after", 3)

	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %04o, want 0600", fi.Mode().Perm())
	}
	if names := onlyFiles(t, filepath.Dir(out)); len(names) != 1 {
		t.Errorf("backup directory holds %v, want the backup alone", names)
	}
	rep, err := Check(context.Background(), out)
	if err != nil || !rep.OK() {
		t.Fatalf("check of the backup: %v %v", rep.Problems, err)
	}
	c := openT(t, out)
	if got := countItems(t, c); got != want {
		t.Errorf("backup holds %d items, want %d", got, want)
	}
	if c.WorkspaceID() != s.WorkspaceID() {
		t.Errorf("backup workspace id %q, want %q", c.WorkspaceID(), s.WorkspaceID())
	}
}

func TestBackupTarget(t *testing.T) {
	t.Parallel()
	s := openT(t, filledWorkspace(t))
	ctx := context.Background()

	t.Run("a directory is refused", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.db")
		if err := os.Mkdir(out, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := s.Backup(ctx, out); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("backup onto a directory: %v", err)
		}
		if names := onlyFiles(t, dir); len(names) != 1 {
			t.Errorf("left behind: %v", names)
		}
	})
	t.Run("a symlink is refused, its target untouched", func(t *testing.T) {
		dir := t.TempDir()
		victim := filepath.Join(dir, "victim.txt")
		writeFile(t, victim, []byte("keep me"))
		out := filepath.Join(dir, "out.db")
		if err := os.Symlink(victim, out); err != nil {
			t.Fatal(err)
		}
		if err := s.Backup(ctx, out); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("backup onto a symlink: %v", err)
		}
		if got := string(mustRead(t, victim)); got != "keep me" {
			t.Errorf("the symlink's target was overwritten: %q", got)
		}
		if names := onlyFiles(t, dir); len(names) != 2 {
			t.Errorf("left behind: %v", names)
		}
	})
	t.Run("a cancelled backup leaves nothing", func(t *testing.T) {
		dir := t.TempDir()
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.Backup(cctx, filepath.Join(dir, "out.db")); !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled backup: %v", err)
		}
		if names := onlyFiles(t, dir); len(names) != 0 {
			t.Errorf("left behind: %v", names)
		}
	})
	t.Run("an existing backup is replaced whole", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out.db")
		writeFile(t, out, []byte("old"))
		if err := s.Backup(ctx, out); err != nil {
			t.Fatal(err)
		}
		if rep, err := Check(ctx, out); err != nil || !rep.OK() {
			t.Errorf("replaced backup: %v %v", rep.Problems, err)
		}
	})
}

func TestCheckFindsEachKindOfDamage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		damage func(t *testing.T, path string)
		want   string // in a problem; "" for a sound database
	}{
		{"sound", func(t *testing.T, path string) {}, ""},
		{"a damaged index", func(t *testing.T, path string) { damagePage(t, path, "items_thread") }, "integrity: "},
		{"a dangling reference", func(t *testing.T, path string) {
			rawExec(t, path, "PRAGMA foreign_keys = OFF",
				"INSERT INTO drafts (item_id, text, updated_at) VALUES (987654, 'orphan', 0)")
		}, "foreign key: drafts row"},
		{"a full-text index out of step with its table", func(t *testing.T, path string) {
			rawExec(t, path, `INSERT INTO members_fts (members_fts, rowid, search)
				SELECT 'delete', id, search FROM members LIMIT 1`)
		}, "full-text index: members_fts"},
		{"an empty file", func(t *testing.T, path string) { writeFile(t, path, nil) }, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filledWorkspace(t)
			tt.damage(t, path)
			before := fileSum(t, path)
			rep, err := Check(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if !rep.OK() {
					t.Errorf("sound database: problems %q", rep.Problems)
				}
			} else if rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), tt.want) {
				t.Errorf("problems %q, want one about %q", rep.Problems, tt.want)
			}
			if fileSum(t, path) != before {
				t.Error("check wrote to the database")
			}
		})
	}
}

// rawExec runs statements on one connection, bypassing the store.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	s := openT(t, path)
	conn, err := s.w.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range stmts {
		if _, err := conn.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := errors.Join(conn.Close(), s.Close()); err != nil {
		t.Fatal(err)
	}
}

func TestRestore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "hearth.db")
	writeFile(t, path, mustRead(t, filledWorkspace(t)))
	s := openT(t, path)
	want := countItems(t, s)
	id := s.WorkspaceID()
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	addMail(t, s, "later", 5)

	t.Run("refused while the workspace is open", func(t *testing.T) {
		_, err := Restore(ctx, path, backup, filepath.Join(dir, "backups"), time.Now())
		if !errors.Is(err, ErrInUse) {
			t.Fatalf("restore while open: %v, want ErrInUse", err)
		}
		if got := countItems(t, s); got != want+5 {
			t.Errorf("the workspace changed: %d items", got)
		}
	})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	t.Run("a damaged backup is refused", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.db")
		writeFile(t, bad, mustRead(t, backup))
		damagePage(t, bad, "items_thread")
		before := fileSum(t, path)
		_, err := Restore(ctx, path, bad, filepath.Join(dir, "backups"), time.Now())
		if !errors.Is(err, ErrDamaged) {
			t.Fatalf("restore of a damaged backup: %v, want ErrDamaged", err)
		}
		if fileSum(t, path) != before {
			t.Error("the workspace was replaced by a damaged backup")
		}
	})

	t.Run("a sound backup replaces the workspace, which is kept aside", func(t *testing.T) {
		res, err := Restore(ctx, path, backup, filepath.Join(dir, "backups"), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if res.WorkspaceID != id || res.PreviousID != id {
			t.Errorf("ids %q and %q, want %q", res.WorkspaceID, res.PreviousID, id)
		}
		r := openT(t, path)
		if got := countItems(t, r); got != want {
			t.Errorf("restored workspace holds %d items, want the backup's %d", got, want)
		}
		aside := openT(t, res.Aside)
		if got := countItems(t, aside); got != want+5 {
			t.Errorf("the workspace kept aside holds %d items, want %d", got, want+5)
		}
		if names := onlyFiles(t, dir); strings.Contains(strings.Join(names, " "), ".tmp") {
			t.Errorf("temp files left: %v", names)
		}
	})

	t.Run("an empty database file is kept aside too", func(t *testing.T) {
		d := t.TempDir()
		p := filepath.Join(d, "hearth.db")
		writeFile(t, p, nil)
		res, err := Restore(ctx, p, backup, filepath.Join(d, "backups"), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(res.Aside); err != nil || fi.Size() != 0 {
			t.Errorf("aside: %v %v", fi, err)
		}
		if got := countItems(t, openT(t, p)); got != want {
			t.Errorf("restored %d items, want %d", got, want)
		}
	})
}

// TestBackupFindsDamageNothingElseSaw: damage that no write touched (after
// a clean shutdown, so no check at open) is found by the backup, which
// keeps its damaged copy out of the backups and stops the writes.
func TestBackupFindsDamageNothingElseSaw(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filledWorkspace(t)
	damagePage(t, path, "items_thread")
	s := openT(t, path)
	if err := s.SetSetting(ctx, "before", "the backup"); err != nil {
		t.Fatalf("a write before the damage is known: %v", err)
	}
	dir := t.TempDir()
	err := s.Backup(ctx, filepath.Join(dir, "daily.db"))
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("backup of a damaged workspace: %v, want ErrDamaged", err)
	}
	if names := onlyFiles(t, dir); len(names) != 0 {
		t.Errorf("a damaged copy was kept: %v", names)
	}
	if err := s.SetSetting(ctx, "after", "the backup"); !errors.Is(err, ErrDamaged) {
		t.Errorf("a write after the backup found damage: %v, want ErrDamaged", err)
	}
	s.Close()
	if s, err := Open(ctx, path); !errors.Is(err, ErrDamaged) {
		if err == nil {
			s.Close()
		}
		t.Errorf("reopen: %v, want ErrDamaged", err)
	}
}
