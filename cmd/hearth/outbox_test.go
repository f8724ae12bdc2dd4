package main

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/demo"
)

// mailWorkspace is a workspace with the demo mail account, synced once.
func mailWorkspace(t *testing.T) (dir string, p *demo.Peers) {
	t.Helper()
	p = startPeers(t, 0)
	dir = t.TempDir()
	args, pw := addArgs(dir, p)
	if code, out, errs := cli(t, pw, args...); code != 0 {
		t.Fatalf("account add: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync: exit %d\n%s%s", code, out, errs)
	}
	return dir, p
}

func workspaceStore(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(dir, "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// replyTargets are n messages of the workspace one can reply to.
func replyTargets(t *testing.T, st *store.Store, n int) []core.Item {
	t.Helper()
	page, err := st.Items(context.Background(), core.ItemFilter{States: core.States, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var out []core.Item
	for _, it := range page {
		if it.Kind == core.ItemEmail && !it.Outgoing && it.Author.Address != "" && len(out) < n {
			out = append(out, it)
		}
	}
	if len(out) < n {
		t.Fatalf("%d messages to reply to, want %d", len(out), n)
	}
	return out
}

// exitedPID is the pid of a process of this machine that has exited.
func exitedPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// `hearth sync --once` fails when an entry failed for good during the run,
// or was left unconfirmed, and names each; a reply that may have been
// delivered is called unconfirmed with the time it was tried, never failed.
func TestSyncOnceFailsWhenAnEntryNeedsAPerson(t *testing.T) {
	dir, _ := mailWorkspace(t)
	st := workspaceStore(t, dir)
	ctx := context.Background()
	targets := replyTargets(t, st, 2)
	broken, err := st.Enqueue(ctx, core.OutboxEntry{AccountID: targets[0].AccountID, ItemID: targets[0].ID,
		Op: core.OpReply, Payload: []byte("not json"), IdemKey: "<broken@hearth.invalid>"})
	if err != nil {
		t.Fatal(err)
	}
	// A process claimed this one and was killed before the reply reached
	// Sent: whether it was delivered is unknown.
	lost, err := st.Enqueue(ctx, core.OutboxEntry{AccountID: targets[1].AccountID, ItemID: targets[1].ID,
		Op: core.OpReply, Payload: []byte(`{"text":"Yes!"}`), IdemKey: "<lost@hearth.invalid>"})
	if err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	tried := time.Now()
	if _, err := st.ClaimOutbox(ctx, lost, tried, core.OutboxOwner{Host: host, PID: exitedPID(t), Token: "killed"}); err != nil {
		t.Fatal(err)
	}

	code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once")
	if code != 1 {
		t.Fatalf("sync --once: exit %d, want 1\n%s%s", code, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	last := lines[len(lines)-1] // the log may warn before
	wantFailed := "reply " + strconv.FormatInt(broken, 10) + " to item " + strconv.FormatInt(targets[0].ID, 10) + " failed"
	wantUnknown := "reply " + strconv.FormatInt(lost, 10) + " to item " + strconv.FormatInt(targets[1].ID, 10) +
		" unconfirmed (may have been delivered at " + tried.Local().Format("15:04") + ")"
	if !strings.HasPrefix(last, "hearth: outbox: ") || !strings.Contains(last, wantFailed) || !strings.Contains(last, wantUnknown) {
		t.Errorf("stderr ends with %q, want it to name %q and %q", last, wantFailed, wantUnknown)
	}
	if !strings.Contains(out, "outbox: "+wantFailed+": bad reply payload") {
		t.Errorf("stdout does not say why the broken reply failed:\n%s", out)
	}
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Errorf("a second sync --once: exit %d, want 0: nothing failed in that run\n%s%s", code, out, errs)
	}
}

// TestOutboxSurvivesKills kills `hearth sync --once` with SIGKILL while it
// sends replies, 10 times: right after the SMTP server took a message
// (before the copy is filed in Sent and the entry recorded) or at a random
// moment. Then one more run settles what is left. No reply is delivered
// twice; none that was delivered is called failed; every reply called sent
// was delivered and is in its thread.
func TestOutboxSurvivesKills(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	const rounds, perRound = 10, 3
	dir, p := mailWorkspace(t)
	st := workspaceStore(t, dir)
	targets := replyTargets(t, st, rounds*perRound)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 12))
	t.Logf("seed %d", seed)

	killed := 0
	for round := range rounds {
		for _, it := range targets[round*perRound : (round+1)*perRound] {
			text := "Thanks for writing, see you on Friday (" + strconv.FormatInt(it.ID, 10) + ")."
			if code, out, errs := cli(t, text, "--data", dir, "--secrets", "file", "reply", strconv.FormatInt(it.ID, 10), "--text-stdin"); code != 0 {
				t.Fatalf("reply: exit %d\n%s%s", code, out, errs)
			}
		}
		before := len(p.Sent())
		cmd := exec.Command(os.Args[0], "--data", dir, "--secrets", "file", "sync", "--once")
		cmd.Env = append(os.Environ(), "HEARTH_TEST_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() {
			cmd.Wait()
			close(exited)
		}()
		deadline := time.Now().Add(time.Duration(rng.IntN(1500)) * time.Millisecond)
	wait:
		for {
			select {
			case <-exited:
				break wait
			default:
			}
			if round%2 == 0 && len(p.Sent()) > before || round%2 == 1 && time.Now().After(deadline) {
				break
			}
			time.Sleep(time.Millisecond) // polling the peer: there is no event to wait on
		}
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killed++
		}
	}
	code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once")
	if code != 0 && !regexp.MustCompile(`hearth: outbox: .*unconfirmed \(may have been delivered at`).MatchString(errs) {
		t.Fatalf("the settling sync --once: exit %d\n%s%s", code, out, errs)
	}

	delivered := map[string]int{}
	for _, m := range p.Sent() {
		delivered[m.MessageID]++
	}
	entries, err := st.Outbox(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[core.OutboxState]int{}
	unknownDelivered := 0
	for _, e := range entries {
		if e.Op != core.OpReply {
			continue
		}
		counts[e.State]++
		n := delivered[strings.Trim(e.IdemKey, "<>")]
		if n > 1 {
			t.Errorf("reply %d delivered %d times", e.ID, n)
		}
		switch e.State {
		case core.OutboxSent:
			if n != 1 {
				t.Errorf("reply %d is sent but was delivered %d times", e.ID, n)
			}
			if _, err := st.ItemByRemoteID(context.Background(), e.AccountID, e.RemoteID); err != nil {
				t.Errorf("reply %d is sent but not in its thread: %v", e.ID, err)
			}
		case core.OutboxUnconfirmed:
			if !e.NeedsPerson() {
				t.Errorf("reply %d is still being checked after the settling run: %+v", e.ID, e)
			}
			if n > 0 {
				unknownDelivered++
			}
		default:
			t.Errorf("reply %d ended %s (%s), want sent or unconfirmed; delivered %d times", e.ID, e.State, e.LastError, n)
		}
	}
	if got := counts[core.OutboxSent] + counts[core.OutboxUnconfirmed]; got != rounds*perRound {
		t.Errorf("%d replies settled, want %d: %v", got, rounds*perRound, counts)
	}
	t.Logf("%d of %d runs killed; replies: %v; %d delivered; %d unconfirmed ones were delivered (killed between SMTP and Sent)",
		killed, rounds, counts, len(delivered), unknownDelivered)
}
