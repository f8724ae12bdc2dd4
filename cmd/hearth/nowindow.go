//go:build nowindow

package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// windowProgram is the window's program, installed beside this one.
const windowProgram = "hearth-window"

// openWindow hands the command line over to the window's program. This
// build is the command line alone: without Fyne and the GL and X
// libraries it starts in half the time (a search is a short process,
// run from scripts and over ssh) and runs where no display library is
// installed (the sync service, a server). The window's program is the
// whole of Hearth, commands included; exec keeps the process, its
// arguments, environment, terminal and exit code.
func openWindow(_ context.Context, _ globals, args []string, _ *slog.Logger) error {
	path, err := findWindow()
	if err != nil {
		return err
	}
	return syscall.Exec(path, append([]string{path}, args...), os.Environ())
}

// findWindow looks beside this program first (an unpacked archive, a
// build directory), then on PATH.
func findWindow() (string, error) {
	self, err := os.Executable()
	if err == nil {
		if self, err = filepath.EvalSymlinks(self); err == nil {
			beside := filepath.Join(filepath.Dir(self), windowProgram)
			if fi, err := os.Stat(beside); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
				return beside, nil
			}
		}
	}
	if path, err := exec.LookPath(windowProgram); err == nil {
		return path, nil
	}
	return "", fmt.Errorf("the window is the program %s, found neither beside %s nor on PATH: install it with hearth ('make build' builds both)",
		windowProgram, self)
}
