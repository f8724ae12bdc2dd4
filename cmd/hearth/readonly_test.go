package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core/store"
)

// TestReadingCommandsNeedNoKeyring: search and inbox read the workspace
// only, so they work, and start fast, where the keyring cannot be reached
// (a server, a cron job, a terminal outside the desktop session); a
// command that may need a password still says the keyring is missing.
func TestReadingCommandsNeedNoKeyring(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:") // no Secret Service, and none started
	dir := queryWorkspace(t)
	for _, args := range [][]string{
		{"search", "встреча", "--json"},
		{"inbox", "--limit", "5", "--json"},
	} {
		code, out, errs := cli(t, "", append([]string{"--data", dir, "--secrets", "keyring"}, args...)...)
		if code != 0 || !strings.Contains(out, "Встречи клуба по средам") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	code, _, errs := cli(t, "", "--data", dir, "--secrets", "keyring", "account", "list")
	if code == 0 || !strings.Contains(errs, "keyring") {
		t.Errorf("account list without a keyring: exit %d, stderr %q; want the keyring's absence said", code, errs)
	}
}

// A search or an inbox listing collects no garbage in its process: the
// modules' package set-up allocates about 3 MB, which at the default GOGC
// started a collection in every process before main ran (a tenth of a
// search's CPU); internal/startgc holds it back from before those inits
// and the reading command keeps it so. gctrace prints one line per
// collection.
func TestReadingCommandsCollectNothing(t *testing.T) {
	t.Parallel()
	dir := queryWorkspace(t)
	env := childEnv("LANG=C.UTF-8", "GODEBUG=gctrace=1")
	for _, args := range [][]string{{"search", "встреча", "--json"}, {"inbox", "--limit", "5", "--json"}} {
		out, stderr, err := runBinary(t, env, "", append([]string{"--data", dir}, args...)...)
		if err != nil || !strings.Contains(out, "Встречи клуба по средам") {
			t.Errorf("%v: %v, stdout %q, stderr %q", args, err, out, stderr)
		}
		if strings.Contains(stderr, "gc 1 @") {
			t.Errorf("%v collected garbage:\n%s", args, stderr)
		}
	}
}

// A search whose reader has gone (`hearth search x | head -1`) stops
// quietly and still closes the workspace: it used to die of SIGPIPE with
// the workspace marked open, and the next command checked the whole
// database first.
func TestSearchIntoAClosedPipeClosesTheWorkspace(t *testing.T) {
	t.Parallel()
	dir := queryWorkspace(t)
	cmd := exec.Command(os.Args[0], "--data", dir, "search", "встреча")
	cmd.Env = childEnv("LANG=C.UTF-8")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = w, &errb
	r.Close() // before the search writes: its first write meets a closed pipe
	err = cmd.Run()
	w.Close()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitFail {
		t.Errorf("search into a closed pipe: %v, want exit %d (not killed by SIGPIPE)", err, exitFail)
	}
	if errb.Len() > 0 {
		t.Errorf("stderr %q, want nothing", errb.String())
	}
	lock, _ := os.ReadFile(store.LockPath(dbPath(dir)))
	if st := strings.TrimSpace(string(lock)); st != "" { // empty: closed cleanly
		t.Errorf("lock file after the search = %q, want a clean shutdown", st)
	}
}
