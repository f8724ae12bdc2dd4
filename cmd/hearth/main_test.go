package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/demo"
	"github.com/hearthhq/hearth/internal/startgc"
)

// TestMain lets a test run this binary's main() in a child process (to
// kill it mid-sync, as a crash would).
func TestMain(m *testing.M) {
	if os.Getenv("HEARTH_TEST_MAIN") == "1" {
		main()
		return
	}
	startgc.Restore() // the tests run at the default GOGC, as before the package existed
	// Most parallel tests here wait: on a child process, a peer, X's
	// one-second processing checks, a kill's random moment. Four at a time
	// instead of GOMAXPROCS (two) overlap those waits: the package took
	// 249 s instead of 285 s wall for the same CPU (docs/benchmarks.md).
	// -test.parallel on the command line still wins.
	flag.Parse()
	parallelSet := false
	flag.Visit(func(f *flag.Flag) { parallelSet = parallelSet || f.Name == "test.parallel" })
	if !parallelSet {
		flag.Set("test.parallel", "4")
	}
	os.Setenv("HEARTH_SECRETS_KEY_FILE", filepath.Join(os.TempDir(), fmt.Sprintf("hearth-test-%d.key", os.Getpid())))
	limitDisk("", 0) // the disk-full test's connection hook, registered before any test opens a connection
	code := m.Run()
	os.Remove(os.Getenv("HEARTH_SECRETS_KEY_FILE"))
	if template.dir != "" {
		os.RemoveAll(template.dir)
	}
	os.Exit(code)
}

// template is a new workspace database made once per run of the tests,
// without its workspace id: cli copies it into a data directory that has
// none, as migrating a new one takes seconds under the race detector, and
// the first open of the copy gives it an id of its own, as a new workspace
// gets. TestHeadlessAddSyncInboxSearchReply keeps the CLI making one.
var template struct {
	once      sync.Once
	dir, path string
	err       error
	fresh     sync.Map // data directories cli leaves for the CLI to create
}

func templateFile() (string, error) {
	template.once.Do(func() {
		template.dir, template.err = os.MkdirTemp("", "hearth-cli-test-")
		if template.err != nil {
			return
		}
		made := filepath.Join(template.dir, "made")
		st, err := store.Open(context.Background(), dbPath(made))
		if err == nil {
			err = st.Close()
		}
		if err != nil {
			template.err = err
			return
		}
		// The id goes; everything is then in the one file (closing the last
		// connection checkpoints the WAL).
		db, err := sql.Open("sqlite", "file:"+dbPath(made))
		if err == nil {
			_, err = db.Exec("DELETE FROM settings WHERE key = 'workspace_id'")
			err = errors.Join(err, db.Close())
		}
		if err != nil {
			template.err = err
			return
		}
		template.path = filepath.Join(template.dir, "hearth.db")
		template.err = os.Rename(dbPath(made), template.path)
	})
	return template.path, template.err
}

// freshWorkspace makes cli leave dir for the CLI to create its workspace.
func freshWorkspace(dir string) { template.fresh.Store(dir, true) }

// seedForArgs copies the template into the data directory of a command
// that opens a workspace, when there is none yet.
func seedForArgs(t *testing.T, args []string) {
	t.Helper()
	g, rest, err := parseGlobals(args)
	if err != nil || g.data == "" || len(rest) == 0 || commands[rest[0]] == nil {
		return
	}
	if _, fresh := template.fresh.Load(g.data); !fresh {
		fromTemplate(t, g.data)
	}
}

