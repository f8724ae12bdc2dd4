//go:build !nowindow

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// buildCommandLine builds the command-line program as `make build` does
// (-tags nowindow) into dir, with this test binary's own build flags
// (race, trimpath, gcflags, tags), so that go reuses the packages it compiled for the
// tests and only compiles and links main.
func buildCommandLine(t *testing.T, dir string) string {
	t.Helper()
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build information in the test binary")
	}
	out := filepath.Join(dir, "hearth")
	// A build with -trimpath records no -ldflags: the program is only run,
	// so it is linked without DWARF (-w) unless the test binary says
	// otherwise, which halves the link.
	args := []string{"build", "-o", out, "-ldflags=-w"}
	tags := "nowindow"
	for _, s := range bi.Settings {
		switch s.Key {
		case "-race", "-trimpath": // -trimpath: the packages compiled without it are others
			if s.Value == "true" {
				args = append(args, s.Key)
			}
		case "-gcflags", "-ldflags":
			args = append(args, s.Key+"="+s.Value)
		case "-tags":
			tags = s.Value + "," + tags
		}
	}
	args = append(args, "-tags="+tags, ".")
	cmd := exec.Command("go", args...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	return out
}

// The command-line program carries no window: no Fyne, no ui package, no
// demo peers, no GL or X library to load, so scripts and the sync service start it
// quickly and a server without a display runs it. Its commands are the
// window program's, and a window it is asked for is the window program's
// to open, with the same arguments, environment and exit code.
func TestCommandLineProgramHandsTheWindowOver(t *testing.T) {
	t.Parallel()
	deps, err := exec.Command("go", "list", "-deps", "-tags=migrated_fynedo,nowindow", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(deps)) {
		if strings.HasPrefix(p, "fyne.io/") || strings.HasPrefix(p, "github.com/go-gl/") ||
			p == "github.com/hearthhq/hearth/ui" || strings.HasPrefix(p, "github.com/hearthhq/hearth/ui/") ||
			p == "github.com/hearthhq/hearth/integrations/demo" { // the demo is a window
			t.Errorf("the command-line program imports %s", p)
		}
	}

	bin := buildCommandLine(t, t.TempDir())
	data := queryWorkspace(t)
	run := func(env []string, args ...string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			code = exit.ExitCode()
		case err != nil:
			t.Fatalf("%v: %v", args, err)
		}
		return out.String(), errb.String(), code
	}
	env := append(childEnv("LANG=C.UTF-8"), "PATH="+t.TempDir())

	out, stderr, code := run(env, "--data", data, "search", "встреча", "--json")
	if code != exitOK || !strings.Contains(out, "Встречи клуба по средам") || stderr != "" {
		t.Errorf("search: exit %d, stdout %q, stderr %q", code, out, stderr)
	}

	// No window program anywhere: one line that names it, exit 1.
	_, stderr, code = run(env, "--data", data)
	if code != exitFail || !strings.Contains(stderr, "hearth-window") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("no window program: exit %d, stderr %q; want exit 1 and one line naming hearth-window", code, stderr)
	}

	// A stand-in window program records how it was started.
	window := func(dir string) string {
		record := filepath.Join(t.TempDir(), "started")
		script := "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\" \"env=$HEARTH_PROBE\" >" + record + "\nexit 7\n"
		if err := os.WriteFile(filepath.Join(dir, "hearth-window"), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		return record
	}
	started := func(record string) []string {
		b, err := os.ReadFile(record)
		if err != nil {
			t.Fatalf("the window program was not started: %v", err)
		}
		return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	}
	onPath := t.TempDir()
	record := window(onPath)
	probe := append(childEnv("LANG=C.UTF-8", "HEARTH_PROBE=kept"), "PATH="+onPath)
	for _, args := range [][]string{{"--data", data}, {"--demo"}, {"--verbose", "--secrets", "file", "--data", data}} {
		os.Remove(record)
		_, stderr, code := run(probe, args...)
		got := started(record)
		want := append(append([]string{filepath.Join(onPath, "hearth-window")}, args...), "env=kept")
		if code != 7 || strings.Join(got, " ") != strings.Join(want, " ") || stderr != "" {
			t.Errorf("%v: exit %d, started %q, stderr %q; want exit 7 and %q", args, code, got, stderr, want)
		}
	}

	// The one beside the command-line program comes before PATH's.
	beside := window(filepath.Dir(bin))
	_, _, code = run(probe, "--data", data)
	if got := started(beside); code != 7 || got[0] != filepath.Join(filepath.Dir(bin), "hearth-window") {
		t.Errorf("with a window program beside it: exit %d, started %q", code, got)
	}
}
