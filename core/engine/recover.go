package engine

import (
	"fmt"
	"log/slog"
	"runtime/debug"
)

// Go runs f in a goroutine that turns a panic into a logged error instead of
// taking the whole application down with it.
func Go(log *slog.Logger, name string, f func()) {
	go func() {
		defer Recover(log, name)
		f()
	}()
}

// Recover logs a panic with its stack; defer it at the top of a goroutine.
func Recover(log *slog.Logger, name string) {
	if r := recover(); r != nil {
		log.Error("panic recovered", "goroutine", name, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
	}
}
