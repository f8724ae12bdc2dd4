// Package startgc holds the garbage collector back while the binary's
// packages initialise. Import it for its side effect from package main:
//
//	import _ "github.com/hearthhq/hearth/internal/startgc"
//
// Why: the modules' package set-up (Fyne's translations and fonts, the
// Markdown parsers, zstd tables, language trigrams) allocates about 3 MB
// before main runs, and the first heap goal at the default GOGC is 4 MB, so
// every process started a collection at the end of init, before main could
// raise GOGC: a tenth of a search's CPU (docs/benchmarks.md). This package
// imports only os and runtime/debug, so it is initialised before those
// modules (Go initialises packages in import-path order among those whose
// imports are initialised, the spec since Go 1.21; about 1 MB has been
// allocated by then), and sets GOGC 400 unless GOGC or GOMEMLIMIT is set.
//
// It also runs the process on one P (GOMAXPROCS 1) unless GOMAXPROCS is
// set: package set-up and a short read are one goroutine's work, and with
// a second P idle the scheduler woke another thread each time a goroutine
// became runnable (database/sql's opener, context watchers, the signal
// loop), for it to spin and sleep again: about 70 context switches and a
// millisecond of a search's CPU.
//
// A command that only reads (search, inbox) keeps both for its life:
// tens of milliseconds with a few megabytes of heap, it collects nothing,
// and a long listing still collects, at five times its live heap. main
// calls Restore for every other command, the window sets its own GOGC.
package startgc

import (
	"os"
	"runtime"
	"runtime/debug"
)

// raised is whether init changed GOGC (the environment did not set it),
// oneP whether it set GOMAXPROCS.
var raised, oneP bool

func init() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(400)
		raised = true
	}
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
		oneP = true
	}
}

// Restore puts the default GOGC and GOMAXPROCS back, unless the
// environment set its own.
func Restore() {
	if raised {
		debug.SetGCPercent(100)
	}
	if oneP {
		runtime.SetDefaultGOMAXPROCS()
	}
}
