package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// childEnv is this process's environment with locale variables replaced:
// LC_ALL, LC_MESSAGES, LANG and LANGUAGE are dropped, then set is added.
func childEnv(set ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "LANG" || k == "LANGUAGE" || strings.HasPrefix(k, "LC_") {
			continue
		}
		env = append(env, kv)
	}
	return append(append(env, "HEARTH_TEST_MAIN=1"), set...)
}

// runBinary runs this binary's main() (TestMain) as a separate process, so
// package init, Fyne's included, runs under env as it does for a person.
func runBinary(t *testing.T, env []string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.String(), errb.String(), err
}

// Headless commands print nothing on stderr they did not mean to, whatever
// the locale: servers and containers run with C.UTF-8 or none, where Fyne
// once logged "Error parsing user locale C" three times per command, and a
// workspace without secrets has no keyring to warn about.
func TestQuietUnderEveryLocale(t *testing.T) {
	t.Parallel()
	locales := []struct{ name, env string }{
		{"C", "LANG=C"}, {"C.UTF-8", "LANG=C.UTF-8"}, {"LC_ALL=C.UTF-8", "LC_ALL=C.UTF-8"},
		{"POSIX", "LC_ALL=POSIX"}, {"unset", ""}, {"ru_RU.UTF-8", "LANG=ru_RU.UTF-8"},
	}
	// Every kind of command under the servers' default; a few under the
	// others (each is a process start: seconds under -race).
	commands := [][]string{{"help"}, {"version"}, {"account", "list"}, {"inbox"}}
	more := [][]string{
		{"man"}, {"watch", "add", "keyword", "релиз", "--name", "release"}, {"search", "привет"},
		{"members", "list"}, {"posts", "list"}, {"settings"}, {"check"},
	}
	for _, loc := range locales {
		t.Run(loc.name, func(t *testing.T) {
			t.Parallel() // processes of their own, each in its own data directory
			commands := commands
			if loc.name == "C.UTF-8" {
				commands = append(commands, more...)
			}
			var env []string
			if loc.env != "" {
				env = childEnv(loc.env)
			} else {
				env = childEnv()
			}
			dir := t.TempDir()
			// The servers' default makes its workspace as a person's first
			// command does; the other locales start from a new workspace's
			// copy (migrating one is seconds a process under -race), which
			// the first command opens as a new one.
			if loc.name != "C.UTF-8" {
				fromTemplate(t, dir)
			}
			for _, c := range commands {
				args := append([]string{"--data", dir}, c...)
				_, stderr, err := runBinary(t, env, "", args...)
				if err != nil {
					t.Errorf("hearth %s: %v\n%s", strings.Join(c, " "), err, stderr)
				} else if stderr != "" {
					t.Errorf("hearth %s wrote on stderr:\n%s", strings.Join(c, " "), stderr)
				}
			}
			if _, stderr, err := runBinary(t, env, "merci, super travail\n", "tone"); err != nil || stderr != "" {
				t.Errorf("hearth tone: %v, stderr:\n%s", err, stderr)
			}
		})
	}
}

// The keyring warning comes once, with the first secret the workspace
// stores, and never from the commands after it.
func TestKeyringWarningOnlyWithTheFirstSecret(t *testing.T) {
	t.Parallel()
	env := childEnv("LANG=C.UTF-8")
	dir := t.TempDir()
	add := []string{"--data", dir, "account", "add", "imap", "--name", "Mail", "--host", "127.0.0.1",
		"--user", "me", "--tls", "none", "--no-test", "--password-stdin"}
	_, stderr, err := runBinary(t, env, "pw\n", add...)
	if err != nil {
		t.Fatalf("account add: %v\n%s", err, stderr)
	}
	// Where the keyring answers there is no warning at all; where it does
	// not, one line saying where the secret went.
	if n := strings.Count(stderr, "\n"); n > 1 || (n == 1 && !strings.Contains(stderr, "OS keyring unavailable")) {
		t.Errorf("account add wrote:\n%s\nwant at most the keyring warning, once", stderr)
	}
	for _, c := range [][]string{{"account", "list"}, {"inbox"}} {
		if _, stderr, err := runBinary(t, env, "", append([]string{"--data", dir}, c...)...); err != nil || stderr != "" {
			t.Errorf("hearth %s after the first secret: %v, stderr:\n%s", strings.Join(c, " "), err, stderr)
		}
	}
}

// localeenv must initialise before Fyne's lang package, which reads the
// locale in its init, and fynecache before Fyne's cache package, which
// reads FYNE_CACHE in its own: GODEBUG=inittrace=1 prints the order.
func TestEnvironmentSetBeforeFyneReadsIt(t *testing.T) {
	_, stderr, err := runBinary(t, childEnv("LANG=C.UTF-8", "GODEBUG=inittrace=1"), "", "version")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ ours, fyne string }{
		{"github.com/hearthhq/hearth/internal/localeenv", "fyne.io/fyne/v2/lang"},
		{"github.com/hearthhq/hearth/internal/fynecache", "fyne.io/fyne/v2/internal/cache"},
	} {
		ours := strings.Index(stderr, "init "+c.ours+" ")
		fyne := strings.Index(stderr, "init "+c.fyne+" ")
		if ours < 0 || fyne < 0 || ours > fyne {
			t.Errorf("init order: %s at %d, %s at %d; want ours first", c.ours, ours, c.fyne, fyne)
		}
	}
}
