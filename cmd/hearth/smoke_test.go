//go:build !nowindow

package main

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDemoWindowUnderX starts the real program with --demo on the X display
// (make test runs the suite under Xvfb), waits for its window to be mapped,
// and closes it with SIGTERM as a desktop session would.
func TestDemoWindowUnderX(t *testing.T) {
	t.Parallel()
	if os.Getenv("DISPLAY") == "" {
		if os.Getenv("HEARTH_REQUIRE_DISPLAY") == "1" {
			t.Fatal("no DISPLAY: run the tests through make test (it starts Xvfb)")
		}
		t.Skip("no X display")
	}
	xwininfo, err := exec.LookPath("xwininfo")
	if err != nil {
		t.Skip("xwininfo not installed")
	}
	cmd := exec.Command(os.Args[0], "--demo")
	cmd.Env = append(os.Environ(), "HEARTH_TEST_MAIN=1", "LANG=en_US.UTF-8")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	started := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer cmd.Process.Kill()

	// Seeding the demo workspace before the window shows takes seconds
	// alone and minutes on a loaded machine under the race detector, so
	// no fixed wait tells a slow start from a stuck one. A start is stuck
	// when the process used no CPU for a while without showing its window
	// (it waits on something that will not come); one still working is
	// given until shortly before the test binary's deadline.
	const idleLimit = 30 * time.Second
	deadline := time.Now().Add(10 * time.Minute)
	if d, ok := t.Deadline(); ok {
		deadline = d.Add(-30 * time.Second)
	}
	cpu, worked := cpuTicks(cmd.Process.Pid), time.Now()
	for {
		out, _ := exec.Command(xwininfo, "-root", "-tree").Output()
		if strings.Contains(string(out), "Hearth (demo workspace)") {
			t.Logf("the window showed %v after the start", time.Since(started).Round(time.Millisecond))
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("hearth --demo exited before showing its window: %v\n%s", err, stderr.String())
		case <-time.After(200 * time.Millisecond):
		}
		if now := cpuTicks(cmd.Process.Pid); now != cpu || now < 0 {
			cpu, worked = now, time.Now()
		}
		switch {
		case time.Since(worked) > idleLimit:
			t.Fatalf("no Hearth window %v after the start, and the process idle for %v\n%s",
				time.Since(started).Round(time.Second), idleLimit, stderr.String())
		case time.Now().After(deadline):
			t.Fatalf("no Hearth window within %v\n%s", time.Since(started).Round(time.Second), stderr.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The release build exits within a fifth of a second of SIGTERM; the
	// race build, still seeding the demo when the window shows, takes 15 to
	// 20 s on a loaded machine to cancel and close the store. As for the
	// start, an exit is stuck when the process used no CPU for a while.
	signalled := time.Now()
	cpu, worked = cpuTicks(cmd.Process.Pid), time.Now()
	for {
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("hearth --demo exited with %v on SIGTERM\n%s", err, stderr.String())
			}
			t.Logf("exited %v after SIGTERM", time.Since(signalled).Round(time.Millisecond))
			return
		case <-time.After(200 * time.Millisecond):
		}
		if now := cpuTicks(cmd.Process.Pid); now != cpu || now < 0 {
			cpu, worked = now, time.Now()
		}
		switch {
		case time.Since(worked) > 10*time.Second:
			t.Fatalf("hearth --demo still running %v after SIGTERM, idle for 10 s\n%s",
				time.Since(signalled).Round(time.Second), stderr.String())
		case time.Now().After(deadline):
			t.Fatalf("hearth --demo did not exit within %v of SIGTERM\n%s", time.Since(signalled).Round(time.Second), stderr.String())
		}
	}
}

// cpuTicks is the CPU time a process used so far, in clock ticks (user and
// system, /proc/PID/stat), or -1 where it cannot be read.
func cpuTicks(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return -1
	}
	// The fields after the command name, which is in parentheses and may
	// hold spaces: state is the first, utime and stime the 12th and 13th.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return -1
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	s, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return u + s
}
