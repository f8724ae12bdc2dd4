package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDemoWindowUnderX starts the real program with --demo on the X display
// (make test runs the suite under Xvfb), waits for its window to be mapped,
// and closes it with SIGTERM as a desktop session would.
func TestDemoWindowUnderX(t *testing.T) {
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
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer cmd.Process.Kill()

	deadline := time.Now().Add(60 * time.Second)
	for {
		out, _ := exec.Command(xwininfo, "-root", "-tree").Output()
		if strings.Contains(string(out), "Hearth (demo workspace)") {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("hearth --demo exited before showing its window: %v\n%s", err, stderr.String())
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no Hearth window within a minute\n%s", stderr.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("hearth --demo exited with %v on SIGTERM\n%s", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("hearth --demo did not exit within 20 s of SIGTERM")
	}
}
