package main

import (
	"bufio"
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
	"modernc.org/sqlite"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/demo"
)

// The fault suite of the CLI: publishing killed at random moments, two
// processes syncing one workspace, and a disk that fills up mid-sync. The
// Dovecot sync killed at random moments is in integrations/imap
// (dovecot_fault_test.go), the outbox killed while sending replies (SMTP,
// VK, X) in outbox_test.go.

// faultRNG is a seeded RNG whose seed is in the test log;
// HEARTH_FAULT_SEED replays a failure.
func faultRNG(t *testing.T) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HEARTH_FAULT_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	t.Logf("seed %d (HEARTH_FAULT_SEED=%d replays the kill moments)", seed, seed)
	return rand.New(rand.NewPCG(seed, 2))
}

// checkWorkspace runs the full checks (integrity, FTS, foreign keys).
func checkWorkspace(t *testing.T, dir, when string) {
	t.Helper()
	rep, err := store.Check(context.Background(), dbPath(dir))
	if err != nil || !rep.OK() {
		t.Fatalf("%s the workspace fails its checks: %v %v", when, rep.Problems, err)
	}
}

// publishChild, set to a data directory, makes TestPublishingSurvivesKills
// the publishing process its parent kills.
const publishChild = "HEARTH_TEST_PUBLISH_CHILD"

// parentKeyFile passes the parent's secrets key file to a child.
const parentKeyFile = "HEARTH_TEST_PARENT_KEY_FILE"

