package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/demo"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// mailWorkspace is a workspace with the demo mail account, synced once.
func mailWorkspace(t *testing.T) (dir string, p *demo.Peers) {
	t.Helper()
	p = startPeers(t, 60) // 30 to reply to in the kill test, and more
	dir = t.TempDir()
	args, pw := addArgs(dir, p)
	channelWorkspace(t, dir, args, pw)
	return dir, p
}

func workspaceStore(t *testing.T, dir string) *store.Store {
	t.Helper()
	fromTemplate(t, dir)
	st, err := store.Open(context.Background(), dbPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// replyTargets are n messages of the workspace one can reply to.
func replyTargets(t *testing.T, st *store.Store, n int) []core.Item {
	t.Helper()
	out := replyable(t, st, core.ItemEmail)
	if len(out) < n {
		t.Fatalf("%d messages to reply to, want %d", len(out), n)
	}
	return out[:n]
}

// replyable are the items of a kind in the workspace one can reply to:
// others' items with an author.
func replyable(t *testing.T, st *store.Store, kind core.ItemKind) []core.Item {
	t.Helper()
	page, err := st.Items(context.Background(), core.ItemFilter{States: core.States, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var out []core.Item
	for _, it := range page {
		if it.Kind == kind && !it.Outgoing && it.Author.Address != "" {
			out = append(out, it)
		}
	}
	if len(out) == 0 {
		t.Fatalf("nothing of kind %s to reply to", kind)
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
	t.Parallel()
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
	t.Parallel()
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir, p := mailWorkspace(t)
	st := workspaceStore(t, dir)
	f := outboxFault{dir: dir, rounds: 10, perRound: 3, took: func() int { return len(p.Sent()) }}
	f.targets = replyTargets(t, st, f.rounds*f.perRound)
	killed, inDoubt := f.run(t)

	delivered := map[string]int{}
	for _, m := range p.Sent() {
		delivered[m.MessageID]++
	}
	counts, unknownDelivered := checkReplies(t, f, st, func(e core.OutboxEntry, _ string) int {
		return delivered[strings.Trim(e.IdemKey, "<>")]
	})
	t.Logf("%d of %d runs killed, %d replies left sending; replies: %v; %d delivered; %d unconfirmed ones were delivered (killed between SMTP and Sent)",
		killed, f.rounds, inDoubt, counts, len(delivered), unknownDelivered)
}

// TestOutboxSurvivesKillsVK is TestOutboxSurvivesKills for replies to VK
// comments (wall.createComment on the loopback VK peer): a kill right after
// VK made a comment leaves its outcome unknown; the next run finds the
// comment by its text instead of posting again (and a resend would carry
// the same guid, which VK makes once).
func TestOutboxSurvivesKillsVK(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("spawns processes")
	}
	vk := startVKPeer(t)
	dir := t.TempDir()
	args, tok := addVKArgs(dir, vk)
	channelWorkspace(t, dir, args, tok)
	_, s, _ := vk.Account()
	community := -int(s.GroupID)
	// ours are the community's comments, by text.
	ours := func() map[string][]vkpeer.Comment {
		m := map[string][]vkpeer.Comment{}
		for _, po := range vk.Server().Posts() {
			for _, c := range vk.Server().Comments(po.ID) {
				if c.FromID == community {
					m[strings.TrimSpace(c.Text)] = append(m[strings.TrimSpace(c.Text)], c)
				}
			}
		}
		return m
	}
	took := func() (n int) {
		for _, cs := range ours() {
			n += len(cs)
		}
		return n
	}
	st := workspaceStore(t, dir)
	f := outboxFault{dir: dir, rounds: 10, perRound: 3, targets: replyable(t, st, core.ItemVKComment), took: took}
	own := took() // the demo community's comments of before
	killed, inDoubt := f.run(t)

	held := ours()
	counts, unknownDelivered := checkReplies(t, f, st, func(e core.OutboxEntry, text string) int {
		cs := held[text]
		if e.State == core.OutboxSent && len(cs) == 1 {
			if want := "comment:" + strconv.Itoa(community) + "_" + strconv.Itoa(cs[0].PostID) + "_" + strconv.Itoa(cs[0].ID); e.RemoteID != want {
				t.Errorf("reply %d is sent as %q, VK made %q", e.ID, e.RemoteID, want)
			}
		}
		return len(cs)
	})
	t.Logf("%d of %d runs killed, %d replies left sending (the next run checks VK); replies: %v; %d comments made by %d calls of wall.createComment; %d unconfirmed ones were made",
		killed, f.rounds, inDoubt, counts, took()-own, vk.Server().Calls("wall.createComment"), unknownDelivered)
}

// TestOutboxSurvivesKillsX is TestOutboxSurvivesKills for replies to X
// mentions (POST /2/tweets on the loopback X peer): a kill right after X
// made the post leaves its outcome unknown; the next run looks for it in
// the account's timeline and never posts it again blindly.
func TestOutboxSurvivesKillsX(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("spawns processes")
	}
	x := startXPeer(t)
	dir := t.TempDir()
	args, keys := addXArgs(dir, x)
	channelWorkspace(t, dir, args, keys)
	_, s, _ := x.Account()
	st := workspaceStore(t, dir)
	f := outboxFault{dir: dir, rounds: 10, perRound: 3, targets: replyable(t, st, core.ItemXMention),
		took: func() int { return len(x.Server().ByAuthor(s.UserID)) }}
	own := f.took() // the demo account's posts of before
	killed, inDoubt := f.run(t)

	byText := map[string][]xpeer.Tweet{}
	for _, tw := range x.Server().ByAuthor(s.UserID) {
		byText[tw.Text] = append(byText[tw.Text], tw)
	}
	counts, unknownDelivered := checkReplies(t, f, st, func(e core.OutboxEntry, text string) int {
		tws := byText[text]
		to, err := st.Item(context.Background(), e.ItemID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tw := range tws {
			if tw.InReplyTo != to.RemoteID {
				t.Errorf("reply %d was posted in reply to %q, want the mention %q", e.ID, tw.InReplyTo, to.RemoteID)
			}
			if e.State == core.OutboxSent && e.RemoteID != tw.ID {
				t.Errorf("reply %d is sent as %q, X made %q", e.ID, e.RemoteID, tw.ID)
			}
		}
		return len(tws)
	})
	posts := 0
	for _, r := range x.Server().Requests() {
		if r == "POST /2/tweets" {
			posts++
		}
	}
	t.Logf("%d of %d runs killed, %d replies left sending (the next run checks the timeline); replies: %v; %d posts made by %d POST /2/tweets; %d unconfirmed ones were posted",
		killed, f.rounds, inDoubt, counts, f.took()-own, posts, unknownDelivered)
}

// channelWorkspace adds an account to the workspace in dir with `account
// add` args (its secret on stdin) and syncs it once.
func channelWorkspace(t *testing.T, dir string, args []string, stdin string) {
	t.Helper()
	if code, out, errs := cli(t, stdin, args...); code != 0 {
		t.Fatalf("account add: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync: exit %d\n%s%s", code, out, errs)
	}
}

// outboxFault is the outbox's kill test on one channel: each of rounds
// rounds queues perRound replies (to targets in turn, each text its own)
// and kills a `hearth sync --once` sending them with SIGKILL: in even
// rounds right after the peer took a reply (took counts what the peer
// holds), in odd ones at a random moment of a seeded RNG whose seed is in
// the log. A last run settles what the kills left.
type outboxFault struct {
	dir              string
	rounds, perRound int
	targets          []core.Item
	took             func() int
}

// replyText is the text of the n-th reply queued: unique, so a peer's
// copies can be counted.
func replyText(it core.Item, n int) string {
	return "Thanks for writing, see you on Friday (" + strconv.FormatInt(it.ID, 10) + "." + strconv.Itoa(n) + ")."
}

// run returns how many runs a kill cut short, and how many replies the
// kills left sending (their outcome unknown: the next run checks the peer).
func (f *outboxFault) run(t *testing.T) (killed, inDoubt int) {
	t.Helper()
	rng := faultRNG(t)
	n := 0
	for round := range f.rounds {
		for range f.perRound {
			it := f.targets[n%len(f.targets)]
			if code, out, errs := cli(t, replyText(it, n), "--data", f.dir, "--secrets", "file", "reply", strconv.FormatInt(it.ID, 10), "--text-stdin"); code != 0 {
				t.Fatalf("reply: exit %d\n%s%s", code, out, errs)
			}
			n++
		}
		before := f.took()
		cmd := exec.Command(os.Args[0], "--data", f.dir, "--secrets", "file", "sync", "--once")
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
			if round%2 == 0 && f.took() > before || round%2 == 1 && time.Now().After(deadline) {
				break
			}
			time.Sleep(time.Millisecond) // polling the peer: there is no event to wait on
		}
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killed++
		}
		inDoubt += pragmaInt(t, f.dir, "SELECT count(*) FROM outbox WHERE state = 'sending'")
	}
	checkWorkspace(t, f.dir, "after the kills")
	code, out, errs := cli(t, "", "--data", f.dir, "--secrets", "file", "sync", "--once")
	if code != 0 && !regexp.MustCompile(`hearth: outbox: .*unconfirmed \(may have been delivered at`).MatchString(errs) {
		t.Fatalf("the settling sync --once: exit %d\n%s%s", code, out, errs)
	}
	return killed, inDoubt
}

// checkReplies checks the replies f queued after the settling run against
// the peer, which holds onPeer(entry, text) copies of each: none more than
// once; each called sent held once and in its thread; each other one
// unconfirmed and waiting for a person, never failed (a held one would
// invite a second send, one not held would be lost without a word); the
// workspace passes its checks. It returns the replies by state and how
// many unconfirmed ones the peer holds.
func checkReplies(t *testing.T, f outboxFault, st *store.Store, onPeer func(e core.OutboxEntry, text string) int) (map[core.OutboxState]int, int) {
	t.Helper()
	ctx := context.Background()
	entries, err := st.Outbox(ctx, 0)
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
		var p engine.ReplyPayload
		if err := json.Unmarshal(e.Payload, &p); err != nil {
			t.Fatalf("reply %d: %v", e.ID, err)
		}
		n := onPeer(e, p.Text)
		if n > 1 {
			t.Errorf("reply %d delivered %d times", e.ID, n)
		}
		switch e.State {
		case core.OutboxSent:
			if n != 1 {
				t.Errorf("reply %d is sent but was delivered %d times", e.ID, n)
			}
			if _, err := st.ItemByRemoteID(ctx, e.AccountID, e.RemoteID); err != nil {
				t.Errorf("reply %d is sent but not in its thread: %v", e.ID, err)
			}
		case core.OutboxUnconfirmed:
			if !e.NeedsPerson() {
				t.Errorf("reply %d is still being checked after the settling run: %+v", e.ID, e)
			}
			if n > 0 {
				unknownDelivered++
			}
		case core.OutboxFailed:
			if n > 0 {
				t.Errorf("reply %d was delivered but is failed (%s): it invites a second send", e.ID, e.LastError)
			} else {
				t.Errorf("reply %d failed (%s), want sent or unconfirmed", e.ID, e.LastError)
			}
		default:
			t.Errorf("reply %d ended %s (%s), want sent or unconfirmed; delivered %d times", e.ID, e.State, e.LastError, n)
		}
	}
	if got, want := counts[core.OutboxSent]+counts[core.OutboxUnconfirmed], f.rounds*f.perRound; got != want {
		t.Errorf("%d replies settled, want %d: %v", got, want, counts)
	}
	checkWorkspace(t, f.dir, "after the settling run")
	return counts, unknownDelivered
}
