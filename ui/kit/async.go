package kit

import (
	"context"
	"time"
)

// Background runs work off the UI goroutine, under the window's context, and
// hands the result to apply on the UI goroutine. Every backend call goes
// through it, so the window never waits on IO and widgets change only on the
// UI goroutine. A panic in work becomes an error for apply; a panic in apply
// is logged. Results that arrive after the window closed are dropped.
func Background[T any](e *Env, what string, work func(context.Context) (T, error), apply func(T, error)) {
	e.pending.Add(1)
	go func() {
		defer e.pending.Add(-1) // after Do queued the result
		var v T
		err := e.guard(what, func(ctx context.Context) error {
			var err error
			v, err = work(ctx)
			return err
		})
		if e.Ctx.Err() != nil {
			return
		}
		e.Do(func() {
			defer e.Recover(what)
			apply(v, err)
		})
	}()
}

// BackgroundErr is background for work that only answers an error.
func BackgroundErr(e *Env, what string, work func(context.Context) error, apply func(error)) {
	Background(e, what, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, work(ctx)
	}, func(_ struct{}, err error) { apply(err) })
}

// Refresher coalesces reloads: at most one runs at a time, and any number
// of requests made while it runs collapse into one rerun, so a burst of
// change events costs two queries, not fifty. UI goroutine only.
type Refresher struct {
	run         func(done func())
	busy, again bool
}

// NewRefresher coalesces the reloads run does; run calls done when it
// has finished.
func NewRefresher(run func(done func())) *Refresher { return &Refresher{run: run} }

// Request runs a reload now, or once more after the one running.
func (r *Refresher) Request() {
	if r.busy {
		r.again = true
		return
	}
	r.busy = true
	r.run(r.finish)
}

// Busy reports whether a reload is running.
func (r *Refresher) Busy() bool { return r.busy }

func (r *Refresher) finish() {
	r.busy = false
	if r.again {
		r.again = false
		r.Request()
	}
}

// Debouncer runs fn on the UI goroutine once pokes have stopped for delay:
// the draft saves after typing pauses, not on every key. UI goroutine only.
type Debouncer struct {
	Env   *Env
	Delay time.Duration
	Fn    func()
	timer *time.Timer
	gen   int // invalidates timers already fired but not yet applied
}

// Poke restarts the wait: Fn runs once pokes have stopped for Delay.
func (d *Debouncer) Poke() {
	d.Cancel()
	gen := d.gen
	d.timer = time.AfterFunc(d.Delay, func() {
		if d.Env.Ctx.Err() != nil {
			return
		}
		d.Env.Do(func() {
			if gen == d.gen {
				d.Fn()
			}
		})
	})
}

// Cancel drops a pending run, even one whose timer already fired.
func (d *Debouncer) Cancel() {
	d.gen++
	if d.timer != nil {
		d.timer.Stop()
	}
}
