// Command hearth is the Hearth desktop workstation and its headless CLI.
// This file only wires: flags, the data dir, the store, the integrations.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"syscall"

	// Before Fyne's init reads the locale: see the package comment.
	_ "github.com/hearthhq/hearth/internal/localeenv"
	// Before the modules' init allocates: see the package comment.
	"github.com/hearthhq/hearth/internal/startgc"
	// Before Fyne's init reads how long to keep drawn text: see the package comment.
	_ "github.com/hearthhq/hearth/internal/fynecache"
)

func main() {
	defaultGC = startgc.Restore // the process is the command's alone (tests run commands in theirs)
	headless = runtime.UnlockOSThread
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// A reader that stops reading (`hearth search x | head -1`) makes the
	// next write fail with EPIPE instead of killing the process before it
	// closes the workspace, which left it marked open and made the next
	// command check the whole database. Notify, not Ignore: an ignored
	// signal would stay ignored in the programs the window starts.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes of design.md.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// usageError marks a bad command line: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// run is main without the process: testable end to end.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// The engine logs from its own goroutines while a command prints: one
	// writer at a time keeps lines whole (and a test's buffer safe).
	stdout, stderr = &lockedWriter{w: stdout}, &lockedWriter{w: stderr}
	err := dispatch(ctx, args, stdio{in: stdin, out: stdout, err: stderr})
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, syscall.EPIPE):
		return exitFail // the reader has gone: nobody to tell
	case errors.As(err, new(usageError)):
		fmt.Fprintln(stderr, "hearth:", err)
		fmt.Fprintln(stderr, "Run 'hearth help' for usage.")
		return exitUsage
	default:
		fmt.Fprintln(stderr, "hearth:", errorLine(err))
		return exitFail
	}
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