// TestPublishingSurvivesKills schedules posts for a VK community and an X
// account (the loopback peers) and kills the process publishing them with
// SIGKILL 10 times: at a random moment, or right after a peer took a post
// (before the outcome is recorded). A target whose outcome a kill left
// unknown is checked against the channel, never posted blindly; one the
// channel never received fails "not confirmed" and is retried by a person.
// In the end each post is on each peer exactly once, and none is lost.
func TestPublishingSurvivesKills(t *testing.T) {
	if dir := os.Getenv(publishChild); dir != "" {
		// The parent's key file opens the workspace's secrets (TestMain
		// names one per process); t.Setenv gives this one's back for
		// TestMain to remove.
		t.Setenv("HEARTH_SECRETS_KEY_FILE", os.Getenv(parentKeyFile))
		publishDue(t, dir)
		return
	}
	t.Parallel()
	if testing.Short() {
		t.Skip("spawns processes")
	}
	vk, x := startVKPeer(t), startXPeer(t)
	dir := t.TempDir()
	args, tok := addVKArgs(dir, vk)
	if code, out, errs := cli(t, tok, args...); code != 0 {
		t.Fatalf("account add vk: exit %d\n%s%s", code, out, errs)
	}
	args, keys := addXArgs(dir, x)
	if code, out, errs := cli(t, keys, args...); code != 0 {
		t.Fatalf("account add x: exit %d\n%s%s", code, out, errs)
	}
	vkName, _, _ := vk.Account()
	xName, _, _ := x.Account()
	onPeers := func(text string) (onVK, onX int) {
		for _, p := range vk.Server().Posts() {
			if p.Text == text {
				onVK++
			}
		}
		for _, tw := range x.Server().Tweets() {
			if tw.Text == text {
				onX++
			}
		}
		return
	}
	published := func() int { return len(vk.Server().Posts()) + len(x.Server().Tweets()) }

	rng := faultRNG(t)
	const rounds, perRound = 10, 2
	var texts []string
	killed := 0
	for round := range rounds {
		for range perRound {
			text := fmt.Sprintf("Fault post %d: the meetup moves to hall %d.", len(texts), rng.IntN(100))
			texts = append(texts, text)
			at := time.Now().UTC().Format(core.WallLayout)
			if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "posts", "add", "--text", text,
				"--account", vkName+","+xName, "--at", at, "--zone", "UTC"); code != 0 {
				t.Fatalf("posts add: exit %d\n%s%s", code, out, errs)
			}
		}
		before := published()
		child := startChild(t, "TestPublishingSurvivesKills", publishChild, dir, "publishing")
		var delay time.Duration
		if round%2 == 0 {
			delay = time.Duration(rng.IntN(200)) * time.Millisecond
			time.Sleep(delay) // the random moment itself
		} else {
			for published() == before && !child.done() {
				time.Sleep(time.Millisecond) // polling the peers: there is no event to wait on
			}
		}
		if child.kill(t) {
			killed++
		}
		t.Logf("round %d: %s: killed %v; %d posts on the peers", round, map[bool]string{true: "once a peer took a post",
			false: fmt.Sprintf("%v after the start", delay)}[round%2 == 1], child.killed, published()-before)
	}
	checkWorkspace(t, dir, "after the kills")

	// A last run settles what the kills left: unknown outcomes are looked
	// up on the channels. What a channel never received is failed "not
	// confirmed", and a person retries it.
	settle := func() {
		if err := startChild(t, "TestPublishingSurvivesKills", publishChild, dir, "publishing").wait(); err != nil {
			t.Fatalf("the publishing run after the kills: %v", err)
		}
	}
	settle()
	st := workspaceStore(t, dir)
	ctx := context.Background()
	svc := calendar.New(calendar.Params{Store: st})
	failed, err := st.TargetsIn(ctx, core.TargetFailed)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range failed {
		if tg.Error != "not confirmed: check the channel, then retry" {
			t.Errorf("target %d (%s) failed: %s; want only 'not confirmed' after kills", tg.ID, tg.Account, tg.Error)
		}
		if err := svc.Retry(ctx, tg.ID); err != nil {
			t.Fatal(err)
		}
	}
	if len(failed) > 0 {
		settle()
	}

	for _, text := range texts {
		if onVK, onX := onPeers(text); onVK != 1 || onX != 1 {
			t.Errorf("%q is on VK %d times and on X %d times, want once each", text, onVK, onX)
		}
	}
	posts, err := st.Posts(ctx, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != len(texts) {
		t.Errorf("%d posts in the calendar, want %d", len(posts), len(texts))
	}
	for _, p := range posts {
		for _, tg := range p.Targets {
			if tg.State != core.TargetPublished || tg.RemoteID == "" {
				t.Errorf("post %d on %s: %s (%s), remote id %q; want published", p.ID, tg.Account, tg.State, tg.Error, tg.RemoteID)
			}
		}
	}
	checkWorkspace(t, dir, "after publishing")
	t.Logf("%d of %d runs killed; %d targets were not confirmed and retried by a person", killed, rounds, len(failed))
}

