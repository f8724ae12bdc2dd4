package ui

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"
)

// background runs work off the UI goroutine, under the window's context, and
// hands the result to apply on the UI goroutine. Every backend call goes
// through it, so the window never waits on IO and widgets change only on the
// UI goroutine. A panic in work becomes an error for apply; a panic in apply
// is logged. Results that arrive after the window closed are dropped.
func background[T any](u *UI, what string, work func(context.Context) (T, error), apply func(T, error)) {
	go func() {
		v, err := runGuarded(u, what, work)
		if u.ctx.Err() != nil {
			return
		}
		u.do(func() {
			defer u.recoverPanic(what)
			apply(v, err)
		})
	}()
}

// backgroundErr is background for work that only answers an error.
func backgroundErr(u *UI, what string, work func(context.Context) error, apply func(error)) {
	background(u, what, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, work(ctx)
	}, func(_ struct{}, err error) { apply(err) })
}

func runGuarded[T any](u *UI, what string, work func(context.Context) (T, error)) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			u.log.Error("ui: panic in background work", "work", what, "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("%s: internal error: %v", what, r)
		}
	}()
	return work(u.ctx)
}

// goSafe starts fn on a goroutine that logs a panic instead of crashing.
func (u *UI) goSafe(what string, fn func()) {
	go func() {
		defer u.recoverPanic(what)
		fn()
	}()
}

func (u *UI) recoverPanic(what string) {
	if r := recover(); r != nil {
		u.log.Error("ui: panic", "in", what, "panic", r, "stack", string(debug.Stack()))
	}
}

// refresher coalesces reloads: at most one runs at a time, and any number
// of requests made while it runs collapse into one rerun, so a burst of
// change events costs two queries, not fifty. UI goroutine only.
type refresher struct {
	run         func(done func())
	busy, again bool
}

func newRefresher(run func(done func())) *refresher { return &refresher{run: run} }

func (r *refresher) request() {
	if r.busy {
		r.again = true
		return
	}
	r.busy = true
	r.run(r.finish)
}

func (r *refresher) finish() {
	r.busy = false
	if r.again {
		r.again = false
		r.request()
	}
}

// debouncer runs fn on the UI goroutine once pokes have stopped for delay:
// the draft saves after typing pauses, not on every key. UI goroutine only.
type debouncer struct {
	u     *UI
	delay time.Duration
	fn    func()
	timer *time.Timer
	gen   int // invalidates timers already fired but not yet applied
}

func (d *debouncer) poke() {
	d.cancel()
	gen := d.gen
	d.timer = time.AfterFunc(d.delay, func() {
		if d.u.ctx.Err() != nil {
			return
		}
		d.u.do(func() {
			if gen == d.gen {
				d.fn()
			}
		})
	})
}

func (d *debouncer) cancel() {
	d.gen++
	if d.timer != nil {
		d.timer.Stop()
	}
}