// fromTemplate copies the template into dir unless it has a database.
func fromTemplate(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(dbPath(dir)); !errors.Is(err, fs.ErrNotExist) {
		return
	}
	src, err := templateFile()
	if err != nil {
		t.Fatalf("the template workspace: %v", err)
	}
	body, err := os.ReadFile(src)
	if err == nil {
		err = os.MkdirAll(dir, 0o700)
	}
	if err == nil {
		err = os.WriteFile(dbPath(dir), body, 0o600)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// cli runs one hearth command in-process and returns its exit code and
// output streams.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	seedForArgs(t, args)
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	code := run(ctx, args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func startPeers(t *testing.T, n int) *demo.Peers {
	t.Helper()
	p, err := demo.Start(context.Background(), demo.Options{Now: time.Now(), Messages: n})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// addArgs is the account add command line for the demo peers.
func addArgs(dir string, p *demo.Peers) (args []string, password string) {
	name, s, pw := p.Account()
	return []string{"--data", dir, "--secrets", "file", "account", "add", "imap", "--name", name,
		"--host", s.Host, "--port", strconv.Itoa(s.Port), "--user", s.User, "--tls", "none",
		"--smtp-host", s.SMTPHost, "--smtp-port", strconv.Itoa(s.SMTPPort), "--smtp-tls", "none",
		"--backfill-days", "-1", "--password-stdin"}, pw + "\n"
}

func TestHeadlessAddSyncInboxSearchReply(t *testing.T) {
	t.Parallel()
	p := startPeers(t, 0)
	dir := t.TempDir()
	freshWorkspace(dir) // the CLI makes the workspace, as for a person
	args, pw := addArgs(dir, p)
	if code, out, errs := cli(t, pw, args...); code != 0 {
		t.Fatalf("account add: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync: exit %d\n%s%s", code, out, errs)
	}
	items := inboxJSON(t, dir, "--state", "all", "--limit", "1000")
	if len(items) < 150 {
		t.Fatalf("inbox has %d items after sync, want the demo mailbox (~200)", len(items))
	}
	for _, it := range items[:5] {
		if it.ID == 0 || it.Account == "" || it.Kind != core.ItemEmail || it.ThreadID == 0 ||
			it.Subject == "" || it.Author.Address == "" || it.Text == "" || it.State == "" {
			t.Errorf("incomplete item in inbox --json: %+v", it)
		}
		if _, err := time.Parse(time.RFC3339, it.CreatedAt); err != nil {
			t.Errorf("created_at %q is not RFC 3339", it.CreatedAt)
		}
	}

	// A second pass fetches nothing twice.
	cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once")
	if again := inboxJSON(t, dir, "--state", "all", "--limit", "1000"); len(again) != len(items) {
		t.Fatalf("re-sync changed the item count from %d to %d", len(items), len(again))
	}

	hits := searchJSON(t, dir, "привет")
	if len(hits) == 0 {
		t.Errorf("search привет found nothing in a mailbox with Russian mail")
	}

	target := items[0]
	code, out, errs := cli(t, "Thank you, we will look into it.", "--data", dir, "--secrets", "file", "reply", strconv.FormatInt(target.ID, 10), "--text-stdin")
	if code != 0 {
		t.Fatalf("reply: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync after reply: exit %d\n%s%s", code, out, errs)
	}
	sent := p.Sent()
	if len(sent) != 1 {
		t.Fatalf("SMTP peer received %d messages, want 1", len(sent))
	}
	if !strings.Contains(sent[0].Subject, target.Subject) {
		t.Errorf("reply subject %q does not answer %q", sent[0].Subject, target.Subject)
	}
	// Running the outbox again must not send twice.
	cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once")
	if n := len(p.Sent()); n != 1 {
		t.Errorf("after a second sync the SMTP peer has %d messages: a reply was sent twice", n)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--data", dir, "frobnicate"},
		{"--data", dir, "account", "add", "imap", "--name", "x"},
		{"--data", dir, "inbox", "--limit", "0"},
		{"--data", dir, "search"},
		{"--bogus-flag"},
	} {
		if code, _, errs := cli(t, "", args...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a reason", args, code, errs)
		}
	}
}

func TestFailureExitsOneWithOneLine(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := cli(t, "secret\n", "--data", dir, "--secrets", "file", "account", "add", "imap", "--name", "x",
		"--host", "127.0.0.1", "--port", "1", "--user", "u", "--tls", "none", "--smtp-tls", "none", "--password-stdin")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, "connection test failed") {
		t.Errorf("stderr = %q, want one line saying the connection test failed", errs)
	}
	code, _, errs = cli(t, "", "--data", dir, "account", "remove", "nope")
	if code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("remove unknown: exit %d, stderr %q", code, errs)
	}
}

func TestPlainTextRefusedToRemoteHost(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := cli(t, "pw\n", "--data", dir, "--secrets", "file", "account", "add", "imap", "--name", "x",
		"--host", "mail.example.com", "--user", "u", "--tls", "none", "--password-stdin", "--no-test")
	if code != 1 || !strings.Contains(errs, "unencrypted") {
		t.Errorf("exit %d, stderr %q: plain IMAP to a remote host must be refused", code, errs)
	}
}

// TestKilledMidSyncResumes kills a syncing process with SIGKILL after its
// first batch landed, then syncs again: every message is there once.
func TestKilledMidSyncResumes(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("spawns processes")
	}
	// Three commits of 200 (metaChunk): the kill lands after the first.
	const total = 500
	p := startPeers(t, total)
	dir := t.TempDir()
	args, pw := addArgs(dir, p)
	if code, out, errs := cli(t, pw, args...); code != 0 {
		t.Fatalf("account add: %d %s%s", code, out, errs)
	}
	cmd := exec.Command(os.Args[0], "--data", dir, "--secrets", "file", "sync", "--once")
	cmd.Env = append(os.Environ(), "HEARTH_TEST_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForItems(t, dir, 1)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	partial := countItems(t, dir)
	if partial >= total {
		t.Skipf("the sync finished (%d items) before it could be killed", partial)
	}
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync after kill: %d %s%s", code, out, errs)
	}
	want := mailboxCount(t, p)
	if got := countItems(t, dir); got != want {
		t.Fatalf("after a kill at %d items and a resumed sync: %d items, want the %d in the mailbox", partial, got, want)
	}
}

func inboxJSON(t *testing.T, dir string, args ...string) []itemJSON {
	t.Helper()
	return listJSON(t, append([]string{"--data", dir, "--secrets", "file", "inbox", "--json"}, args...)...)
}

func searchJSON(t *testing.T, dir, query string) []itemJSON {
	t.Helper()
	return listJSON(t, "--data", dir, "--secrets", "file", "search", query, "--json")
}

func listJSON(t *testing.T, args ...string) []itemJSON {
	t.Helper()
	code, out, errs := cli(t, "", args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errs)
	}
	var items []itemJSON
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("%v: output is not a JSON array: %v\n%s", args, err, out)
	}
	return items
}

// countItems counts the stored messages of every state (the store's state
// counts are of conversations).
func countItems(t *testing.T, dir string) int {
	t.Helper()
	return storedMessages(t, dir)
}

// waitForItems polls one read-only connection: a new one each time would
// parse the schema again (tens of milliseconds under -race), taking the
// CPU from the process being waited for.
func waitForItems(t *testing.T, dir string, n int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbPath(dir)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		var got int
		if err := db.QueryRow("SELECT count(*) FROM items").Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got >= n {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no item was stored within a minute")
}

// mailboxCount asks the IMAP peer how many messages its INBOX holds.
func mailboxCount(t *testing.T, p *demo.Peers) int {
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
	data, err := c.Status("INBOX", &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return int(*data.NumMessages)
}