// publishDue is the child process: the window's publishing engine over the
// workspace (recover what a dead run left publishing, then passes) until
// nothing is due or unconfirmed.
func publishDue(t *testing.T, dir string) {
	ctx := context.Background()
	w, err := openWorkspace(ctx, workspaceOptions{dir: dir, secretsMode: "file", log: slog.Default(), noBackups: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	eng := calendar.NewEngine(calendar.EngineParams{Store: w.store, Channels: w.engine, Notify: w.engine, Log: w.log})
	fmt.Println("publishing")
	if err := eng.Recover(ctx); err != nil {
		t.Fatal(err)
	}
	for {
		n, err := eng.Pass(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// child is a re-executed test binary doing one job in a fault test.
type child struct {
	cmd    *exec.Cmd
	errb   strings.Builder
	exited chan struct{}
	err    error // once exited
	killed bool
}

// startChild runs test as a child with env set to value and returns once
// the child printed ready.
func startChild(t *testing.T, test, env, value, ready string) *child {
	t.Helper()
	c := &child{cmd: exec.Command(os.Args[0], "-test.run=^"+test+"$"), exited: make(chan struct{})}
	c.cmd.Env = append(os.Environ(), env+"="+value, parentKeyFile+"="+os.Getenv("HEARTH_SECRETS_KEY_FILE"))
	c.cmd.Stderr = &c.errb
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewScanner(out)
	if !r.Scan() || r.Text() != ready {
		said := r.Text() + "\n"
		for r.Scan() {
			said += r.Text() + "\n"
		}
		c.cmd.Wait()
		t.Fatalf("the child said %q, want %q first\n%s", said, ready, c.errb.String())
	}
	go func() {
		var rest strings.Builder // "PASS", or what failed
		for r.Scan() {
			rest.WriteString(r.Text() + "\n")
		}
		if c.err = c.cmd.Wait(); c.err != nil {
			c.err = fmt.Errorf("%w\n%s%s", c.err, rest.String(), c.errb.String())
		}
		close(c.exited)
	}()
	return c
}

func (c *child) done() bool {
	select {
	case <-c.exited:
		return true
	default:
		return false
	}
}

func (c *child) wait() error {
	<-c.exited
	return c.err
}

// kill sends SIGKILL unless the child already finished, and reports whether
// the kill cut it short. A child that finished must have succeeded.
func (c *child) kill(t *testing.T) bool {
	t.Helper()
	c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.exited
	if ws, ok := c.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		c.killed = true
		return true
	}
	if c.err != nil {
		t.Fatalf("the child failed: %v", c.err)
	}
	return false
}

// TestTwoSyncsOnOneWorkspace runs two `hearth sync --once` processes on
// one data directory at once, while this process adds posts to it: each
// either succeeds or says the workspace is busy; in the end every message
// is there once and the workspace passes its checks.
func TestTwoSyncsOnOneWorkspace(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("spawns processes")
	}
	p := smallMailPeers(t, 90)
	dir := t.TempDir()
	args, pw := addArgs(dir, p)
	if code, out, errs := cli(t, pw, args...); code != 0 {
		t.Fatalf("account add: exit %d\n%s%s", code, out, errs)
	}
	addVKChannel(t, dir, "other") // a channel for the posts; nothing listens
	name, _, _ := p.Account()

	type result struct {
		code int
		errs string
	}
	results := make(chan result, 2)
	var started sync.WaitGroup
	for range 2 {
		started.Add(1)
		go func() {
			cmd := exec.Command(os.Args[0], "--data", dir, "--secrets", "file", "sync", "--once", "--account", name)
			cmd.Env = append(os.Environ(), "HEARTH_TEST_MAIN=1")
			var errb strings.Builder
			cmd.Stderr = &errb
			err := cmd.Start()
			started.Done()
			if err == nil {
				err = cmd.Wait()
			}
			results <- result{cmd.ProcessState.ExitCode(), errb.String()}
		}()
	}
	started.Wait()
	// A writer in a third process meanwhile: the CLI, as a script would.
	writes := 0
	for i := range 5 {
		code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "posts", "add", "--text",
			fmt.Sprintf("Draft %d written during two syncs", i), "--account", "other", "--draft")
		switch {
		case code == 0:
			writes++
		case strings.Contains(errs, "busy"):
			t.Logf("posts add: %s", errs)
		default:
			t.Errorf("posts add during two syncs: exit %d\n%s%s", code, out, errs)
		}
	}
	busy := 0
	for range 2 {
		r := <-results
		switch {
		case r.code == 0:
		case r.code == 1 && strings.Contains(r.errs, "busy"):
			t.Logf("sync --once: %s", r.errs)
			busy++
		default:
			t.Errorf("sync --once beside another: exit %d\n%s", r.code, r.errs)
		}
	}
	t.Logf("%d of 2 syncs and %d of 5 writes were told the workspace was busy", busy, 5-writes)
	if busy > 0 { // what the message asks: try again
		if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once", "--account", name); code != 0 {
			t.Fatalf("sync --once again: exit %d\n%s%s", code, out, errs)
		}
	}
	checkWorkspace(t, dir, "after two syncs")
	if got, want := storedMessages(t, dir), mailboxCount(t, p); got != want {
		t.Errorf("after two syncs at once: %d items, want the %d messages of the mailbox, each once", got, want)
	}
	code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "posts", "list", "--json")
	var drafts []core.Post
	if code != 0 || json.Unmarshal([]byte(out), &drafts) != nil {
		t.Fatalf("posts list: exit %d\n%s%s", code, out, errs)
	}
	if len(drafts) != writes {
		t.Errorf("%d drafts stored, want the %d whose command succeeded", len(drafts), writes)
	}
}

