package store

import (
	"context"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/hearthhq/hearth/core"
)

// openAtVersion opens a workspace migrated only up to version v.
func openAtVersion(t *testing.T, path string, v int) *Store {
	t.Helper()
	steps, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, m := range steps[:v] {
		fsys[m.name] = &fstest.MapFile{Data: []byte(m.sql)}
	}
	if err := prepareFile(path); err != nil {
		t.Fatal(err)
	}
	s, err := openPools(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(context.Background(), s.w, fsys); err != nil {
		t.Fatal(err)
	}
	return s
}

// A version 1 workspace keeps every item, its ids, tags, raw source, outbox
// entries, index entries and counts when version 2 rebuilds the items table.
func TestMigrationToChannelsKeepsItems(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hearth.db")
	old := openAtVersion(t, path, 1)
	acct := newAccount(t, old, "mail")
	// Version 1 rows, written as version 1 wrote them: the Go code of today
	// writes today's columns.
	_, err := old.w.Exec(`
		INSERT INTO threads (id, account_id, key, subject) VALUES (1, ?1, 'a', 'Meetup in Lyon');
		INSERT INTO items (id, account_id, thread_id, remote_id, kind, created_at, fts_key, subject, text)
		VALUES (1, ?1, 1, 'a', 'email', 1000, 1000 << 20, 'Meetup in Lyon', 'See you'),
		       (2, ?1, 1, 'b', 'email', 2000, 2000 << 20, 'Tickets', ''),
		       (3, ?1, 1, 'gone', 'email', 3000, 3000 << 20, 'x', '');
		INSERT INTO items_fts (rowid, subject, body, author) VALUES (1000 << 20, 'Meetup in Lyon', 'See you', '');
		INSERT INTO tags (id, name) VALUES (1, 'meetup');
		INSERT INTO item_tags (item_id, tag_id) VALUES (1, 1);
		INSERT INTO drafts (item_id, text, updated_at) VALUES (1, 'Thanks!', 0);
		DELETE FROM items WHERE id = 3;`, acct)
	must(t, err)
	a, gone := core.Item{ID: 1}, core.Item{ID: 3}
	must(t, old.Close())

	s, err := Open(ctx, path)
	must(t, err)
	defer s.Close()
	got, err := s.Item(ctx, a.ID)
	if err != nil || got.RemoteID != "a" || got.Subject != "Meetup in Lyon" || !equal(got.Tags, []string{"meetup"}) {
		t.Fatalf("item after migration = %+v, %v", got, err)
	}
	if d, err := s.Draft(ctx, a.ID); err != nil || d != "Thanks!" {
		t.Errorf("draft after migration = %q, %v", d, err)
	}
	if hits, _ := s.Search(ctx, "lyon", core.ItemFilter{}); len(hits) != 1 || hits[0].ID != a.ID {
		t.Errorf("search after migration: %d hits", len(hits))
	}
	if counts, _ := s.StateCounts(ctx, acct); counts[core.StateNew] != 2 {
		t.Errorf("counts after migration = %v, want 2 new", counts)
	}
	res := apply(t, s, acct, mail("c", 4, "After"))
	if res.NewIDs[0] <= gone.ID {
		t.Errorf("new item id %d reuses an id up to %d", res.NewIDs[0], gone.ID)
	}
	var fk int
	if err := s.w.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys after migration = %d, %v; want on", fk, err)
	}
	if err := s.DeleteAccount(ctx, acct); err != nil {
		t.Fatal(err)
	}
	if d, err := s.Draft(ctx, a.ID); err != nil || d != "" {
		t.Errorf("draft %q outlived its account's items (%v): references to items broken", d, err)
	}
}
