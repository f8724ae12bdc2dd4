package imap

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
)

// dovecotSyncChild, set to a workspace path, makes TestDovecotSyncSurvivesKills
// the syncing process that its parent kills.
const dovecotSyncChild = "HEARTH_TEST_DOVECOT_SYNC_CHILD"

// TestDovecotSyncSurvivesKills kills a sync from a real Dovecot with SIGKILL
// 10 times, at random moments (a seeded RNG, the seed in the log), with mail
// arriving between the runs; the mailbox holds messages of a mailer that
// reuses one Message-Id for different content and an identical copy in a
// second folder. Every restart opens the workspace left by a kill (the
// store's quick_check); after the kills the full checks pass, and after a
// last run every message of the mailbox is in the workspace exactly once.
func TestDovecotSyncSurvivesKills(t *testing.T) {
	if path := os.Getenv(dovecotSyncChild); path != "" {
		syncOnceChild(t, path)
		return
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	d := startDovecot(t)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HEARTH_FAULT_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	t.Logf("seed %d (HEARTH_FAULT_SEED=%d reproduces the kill delays)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	box := &faultMailbox{d: d, rng: rng, want: map[string]int{}}

	// What a first sync finds: 60 messages, one in ten from a mailer that
	// reuses its Message-Id, and one message copied into the archive. Small:
	// under the race detector the store writes ~100 messages a second.
	box.add(t, 60)
	box.copyToArchive(t)

	path := coretest.NewDB(t) // a migrated workspace's copy: no migration per test
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	acct, err := st.CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "mail",
		Settings: d.settings("127.0.0.1:1", func(s *core.IMAPSettings) { s.Folders = []string{"INBOX", "Archived Mail"} })})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	const rounds = 10
	killed := 0
	for round := range rounds {
		if round > 0 {
			box.add(t, 12) // mail arrives between the runs
		}
		// Even rounds: a random moment of the pass, from connecting to the
		// last commit. Odd rounds: a random moment soon after a batch landed
		// (another may be under way, or the cursor of the next folder).
		delay := time.Duration(rng.IntN(800)) * time.Millisecond
		afterCommit := round%2 == 1
		if afterCommit {
			delay = time.Duration(rng.IntN(60)) * time.Millisecond
		}
		child := startSyncChild(t, path)
		if afterCommit {
			select {
			case <-child.commits:
			case <-child.exited:
			}
		}
		time.Sleep(delay) // the random moment itself: nothing to wait for
		if child.kill(t) {
			killed++
		}
		what := "after the pass began"
		if afterCommit {
			what = "after a commit"
		}
		t.Logf("round %d: %v %s: killed %v, after %d commits", round, delay, what, child.killed, child.landed.Load())
	}
	// Each run opened the workspace after a kill, which runs quick_check
	// and refuses a damaged database (the child would not have started);
	// the full checks, FTS included, run here.
	if rep, err := store.Check(ctx, path); err != nil || !rep.OK() {
		t.Fatalf("after the kills the workspace fails its checks: %v %v", rep.Problems, err)
	}
	final := startSyncChild(t, path)
	if err := final.wait(); err != nil {
		t.Fatalf("the sync after the kills: %v\n%s", err, final.stderr())
	}
	t.Logf("%d of %d runs were killed mid-sync; the mailbox holds %d messages (%d distinct)", killed, rounds, box.total, len(box.want))

	if rep, err := store.Check(ctx, path); err != nil || !rep.OK() {
		t.Fatalf("the workspace fails its checks: %v %v", rep.Problems, err)
	}
	st, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := &fakeSession{st: st, acct: acct, cursors: map[string][]byte{}}
	got := map[string]int{}
	for id, it := range s.all(t) {
		if it.Deleted {
			t.Errorf("%s (%q) is marked deleted; nothing was expunged", id, it.Subject)
		}
		got[core.SharedID(id)+" "+it.Subject]++
	}
	for key := range box.want {
		if got[key] != 1 {
			t.Errorf("message %q is in the workspace %d times, want once", key, got[key])
		}
	}
	for key, n := range got {
		if box.want[key] == 0 {
			t.Errorf("the workspace holds %d of %q, which the mailbox does not", n, key)
		}
	}
	s.checkClean(t)
}

// syncOnceChild is the child process: one engine pass over the workspace's
// accounts, as `hearth sync --once` runs it.
func syncOnceChild(t *testing.T, path string) {
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	eng := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{&driver{}}, Secrets: secrets(testPass)})
	events, stop := eng.Subscribe()
	defer stop()
	go func() { // tell the parent each time a batch landed
		for ev := range events {
			if ev.Kind == core.EventItems {
				os.Stdout.WriteString("commit\n")
			}
		}
	}()
	fmt.Println("syncing")
	if err := eng.SyncOnce(ctx, 0); err != nil {
		t.Fatal(err)
	}
}