// diskLimit makes the connections SQLite opens to one workspace of this
// process run out of space at a number of pages, as a full disk would:
// PRAGMA max_page_count lasts as long as a connection, so a hook sets it
// on each. A tmpfs would need root.
// TestMain registers the hook before any test runs (registering it while
// other tests open connections would race with them), and it touches no
// connection but those of the directory limited, so TestDiskFullDuringSync
// runs in parallel with the others.
var diskLimit struct {
	once  sync.Once
	mu    sync.Mutex
	dir   string
	pages int64
}

func limitDisk(dir string, pages int64) {
	diskLimit.once.Do(func() {
		sqlite.RegisterConnectionHook(func(c sqlite.ExecQuerierContext, dsn string) error {
			diskLimit.mu.Lock()
			dir, pages := diskLimit.dir, diskLimit.pages
			diskLimit.mu.Unlock()
			if pages == 0 || !strings.Contains(dsn, dir) {
				return nil
			}
			_, err := c.ExecContext(context.Background(), fmt.Sprintf("PRAGMA max_page_count = %d", pages), nil)
			return err
		})
	})
	diskLimit.mu.Lock()
	diskLimit.dir, diskLimit.pages = dir, pages
	diskLimit.mu.Unlock()
}

// smallMailPeers are the demo peers with the fewest messages the demo
// allows (its scripted ones) and n short messages more: under the race
// detector the store writes some 30 messages a second.
func smallMailPeers(t *testing.T, n int) *demo.Peers {
	t.Helper()
	p := startPeers(t, 1)
	appendMails(t, p, 0, n, 0)
	return p
}

// appendMails appends n short messages to the demo INBOX, numbered from
// first, each with an attachment of attach random bytes (0: none).
func appendMails(t *testing.T, p *demo.Peers, first, n, attach int) {
	t.Helper()
	_, s, pw := p.Account()
	c, err := imapclient.DialInsecure(net.JoinHostPort(s.Host, strconv.Itoa(s.Port)), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(s.User, pw).Wait(); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour)
	blob := make([]byte, attach)
	for i := first; i < first+n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "From: Fan %d <fan%d@example.net>\r\nTo: support@example.org\r\nSubject: Question %d\r\n"+
			"Date: %s\r\nMessage-Id: <fault-%d@example.net>\r\nMIME-Version: 1.0\r\n",
			i, i, i, at.Add(time.Duration(i)*time.Second).Format(time.RFC1123Z), i)
		text := fmt.Sprintf("When is the next meetup? (%d)\r\n", i)
		if attach == 0 {
			fmt.Fprintf(&b, "Content-Type: text/plain; charset=utf-8\r\n\r\n%s", text)
		} else {
			crand.Read(blob)
			fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"+
				"Content-Type: text/plain; charset=utf-8\r\n\r\n%s--b\r\nContent-Type: application/octet-stream\r\n"+
				"Content-Disposition: attachment; filename=photos-%d.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n--b--\r\n",
				text, i, base64.StdEncoding.EncodeToString(blob))
		}
		cmd := c.Append("INBOX", int64(b.Len()), nil)
		if _, err := cmd.Write([]byte(b.String())); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}
}

// storedMessages counts the messages stored in the workspace, read from
// its file: countItems counts conversations.
func storedMessages(t *testing.T, dir string) int {
	t.Helper()
	return pragmaInt(t, dir, "SELECT count(*) FROM items")
}

