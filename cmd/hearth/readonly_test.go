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