// syncChild is a running child of TestDovecotSyncSurvivesKills.
type syncChild struct {
	cmd     *exec.Cmd
	errb    strings.Builder
	commits chan struct{} // a batch landed
	landed  atomic.Int32  // how many
	exited  chan struct{} // closed once the child is gone
	err     error         // how it ended, once exited
	killed  bool
}

// startSyncChild starts a child syncing the workspace at path and returns
// once it has opened the workspace and begun the pass.
func startSyncChild(t *testing.T, path string) *syncChild {
	t.Helper()
	c := &syncChild{cmd: exec.Command(os.Args[0], "-test.run=^TestDovecotSyncSurvivesKills$"),
		commits: make(chan struct{}, 100), exited: make(chan struct{})}
	c.cmd.Env = append(os.Environ(), dovecotSyncChild+"="+path)
	c.cmd.Stderr = &c.errb
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewScanner(out)
	if !r.Scan() || r.Text() != "syncing" {
		c.cmd.Process.Kill()
		c.cmd.Wait()
		t.Fatalf("the sync child said %q, want it syncing\n%s", r.Text(), c.errb.String())
	}
	go func() {
		var rest strings.Builder // "PASS", or what failed
		for r.Scan() {
			if r.Text() == "commit" {
				c.landed.Add(1)
				c.commits <- struct{}{}
			} else {
				rest.WriteString(r.Text() + "\n")
			}
		}
		if c.err = c.cmd.Wait(); c.err != nil {
			c.err = fmt.Errorf("%w: %s", c.err, rest.String())
		}
		close(c.exited)
	}()
	return c
}

// kill sends SIGKILL unless the child already finished, and reports whether
// the kill cut it short. A child that finished must have succeeded.
func (c *syncChild) kill(t *testing.T) bool {
	t.Helper()
	c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.exited
	if ws, ok := c.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		c.killed = true
		return true
	}
	if c.err != nil {
		t.Fatalf("the sync child failed: %v\n%s", c.err, c.stderr())
	}
	return false
}

func (c *syncChild) wait() error {
	<-c.exited
	return c.err
}

func (c *syncChild) stderr() string { return c.errb.String() }

// faultMailbox is the Dovecot mailbox of the fault test and what the
// workspace must hold of it: one item per Message-Id and content.
type faultMailbox struct {
	d     *dovecot
	rng   *rand.Rand
	n     int            // messages generated
	total int            // messages in the mailbox, copies included
	want  map[string]int // "<shared id> <subject>" -> 1
	first []byte         // the first message, copied into the archive
}

// add appends n new messages to INBOX in one MULTIAPPEND; one in ten
// carries the Message-Id that the mailer reuses.
func (b *faultMailbox) add(t *testing.T, n int) {
	t.Helper()
	var msgs [][]byte
	now := time.Now().Add(-time.Hour)
	for range n {
		i := b.n
		b.n++
		id := fmt.Sprintf("fault-%d@example.net", i)
		if i%10 == 3 {
			id = "status@mailer.example" // a mailer that reuses its id
		}
		subject := fmt.Sprintf("Fault test %d", i)
		date := now.Add(time.Duration(i) * time.Second)
		raw := message(id, subject, date, paragraph(b.rng, 20+b.rng.IntN(200)))
		msgs = append(msgs, raw)
		b.want[id+" "+subject] = 1
		if b.first == nil {
			b.first = raw
		}
	}
	if err := multiAppend(b.d.addr, "INBOX", msgs); err != nil {
		t.Fatal(err)
	}
	b.total += n
}

// copyToArchive files an identical copy of the first message in the
// archive: the same message, to be shown once.
func (b *faultMailbox) copyToArchive(t *testing.T) {
	t.Helper()
	if err := multiAppend(b.d.addr, "Archived Mail", [][]byte{b.first}); err != nil {
		t.Fatal(err)
	}
	b.total++
}

// multiAppend appends msgs to folder with one MULTIAPPEND command, as
// fillMailbox does: one APPEND each would cost Dovecot ~6 ms apiece.
func multiAppend(addr, folder string, msgs [][]byte) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	r, w := bufio.NewReader(conn), bufio.NewWriter(conn)
	if _, err := r.ReadString('\n'); err != nil { // greeting
		return err
	}
	fmt.Fprintf(w, "L LOGIN %s %s\r\n", testUser, testPass)
	if err := finishCommand(r, w, "L"); err != nil {
		return err
	}
	fmt.Fprintf(w, "A APPEND %q", folder)
	for _, raw := range msgs {
		fmt.Fprintf(w, " {%d+}\r\n", len(raw))
		w.Write(raw)
	}
	w.WriteString("\r\n")
	return finishCommand(r, w, "A")
}