// pageCount is the size of the workspace database in pages.
func pageCount(t *testing.T, dir string) int64 {
	t.Helper()
	return int64(pragmaInt(t, dir, "PRAGMA page_count"))
}

// pragmaInt runs a query of one number on the workspace file, read-only.
func pragmaInt(t *testing.T, dir, query string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbPath(dir)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDiskFullDuringSync fills the disk halfway through a sync: the command
// fails saying so in words, the workspace passes its checks, what was
// written is whole batches with their cursor, and once there is room again
// the next sync completes with every message once.
func TestDiskFullDuringSync(t *testing.T) {
	t.Parallel()
	p := startPeers(t, 1) // the demo's scripted messages
	dir := t.TempDir()
	args, pw := addArgs(dir, p)
	if code, out, errs := cli(t, pw, args...); code != 0 {
		t.Fatalf("account add: exit %d\n%s%s", code, out, errs)
	}
	syncOnce := func() {
		t.Helper()
		if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
			t.Fatalf("sync: exit %d\n%s%s", code, out, errs)
		}
	}
	syncOnce()
	// The room a short message takes, measured on 40 of them.
	const small = 40
	appendMails(t, p, 0, small, 0)
	empty := pageCount(t, dir)
	syncOnce()
	synced, before := storedMessages(t, dir), pageCount(t, dir)
	perMessage := float64(before-empty) / small

	// The next sync finds two batches: 200 short messages, then 6 with
	// 200 KB attachments. The disk has room for the first batch three
	// times over, not for the second.
	appendMails(t, p, small, 200, 0)
	appendMails(t, p, small+200, 6, 200<<10)
	room := int64(3 * 200 * perMessage)
	t.Logf("%.1f pages a message: room for %d pages", perMessage, room)
	limitDisk(dir, before+room)
	t.Cleanup(func() { limitDisk("", 0) })
	code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once")
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	last := lines[len(lines)-1] // the log may warn before
	if code != 1 || !strings.Contains(last, "the disk is full") {
		t.Errorf("sync --once on a full disk: exit %d, stderr ending %q; want 1 and 'the disk is full'\n%s%s", code, last, out, errs)
	}
	for _, raw := range []string{"SQLITE", "(13)", "database or disk is full"} {
		if strings.Contains(out+errs, raw) {
			t.Errorf("the output shows SQLite's words %q:\n%s%s", raw, out, errs)
		}
	}
	if !strings.Contains(out, "the disk is full") || !strings.Contains(out, "free some space") {
		t.Errorf("the account's status does not say the disk is full and what to do:\n%s", out)
	}
	limitDisk("", 0)

	checkWorkspace(t, dir, "after the disk filled up")
	if partial := storedMessages(t, dir); partial != synced+200 {
		t.Errorf("%d messages stored when the disk filled up, want the %d of before and the first batch of 200 whole", partial, synced)
	}
	// All or nothing: the messages stored are those of the batches whose
	// cursor was written with them (the demo's UIDs run from 1).
	st, err := store.Open(context.Background(), dbPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	accts, err := st.Accounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := st.Cursor(context.Background(), accts[0].ID, "folder:INBOX")
	if err != nil {
		t.Fatal(err)
	}
	var cur struct {
		LastUID int `json:"last_uid"`
	}
	if err := json.Unmarshal(raw, &cur); err != nil {
		t.Fatal(err)
	}
	if partial := storedMessages(t, dir); cur.LastUID != partial {
		t.Errorf("the cursor says %d messages were stored, the workspace holds %d: a batch was half-written", cur.LastUID, partial)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync --once with room again: exit %d\n%s%s", code, out, errs)
	}
	checkWorkspace(t, dir, "after the disk had room again")
	if got, want := storedMessages(t, dir), mailboxCount(t, p); got != want {
		t.Errorf("after the disk had room again: %d items, want the %d messages of the mailbox, each once", got, want)
	}
}
