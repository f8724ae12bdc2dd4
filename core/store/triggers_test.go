package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// triggerNames lists the triggers of one schema ("main" or "temp") that q
// sees on its connection.
func triggerNames(t *testing.T, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, schema string) []string {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), "SELECT name FROM "+schema+".sqlite_master WHERE type = 'trigger' ORDER BY name")
	must(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		must(t, rows.Scan(&n))
		out = append(out, n)
	}
	must(t, rows.Err())
	return out
}

// droppedTriggers is what migration 24 drops: the stored triggers.
func droppedTriggers(t *testing.T) []string {
	t.Helper()
	body, err := fs.ReadFile(migrationFiles, "0024_temp_triggers.sql")
	must(t, err)
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^DROP TRIGGER IF EXISTS (\w+);`).FindAllStringSubmatch(string(body), -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return out
}

// A migrated workspace stores no trigger, so a reader parses none; the
// writer has every trigger migration 24 dropped, as a temp trigger, and the
// readers have none.
func TestTriggersLiveOnTheWriterOnly(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if got := triggerNames(t, s.r, "main"); len(got) != 0 {
		t.Errorf("the stored schema has triggers %v, want none", got)
	}
	want := droppedTriggers(t)
	if len(want) != tempTriggerCount || len(want) < 30 {
		t.Fatalf("migration 24 drops %d triggers, triggers.sql makes %d", len(want), tempTriggerCount)
	}
	if got := triggerNames(t, s.w, "temp"); !slices.Equal(got, want) {
		t.Errorf("the writer's temp triggers = %v, want %v", got, want)
	}
	// Every reader connection at once: none has any.
	var conns []*sql.Conn
	for range readers {
		c, err := s.r.Conn(ctx)
		must(t, err)
		conns = append(conns, c)
	}
	for i, c := range conns {
		if got := triggerNames(t, c, "temp"); len(got) != 0 {
			t.Errorf("reader %d has temp triggers %v", i, got)
		}
		must(t, c.Close())
	}

	// A write through the store moves the counts and the index.
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, mail("m1", 1, "Lanterns for the winter fair"))
	assertUnread(t, s, map[int64]int{acct: 1})
	assertKept(t, s)
	it, err := s.ItemByRemoteID(ctx, acct, "m1")
	must(t, err)
	must(t, s.SetSeen(ctx, it.ID, true))
	assertUnread(t, s, map[int64]int{acct: 0})
	if hits, err := s.Search(ctx, "lanterns", core.ItemFilter{}); err != nil || len(hits) != 1 {
		t.Errorf("search after the write: %d hits, %v; want the item", len(hits), err)
	}
	must(t, s.DeleteAccount(ctx, acct))
	assertKept(t, s)
	var left int
	must(t, s.r.QueryRow("SELECT count(*) FROM items_fts").Scan(&left))
	if left != 0 {
		t.Errorf("%d index rows left after the account and its items went", left)
	}
}

// A read-only store's reader has no trigger; its writer, which connects on
// the first write, has them all and keeps the counts.
func TestReadOnlyStoreWriterGetsTheTriggers(t *testing.T) {
	t.Parallel()
	path := filledWorkspace(t)
	ctx := context.Background()
	s, err := Open(ctx, path, ReadOnly())
	must(t, err)
	defer s.Close()
	if got := triggerNames(t, s.r, "temp"); len(got) != 0 {
		t.Errorf("the read-only store's reader has temp triggers %v", got)
	}
	if s.wrote.Load() {
		t.Fatal("the writer connected before anything wrote")
	}
	acct := newAccount(t, s, "later")
	apply(t, s, acct, mail("late", 5, "Written by a read-only store"))
	if got := triggerNames(t, s.w, "temp"); len(got) != tempTriggerCount {
		t.Errorf("the lazy writer has %d temp triggers, want %d", len(got), tempTriggerCount)
	}
	assertUnread(t, s, bruteUnread(t, s))
	assertKept(t, s)
}

// The writer connects (the GUI opening while a CLI command writes) without
// the write lock: making temp triggers writes only the connection's temp
// schema.
func TestWriterConnectsWhileAnotherHoldsTheWriteLock(t *testing.T) {
	t.Parallel()
	path := filledWorkspace(t)
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	must(t, err)
	defer other.Close()
	conn, err := other.Conn(context.Background())
	must(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(context.Background(), "BEGIN IMMEDIATE")
	must(t, err)
	defer conn.ExecContext(context.Background(), "ROLLBACK") //nolint:errcheck // the test's own lock

	start := time.Now()
	s, err := openPools(path, false)
	must(t, err)
	defer s.closePools()
	if got := triggerNames(t, s.w, "temp"); len(got) != tempTriggerCount {
		t.Errorf("the writer has %d temp triggers, want %d", len(got), tempTriggerCount)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("connecting the writer took %v: it waited for the write lock", d)
	}
}

// A workspace written at version 23, when the triggers were stored, keeps
// its counts, stats and indexes right through migration 24 and the writes
// after it.
func TestWorkspaceFromVersion23KeepsItsCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hearth.db")
	old := openAtVersion(t, path, tempTriggersFrom-1)
	if got := triggerNames(t, old.r, "main"); !slices.Equal(got, droppedTriggers(t)) {
		t.Fatalf("version 23 stores triggers %v, want %v", got, droppedTriggers(t))
	}
	if got := triggerNames(t, old.w, "temp"); len(got) != 0 {
		t.Fatalf("a version 23 writer has temp triggers %v: they would fire twice", got)
	}
	a, b := newAccount(t, old, "a"), newAccount(t, old, "b")
	apply(t, old, a, mixedItems("a", 0)...)
	apply(t, old, b, mixedItems("b", 100)...)
	if n := checkViewCounts(t, old); n < 4 {
		t.Fatalf("only %d kinds and states: the test proves little", n)
	}
	assertKept(t, old)
	before, err := old.Search(ctx, "harvest", core.ItemFilter{})
	must(t, err)
	must(t, old.Close())

	s, err := Open(ctx, path)
	must(t, err)
	defer s.Close()
	if got := triggerNames(t, s.r, "main"); len(got) != 0 {
		t.Errorf("after migrating, the stored schema has triggers %v", got)
	}
	assertKept(t, s)
	if hits, err := s.Search(ctx, "harvest", core.ItemFilter{}); err != nil || len(hits) == 0 ||
		!slices.Equal(remoteIDs(hits), remoteIDs(before)) {
		t.Errorf("search after migrating = %v, %v; before %v", remoteIDs(hits), err, remoteIDs(before))
	}
	mark, err := s.StatsMark(ctx)
	must(t, err)

	// Writes after the migration: new items and replies, flags, states,
	// remote deletions, an account gone with its items.
	apply(t, s, a, mixedItems("a2", 200)...)
	it, err := s.ItemByRemoteID(ctx, a, "a-in-0")
	must(t, err)
	must(t, s.SetSeen(ctx, it.ID, true))
	it, err = s.ItemByRemoteID(ctx, a, "a-in-1")
	must(t, err)
	must(t, s.SetState(ctx, it.ID, core.StateSpam, time.Time{}))
	_, err = s.ApplyBatch(ctx, a, core.Batch{Removed: map[string]bool{"a-in-2": true}})
	must(t, err)
	must(t, s.DeleteAccount(ctx, b))
	assertUnread(t, s, bruteUnread(t, s))
	assertKept(t, s)
	if after, err := s.StatsMark(ctx); err != nil || after <= mark {
		t.Errorf("stats mark %d after the writes, %d before (%v): the dashboard would not see them", after, mark, err)
	}
	hits, err := s.Search(ctx, "harvest", core.ItemFilter{})
	must(t, err)
	if ids := remoteIDs(hits); !slices.Contains(ids, "a2-in-0") || !slices.Contains(ids, "a-in-0") || slices.Contains(ids, "b-in-0") {
		t.Errorf("search after the writes = %v; want a's old and new items, none of b's", ids)
	}
}

// mixedItems is mail of several states and kinds: incoming, a reply, spam.
func mixedItems(prefix string, n int) []core.Item {
	var out []core.Item
	states := []core.State{core.StateNew, core.StateOpen, core.StateNew, core.StateDone, core.StateHidden}
	for i, st := range states {
		it := mail(fmt.Sprintf("%s-in-%d", prefix, i), n+i*30, "Harvest "+prefix)
		if i%2 == 1 {
			it.Subject = fmt.Sprintf("Other %s %d", prefix, i)
		}
		if i == 4 {
			it.Kind = core.ItemXMention
		}
		it.State, it.Seen = st, i == 2
		out = append(out, it)
	}
	r := reply(mail(prefix+"-out", n+100, "Re: Harvest "+prefix), prefix+"-in-0")
	r.Outgoing, r.State, r.Seen = true, core.StateDone, true
	sp := mail(prefix+"-spam", n+110, "Win "+prefix)
	sp.State = core.StateSpam
	return append(out, r, sp)
}

// assertKept compares what the triggers keep with a count of the items:
// the view counts, the hourly stats, the full-text index's rows, and the
// full check (which checks the members' index against the members).
func assertKept(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	checkViewCounts(t, s)
	hours := func(q string) map[[2]int64][2]int64 {
		rows, err := s.r.QueryContext(ctx, q)
		must(t, err)
		defer rows.Close()
		m := map[[2]int64][2]int64{}
		for rows.Next() {
			var k, v [2]int64
			must(t, rows.Scan(&k[0], &k[1], &v[0], &v[1]))
			m[k] = v
		}
		must(t, rows.Err())
		return m
	}
	got := hours("SELECT account_id, hour, inbound, outgoing FROM stats_hours WHERE inbound <> 0 OR outgoing <> 0")
	want := hours(`SELECT account_id, created_at / 3600000, sum(outgoing = 0 AND kind <> 'feed_item' AND state <> 'spam'),
		sum(outgoing = 1) FROM items GROUP BY 1, 2
		HAVING sum(outgoing = 0 AND kind <> 'feed_item' AND state <> 'spam') <> 0 OR sum(outgoing = 1) <> 0`)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("stats_hours = %v, counting the items %v", got, want)
	}
	var stale, missing int
	must(t, s.r.QueryRowContext(ctx, "SELECT count(*) FROM items_fts WHERE rowid NOT IN (SELECT fts_key FROM items)").Scan(&stale))
	must(t, s.r.QueryRowContext(ctx, "SELECT count(*) FROM items WHERE fts_key NOT IN (SELECT rowid FROM items_fts)").Scan(&missing))
	if stale != 0 || missing != 0 {
		t.Errorf("full-text index: %d rows of no item, %d items without a row", stale, missing)
	}
	rep, err := Check(ctx, s.path)
	must(t, err)
	if !rep.OK() {
		t.Errorf("Check: %v", rep.Problems)
	}
}
