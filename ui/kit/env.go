package kit

import (
	"context"
	"errors"
	"fmt"
	"fyne.io/fyne/v2/lang"
	"log/slog"
	"runtime/debug"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// Env is what every screen shares with the window: the context that ends
// when the window closes, the one way back to the UI goroutine, the log, the
// clock and the window itself (for dialogs and the clipboard). Screens take
// an Env, never the shell, so they cannot reach into each other.
type Env struct {
	// Ctx ends when the window closes; background work runs under it.
	Ctx context.Context
	// Do applies a function on the UI goroutine: fyne.Do in the app, a
	// queue the test drains in tests.
	Do    func(func())
	Log   *slog.Logger
	Clock func() time.Time // nil means time.Now
	Win   fyne.Window

	// pending counts Background work started and not yet handed to Do.
	pending atomic.Int64
}

// Idle reports whether no Background work is in flight: everything started
// has handed its result to Do. Tests wait on it (with Do's queue empty)
// instead of sleeping.
func (e *Env) Idle() bool { return e.pending.Load() == 0 }

// Now is the environment's clock (fixed in tests).
func (e *Env) Now() time.Time {
	if e.Clock == nil {
		return time.Now()
	}
	return e.Clock()
}

// Go starts fn on a goroutine that logs a panic instead of crashing.
func (e *Env) Go(what string, fn func()) {
	go func() {
		defer e.Recover(what)
		fn()
	}()
}

// Recover logs a panic; deferred by every goroutine and UI callback that
// runs work it did not write.
func (e *Env) Recover(what string) {
	if r := recover(); r != nil {
		e.Log.Error("ui: panic", "in", what, "panic", r, "stack", string(debug.Stack()))
	}
}

// guard runs work and turns a panic in it into an error.
func (e *Env) guard(what string, work func(context.Context) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			e.Log.Error("ui: panic in Background work", "work", what, "panic", r, "stack", string(debug.Stack()))
			err = errors.New(lang.L("Something went wrong inside Hearth ({{.What}}): {{.Panic}}", map[string]any{"What": what, "Panic": fmt.Sprint(r)}))
		}
	}()
	return work(e.Ctx)
}
