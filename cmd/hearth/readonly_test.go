package main

import (
	"strings"
	"testing"
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
