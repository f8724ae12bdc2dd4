package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// conversation is a 5-message thread: a root, two replies to it, a reply to
// the first reply and a reply to that one. Refs are root first, as an
// e-mail's References header.
func conversation() []core.Item {
	return []core.Item{
		mail("root", 0, "Meetup in Lyon"),
		reply(mail("r1", 10, "Re: Meetup in Lyon"), "root"),
		reply(mail("r2", 20, "RE: Meetup in Lyon"), "root"),
		reply(mail("r1a", 30, "Re: Re: Meetup in Lyon"), "root", "r1"),
		reply(mail("r1b", 40, "AW: Re: Meetup in Lyon"), "root", "r1", "r1a"),
	}
}

// permutations calls f with every order of n indexes.
func permutations(n int, f func([]int)) {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	var gen func(k int)
	gen = func(k int) {
		if k == n {
			f(append([]int(nil), p...))
			return
		}
		for i := k; i < n; i++ {
			p[k], p[i] = p[i], p[k]
			gen(k + 1)
			p[k], p[i] = p[i], p[k]
		}
	}
	gen(0)
}

// Every delivery order of a thread, one message per sync batch, ends in one
// thread named after the root, with the newest message's time. The orders
// are split by their first message over workspaces tested in parallel.
func TestThreadingInAnyOrder(t *testing.T) {
	t.Parallel()
	msgs := conversation()
	for first := range msgs {
		t.Run(msgs[first].RemoteID+" first", func(t *testing.T) {
			n := threadInOrders(t, newStore(t), msgs, first)
			if n != 24 {
				t.Fatalf("ran %d orders, want the 24 of 120 that start with %s", n, msgs[first].RemoteID)
			}
		})
	}
}

// threadInOrders checks the delivery orders that start with msgs[first]
// and returns how many it checked.
func threadInOrders(t *testing.T, s *Store, msgs []core.Item, first int) int {
	ctx := context.Background()
	n := 0
	permutations(len(msgs), func(order []int) {
		if order[0] != first {
			return
		}
		n++
		acct := newAccount(t, s, fmt.Sprint("order ", order))
		for _, i := range order {
			apply(t, s, acct, msgs[i])
		}
		threads := threadsOf(t, s, acct)
		if len(threads) != 1 {
			t.Errorf("order %v: %d threads, want 1", order, len(threads))
			return
		}
		th, err := s.Thread(ctx, threads[0])
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, it := range th.Items {
			ids = append(ids, it.RemoteID)
		}
		if th.Subject != "Meetup in Lyon" || !equal(ids, []string{"root", "r1", "r2", "r1a", "r1b"}) {
			t.Errorf("order %v: thread %q with %v", order, th.Subject, ids)
		}
		var last int64
		if err := s.r.QueryRow("SELECT last_at FROM threads WHERE id = ?", th.ID).Scan(&last); err != nil || last != ms(msgs[4].CreatedAt) {
			t.Errorf("order %v: last_at = %d, %v; want the newest item's time", order, last, err)
		}
	})
	return n
}

// A batch holding the whole scrambled thread threads it too.
func TestThreadingInOneBatch(t *testing.T) {
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	m := conversation()
	apply(t, s, acct, m[4], m[1], m[3], m[0], m[2])
	if threads := threadsOf(t, s, acct); len(threads) != 1 {
		t.Errorf("%d threads, want 1", len(threads))
	}
}

// Two replies with broken reference chains start two threads; their parent
// arriving later proves they are one conversation and merges them.
func TestLateParentMergesThreads(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, reply(mail("a", 10, "Re: Tickets"), "p"))
	apply(t, s, acct, reply(mail("b", 20, "Re: Tickets"), "q"))
	if n := len(threadsOf(t, s, acct)); n != 2 {
		t.Fatalf("%d threads before the parent, want 2", n)
	}
	apply(t, s, acct, reply(mail("q", 5, "Tickets"), "p"))
	threads := threadsOf(t, s, acct)
	if len(threads) != 1 {
		t.Fatalf("%d threads after the parent, want 1", len(threads))
	}
	th, err := s.Thread(ctx, threads[0])
	if err != nil || len(th.Items) != 3 || th.Subject != "Tickets" {
		t.Errorf("merged thread %q with %d items (%v)", th.Subject, len(th.Items), err)
	}
	var orphans int
	s.r.QueryRow("SELECT count(*) FROM threads t WHERE NOT EXISTS (SELECT 1 FROM items WHERE thread_id = t.id)").Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d empty threads left after merging", orphans)
	}
}

