package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func TestUnreadCounts(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	a, b, empty := newAccount(t, s, "a"), newAccount(t, s, "b"), newAccount(t, s, "empty")
	item := func(id string, st core.State, seen bool) core.Item {
		it := mail(id, 0, "")
		it.State, it.Seen = st, seen
		if st == core.StateSnoozed {
			it.SnoozeUntil = base.Add(time.Hour)
		}
		return it
	}
	apply(t, s, a,
		item("new", core.StateNew, false), item("open", core.StateOpen, false),
		item("snoozed", core.StateSnoozed, false), item("read", core.StateNew, true),
		item("done", core.StateDone, false), item("spam", core.StateSpam, false), item("hidden", core.StateHidden, false))
	apply(t, s, b, item("x", core.StateNew, false))

	want := map[int64]int{a: 3, b: 1, empty: 0}
	assertUnread(t, s, want)

	it, _ := s.ItemByRemoteID(ctx, a, "new")
	must(t, s.SetSeen(ctx, it.ID, true))
	want[a] = 2
	assertUnread(t, s, want)

	it, _ = s.ItemByRemoteID(ctx, a, "open")
	must(t, s.SetState(ctx, it.ID, core.StateDone, time.Time{}))
	want[a] = 1
	assertUnread(t, s, want)

	_, err := s.ApplyBatch(ctx, b, core.Batch{Flags: []core.FlagUpdate{{RemoteID: "x", Seen: true}}})
	must(t, err)
	want[b] = 0
	assertUnread(t, s, want)
}

func assertUnread(t *testing.T, s *Store, want map[int64]int) {
	t.Helper()
	got, err := s.UnreadCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("UnreadCounts = %v, want %v", got, want)
	}
	for id, n := range want {
		if got[id] != n {
			t.Errorf("UnreadCounts = %v, want %v", got, want)
			return
		}
	}
}

// The counters kept by triggers must always agree with counting the items,
// whatever mix of inserts, re-syncs, flag and state changes, remote
// deletions and restores, and deletions. A deleted item is never unread.
func TestCountsAgreeWithItems(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	accts := []int64{newAccount(t, s, "a"), newAccount(t, s, "b"), newAccount(t, s, "c")}
	for step := range 300 {
		acct := accts[rng.IntN(len(accts))]
		remote := fmt.Sprint("m", rng.IntN(60))
		if step == 150 { // an account goes, with its items, and another comes
			must(t, s.DeleteAccount(ctx, accts[0]))
			accts[0] = newAccount(t, s, "replacement")
			continue
		}
		switch rng.IntN(5) {
		case 0, 1:
			it := mail(remote, step, "")
			it.Seen, it.State = rng.IntN(2) == 0, core.States[rng.IntN(len(core.States))]
			it.Deleted = rng.IntN(8) == 0
			if rng.IntN(3) == 0 { // the view counts are per kind too
				it.Kind = core.ItemXMention
			}
			_, err := s.ApplyBatch(ctx, acct, core.Batch{Items: []core.Item{it}})
			must(t, err)
		case 2:
			_, err := s.ApplyBatch(ctx, acct, core.Batch{Flags: []core.FlagUpdate{{RemoteID: remote, Seen: rng.IntN(2) == 0}}})
			must(t, err)
		case 3:
			if it, err := s.ItemByRemoteID(ctx, acct, remote); err == nil {
				must(t, s.SetState(ctx, it.ID, core.States[rng.IntN(len(core.States))], base.Add(time.Hour)))
			}
		case 4:
			_, err := s.ApplyBatch(ctx, acct, core.Batch{Removed: map[string]bool{remote: rng.IntN(2) == 0}})
			must(t, err)
		}
	}
	assertUnread(t, s, bruteUnread(t, s))
	assertViewCounts(t, s)
	for _, acct := range append(accts, 0) {
		got, err := s.StateCounts(ctx, acct)
		must(t, err)
		want := bruteStates(t, s, acct)
		for _, st := range core.States {
			if got[st] != want[st] {
				t.Errorf("account %d: StateCounts = %v, want %v", acct, got, want)
				break
			}
		}
	}
}

// assertViewCounts compares the kept view counts with a count of the
// conversations' faces.
func assertViewCounts(t *testing.T, s *Store) {
	t.Helper()
	if n := checkViewCounts(t, s); n < 4 {
		t.Errorf("only %d kinds and states: the test proves little", n)
	}
}

// checkViewCounts is assertViewCounts on a workspace of any size: it
// returns how many kinds and states it compared.
func checkViewCounts(t *testing.T, s *Store) int {
	t.Helper()
	got, err := s.ViewCounts(context.Background())
	must(t, err)
	var want []core.ViewCount
	err = s.scanRows(context.Background(), func(r *sql.Rows) error {
		var c core.ViewCount
		want = append(want, c)
		return r.Scan(&want[len(want)-1].AccountID, &want[len(want)-1].Kind, &want[len(want)-1].State,
			&want[len(want)-1].Total, &want[len(want)-1].Unseen)
	}, `SELECT account_id, kind, state, count(*), sum(seen = 0 AND deleted = 0) FROM items WHERE face = 1
		GROUP BY account_id, kind, state`)
	must(t, err)
	key := func(c core.ViewCount) string { return fmt.Sprint(c.AccountID, c.Kind, c.State) }
	slices.SortFunc(got, func(a, b core.ViewCount) int { return strings.Compare(key(a), key(b)) })
	slices.SortFunc(want, func(a, b core.ViewCount) int { return strings.Compare(key(a), key(b)) })
	if !slices.Equal(got, want) {
		t.Errorf("ViewCounts =\n%v\nwant\n%v", got, want)
	}
	return len(want)
}

func bruteUnread(t *testing.T, s *Store) map[int64]int {
	rows, err := s.r.Query(`SELECT a.id, count(i.id) FROM accounts a LEFT JOIN items i ON i.account_id = a.id
		AND i.seen = 0 AND i.deleted = 0 AND i.state IN ('new', 'open', 'snoozed') GROUP BY a.id`)
	must(t, err)
	m, err := scanCounts[int64](rows)
	must(t, err)
	return m
}

func bruteStates(t *testing.T, s *Store, acct int64) map[core.State]int {
	rows, err := s.r.Query("SELECT state, count(*) FROM items WHERE ?1 = 0 OR account_id = ?1 GROUP BY state", acct)
	must(t, err)
	m, err := scanCounts[core.State](rows)
	must(t, err)
	return m
}

func TestStateCountsHasEveryState(t *testing.T) {
	s := newStore(t)
	counts, err := s.StateCounts(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range core.States {
		if n, ok := counts[st]; !ok || n != 0 {
			t.Errorf("empty store: %s = %d, %v; want 0, present", st, n, ok)
		}
	}
}
