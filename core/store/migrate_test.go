package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hearthhq/hearth/core"
)

// openAtVersion opens a workspace migrated only up to version v.
func openAtVersion(t testing.TB, path string, v int) *Store {
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
	s, err := openPools(path, false)
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
	if counts, _ := s.StateCounts(ctx, acct); counts[core.StateNew] != 1 {
		t.Errorf("counts after migration = %v, want 1 new (a and b are one conversation)", counts)
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

// A version 4 workspace keeps every member, with its identities, profile
// and times, when version 5 drops the trigger that made them; identities
// written after it still get a member each, dated by the store's clock.
func TestMigrationToExplicitMembersKeepsMembers(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hearth.db")
	old := openAtVersion(t, path, 4)
	// As version 4 wrote them: the trigger makes a member per identity but
	// the feed's; then a merge by hand and an imported contact.
	_, err := old.w.Exec(`
		INSERT INTO identities (kind, address, name, updated_at) VALUES
			('email', 'anna@example.org', 'Anna', 0), ('vk', '42', 'Анна', 0), ('x', '7', 'Boris', 0),
			('feed', 'blog.example.org', 'Blog', 0);
		UPDATE member_identities SET member_id = (SELECT member_id FROM member_identities WHERE identity_id = 1)
			WHERE identity_id = 2;
		DELETE FROM members WHERE id NOT IN (SELECT member_id FROM member_identities);
		UPDATE members SET bio = 'Painter', last_seen = 5000 WHERE id = 1;
		INSERT INTO members (name, first_seen, created_at) VALUES ('Imported', 1000, 1000);`)
	must(t, err)
	before := dumpMembers(t, old)
	if len(before) != 3 {
		t.Fatalf("version 4 made %d members, want 3: %v", len(before), before)
	}
	must(t, old.Close())

	clock := base.Add(time.Hour)
	s, err := Open(ctx, path, WithNow(func() time.Time { return clock }))
	must(t, err)
	defer s.Close()
	if after := dumpMembers(t, s); !slices.Equal(after, before) {
		t.Errorf("members after migration:\n%v\nwant\n%v", after, before)
	}
	var triggers int
	must(t, s.r.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'identities_new_member'").Scan(&triggers))
	if triggers != 0 {
		t.Error("the member trigger outlived the migration")
	}
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, mail("m1", 0, "Hello"), // from anna@example.org, known
		authored(core.ItemEmail, "m2", core.Person{Name: "Chloé", Address: "chloe@example.org"}, base, "hi"))
	got := identityMembers(t, s)
	if got["email:anna@example.org"].files != 1 || got["email:chloe@example.org"] != (identityMember{1, ms(clock), ms(clock)}) {
		t.Errorf("members of identities after migration: %+v", got)
	}
	if n := len(dumpMembers(t, s)); n != 4 {
		t.Errorf("%d members, want the 3 kept and Chloé's", n)
	}
}

// dumpMembers lists every member with its identities, one line each.
func dumpMembers(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.r.Query(`SELECT m.id || ' ' || m.name || ' ' || m.bio || ' ' || m.first_seen || ' ' ||
		COALESCE(m.last_seen, '-') || ' ' || m.created_at || ' [' ||
		COALESCE((SELECT group_concat(identity_id, ',') FROM (SELECT identity_id FROM member_identities
			WHERE member_id = m.id ORDER BY identity_id)), '') || ']' FROM members m ORDER BY m.id`)
	must(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		must(t, rows.Scan(&line))
		out = append(out, line)
	}
	must(t, rows.Err())
	return out
}

// A version 5 workspace learns where its mail is (so an expunge can be
// noticed) and reads its folders again, to bring back the messages that a
// reused Message-Id made it drop.
func TestMigrationToMailLocations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hearth.db")
	old := openAtVersion(t, path, 5)
	acct := newAccount(t, old, "mail")
	// Rows as version 5 wrote them.
	_, err := old.w.Exec(`
		INSERT INTO threads (id, account_id, key) VALUES (1, ?1, 'a@x');
		INSERT INTO items (account_id, thread_id, remote_id, kind, created_at, fts_key, location)
		VALUES (?1, 1, 'a@x', 'email', 1000, 1000 << 20, '7:12:INBOX'),
		       (?1, 1, 'b@x', 'email', 2000, 2000 << 20, '7:3:Lists:hearth'),
		       (?1, 1, 'c@x', 'email', 3000, 3000 << 20, '9:0:Archive');
		INSERT INTO sync_cursors (account_id, key, value) VALUES (?1, 'folder:INBOX', '{"last_uid":12}');`, acct)
	must(t, err)
	must(t, old.Close())

	s, err := Open(ctx, path)
	must(t, err)
	defer s.Close()
	if _, err := s.Cursor(ctx, acct, "folder:INBOX"); err == nil {
		t.Error("the folder cursor survived: the dropped messages would never come back")
	}
	applyBatch(t, s, acct, core.Batch{Present: map[string][]string{"INBOX": nil, "Lists:hearth": {"7:3:Lists:hearth"}}})
	for id, want := range map[string]bool{"a@x": true, "b@x": false, "c@x": false} {
		it, err := s.ItemByRemoteID(ctx, acct, id)
		must(t, err)
		if it.Deleted != want {
			t.Errorf("%s deleted = %v, want %v", id, it.Deleted, want)
		}
	}
}