// Threads are per account: the same Message-Id in two mailboxes does not
// join their conversations.
func TestThreadsArePerAccount(t *testing.T) {
	s := newStore(t)
	a, b := newAccount(t, s, "a"), newAccount(t, s, "b")
	apply(t, s, a, mail("root", 0, "Hi"))
	apply(t, s, b, reply(mail("r", 1, "Re: Hi"), "root"))
	ta, tb := threadsOf(t, s, a), threadsOf(t, s, b)
	if len(ta) != 1 || len(tb) != 1 || ta[0] == tb[0] {
		t.Errorf("threads a=%v b=%v, want one each, distinct", ta, tb)
	}
}

func TestInsertOutgoingJoinsThread(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	res := apply(t, s, acct, mail("root", 0, "Question"))
	out := core.Item{
		AccountID: acct, Kind: core.ItemEmail, RemoteID: "<sent-1@hearth>", ThreadRefs: []string{"root"},
		Subject: "Re: Question", Author: core.Person{Name: "You"}, Text: "Answer", CreatedAt: base.Add(time.Hour),
		State: core.StateDone, Seen: true,
	}
	id, err := s.InsertOutgoing(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.InsertOutgoing(ctx, out)
	if err != nil || again != id {
		t.Errorf("second InsertOutgoing = %d, %v; want the same item %d", again, err, id)
	}
	got, _ := s.Item(ctx, id)
	root, _ := s.Item(ctx, res.NewIDs[0])
	if !got.Outgoing || got.ThreadID != root.ThreadID || got.State != core.StateDone {
		t.Errorf("outgoing item: outgoing=%v thread %d (root's %d) state %s", got.Outgoing, got.ThreadID, root.ThreadID, got.State)
	}
	if _, err := s.InsertOutgoing(ctx, core.Item{AccountID: acct, Kind: core.ItemEmail}); err == nil {
		t.Error("an outgoing item without a remote id was stored")
	}
}

func TestStripSubject(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Meetup", "Meetup"},
		{"Re: Meetup", "Meetup"},
		{"RE: Fwd: re: Meetup", "Meetup"},
		{"AW: WG: Treffen", "Treffen"},
		{"Re[2]: Meetup", "Meetup"},
		{"TR : Réunion", "Réunion"},
		{"Отв: Встреча", "Встреча"},
		{"  Fw:Trip  ", "Trip"},
		{"Reunion: photos", "Reunion: photos"},
		{"Trip: Lyon", "Trip: Lyon"},
		{"Re:", ""},
	}
	for _, tt := range tests {
		if got := stripSubject(tt.in); got != tt.want {
			t.Errorf("stripSubject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func threadsOf(t *testing.T, s *Store, accountID int64) []int64 {
	t.Helper()
	rows, err := s.r.Query("SELECT DISTINCT thread_id FROM items WHERE account_id = ? ORDER BY 1", accountID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		must(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	return ids
}

// A merge and a re-sync of a merged item in the same batch leave every item
// in one live thread with a summary.
func TestMergeAndUpdateInOneBatch(t *testing.T) {
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, reply(mail("a", 10, "Re: Tickets"), "p"))
	apply(t, s, acct, reply(mail("b", 20, "Re: Tickets"), "q"))
	apply(t, s, acct, reply(mail("q", 5, "Tickets"), "p"), reply(mail("b", 20, "Re: Tickets (edited)"), "q"))
	threads := threadsOf(t, s, acct)
	if len(threads) != 1 {
		t.Fatalf("%d threads, want 1", len(threads))
	}
	var subject string
	var last int64
	must(t, s.r.QueryRow("SELECT subject, last_at FROM threads WHERE id = ?", threads[0]).Scan(&subject, &last))
	if subject != "Tickets" || last != ms(base.Add(20*time.Minute)) {
		t.Errorf("thread summary %q, %d", subject, last)
	}
}
