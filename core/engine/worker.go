package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
)

// watchRetry is the pause before a failed push connection is reopened.
const watchRetry = 30 * time.Second

// stopWait bounds how long stopping a worker waits for its pass to end.
const stopWait = 30 * time.Second

// worker syncs one account: a pass on schedule, on a poke, or when the
// remote says something changed.
type worker struct {
	e      *Engine
	acct   core.Account
	cancel context.CancelFunc
	wake   chan struct{}
	// done is closed when run returns: nothing of this worker writes any
	// more.
	done chan struct{}

	mu     sync.Mutex
	status core.AccountStatus
	conn   Conn
}

func newWorker(e *Engine, a core.Account, cancel context.CancelFunc) *worker {
	return &worker{e: e, acct: a, cancel: cancel, wake: make(chan struct{}, 1), done: make(chan struct{}), status: a.Status}
}

func (w *worker) poke() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// stop cancels the worker and waits until it has returned, at most
// stopWait: a pass honours its context, so this is quick, and the bound
// keeps a stuck connection from blocking the caller for good.
func (w *worker) stop() {
	w.cancel()
	select {
	case <-w.done:
	case <-time.After(stopWait):
		w.e.log.Warn("sync worker slow to stop", "account", w.acct.Name)
	}
}

func (w *worker) run(ctx context.Context) {
	defer close(w.done)
	defer w.closeConn()
	watching := false
	for {
		if w.replaced(ctx) {
			return
		}
		err := w.pass(ctx)
		if ctx.Err() != nil {
			return
		}
		if err == nil && !watching {
			watching = w.startWatch(ctx)
		}
		w.mu.Lock()
		next := w.schedule().Next(w.e.now(), err, w.status.ErrorCount)
		if err == nil && w.conn != nil {
			next = paced(next, w.conn)
		}
		w.status.NextAttempt = next
		w.mu.Unlock()
		if !w.sleepUntil(ctx, next) {
			return
		}
	}
}

// sleepUntil waits for the next pass; false when the worker must stop.
func (w *worker) sleepUntil(ctx context.Context, next time.Time) bool {
	t := time.NewTimer(max(next.Sub(w.e.now()), 0))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
	case <-w.wake:
	}
	return true
}

// replaced reports whether the account was edited or removed by another
// process (`hearth account edit` while the window runs, the window while
// `hearth sync` runs): an edit made here stops the worker first. The
// account then goes to a new worker with its new settings, or to none.
func (w *worker) replaced(ctx context.Context) bool {
	a, err := w.e.store.Account(ctx, w.acct.ID)
	switch {
	case errors.Is(err, core.ErrNotFound):
		a = core.Account{}
	case err != nil:
		return false // the pass meets the store's trouble and reports it
	case a.Name == w.acct.Name && bytes.Equal(a.Settings, w.acct.Settings):
		return false
	default:
		w.e.log.Info("account edited elsewhere; reconnecting with its new settings", "account", a.Name)
	}
	w.e.wg.Add(1) // this worker still counts, so Wait cannot have returned
	Go(w.e.log, "replace "+w.acct.Name, func() {
		defer w.e.wg.Done()
		w.e.replaceWorker(w, a)
	})
	return true
}

func (w *worker) schedule() Schedule {
	s := w.e.schedule
	if iv, ok := w.conn.(Intervaler); ok && iv.Interval() > 0 {
		s.Interval = iv.Interval()
	}
	return s
}

// pass runs one sync of the account and records its outcome.
func (w *worker) pass(ctx context.Context) (err error) {
	w.setStatus(func(st *core.AccountStatus) {
		st.State = core.SyncRunning
		st.Done, st.Total = 0, 0
	}, true)
	defer func() {
		if r := recover(); r != nil {
			w.e.log.Error("sync pass panicked", "account", w.acct.Name, "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("sync crashed (%v); Hearth will try again", r)
		}
		w.finish(ctx, err)
	}()
	conn, err := w.connection(ctx)
	if err != nil {
		return err
	}
	if err := conn.Sync(ctx, session{w}); err != nil {
		// A broken connection is reopened next time.
		w.closeConn()
		return err
	}
	w.readAudience(ctx, conn)
	return nil
}

// audienceRetry is the wait before a failed audience reading is tried
// again (the next pass after it).
const audienceRetry = time.Hour

// readAudience reads the account's audience when the last reading is
// older than the engine's audienceEvery. A failure loses nothing: the
// pass stays a success, the last count stays the count, and the status
// says why it is not updated (Message of an OK status) until a reading
// succeeds.
func (w *worker) readAudience(ctx context.Context, conn Conn) {
	ar, ok := conn.(AudienceReader)
	if !ok || w.e.audience == nil {
		return
	}
	now := w.e.now()
	if f := w.e.audienceFailure(w.acct.ID); !f.at.IsZero() && now.Sub(f.at) < audienceRetry {
		return
	}
	last, err := w.e.audience.LastAudience(ctx, w.acct.ID)
	if err == nil && !last.IsZero() && now.Sub(last) < w.e.audienceEvery {
		return
	}
	if err == nil {
		var n int64
		if n, err = ar.Audience(ctx); err == nil {
			err = w.e.audience.RecordAudience(ctx, w.acct.ID, n, now)
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		w.e.log.Warn("audience not read", "account", w.acct.Name, "err", err)
		msg, _ := describe(err)
		w.e.setAudienceFailure(w.acct.ID, audienceFailure{at: now, message: msg})
		return
	}
	w.e.setAudienceFailure(w.acct.ID, audienceFailure{})
}

// audienceFailure is the last failed audience reading of an account, kept
// by the engine so that the status says it, and the next try waits,
// across passes and workers (SyncOnce makes a worker per pass).
type audienceFailure struct {
	at      time.Time
	message string
}

func (e *Engine) audienceFailure(id int64) audienceFailure {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.audienceFailed[id]
}

func (e *Engine) setAudienceFailure(id int64, f audienceFailure) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if f.at.IsZero() {
		delete(e.audienceFailed, id)
		return
	}
	e.audienceFailed[id] = f
}

func (w *worker) finish(ctx context.Context, err error) {
	now := w.e.now()
	if ctx.Err() != nil && (err == nil || errors.Is(err, ctx.Err())) {
		// Stopped, not failed: keep the last real status.
		w.setStatus(func(st *core.AccountStatus) {
			if st.State == core.SyncRunning {
				st.State = core.SyncOK
				if st.LastSync.IsZero() {
					st.State = core.SyncIdle
				}
			}
		}, true)
		return
	}
	if err != nil {
		w.e.log.Warn("sync failed", "account", w.acct.Name, "err", err)
		w.setStatus(func(st *core.AccountStatus) { *st = failedStatus(*st, err, now) }, true)
		return
	}
	note := w.e.audienceFailure(w.acct.ID).message
	w.setStatus(func(st *core.AccountStatus) {
		*st = core.AccountStatus{State: core.SyncOK, LastSync: now, UpdatedAt: now, Message: note}
	}, true)
}

func (w *worker) connection(ctx context.Context) (Conn, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn != nil {
		return w.conn, nil
	}
	c, err := w.e.open(ctx, w.acct)
	if err != nil {
		return nil, err
	}
	w.conn = c
	return c, nil
}

func (w *worker) closeConn() {
	w.mu.Lock()
	c := w.conn
	w.conn = nil
	w.mu.Unlock()
	if c != nil {
		if err := c.Close(); err != nil {
			w.e.log.Debug("close connection", "account", w.acct.Name, "err", err)
		}
	}
}

// startWatch starts the push goroutine when the connection offers one.
// It opens its own connection: IDLE occupies a connection for good.
func (w *worker) startWatch(ctx context.Context) bool {
	w.mu.Lock()
	_, ok := w.conn.(Watcher)
	w.mu.Unlock()
	if !ok {
		return false
	}
	Go(w.e.log, "watch "+w.acct.Name, func() { w.watch(ctx) })
	return true
}

func (w *worker) watch(ctx context.Context) {
	for ctx.Err() == nil {
		c, err := w.e.open(ctx, w.acct)
		if err == nil {
			err = c.(Watcher).Watch(ctx, w.poke)
			c.Close()
		}
		if errors.Is(err, core.ErrUnsupported) {
			w.e.log.Info("no push for this account; polling", "account", w.acct.Name)
			return
		}
		if ctx.Err() != nil {
			return
		}
		w.e.log.Debug("watch ended; reconnecting", "account", w.acct.Name, "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(watchRetry):
		}
		w.poke() // catch up on whatever arrived while disconnected
	}
}

// setStatus changes the in-memory status, publishes it and, when persist is
// set, writes it to the store.
func (w *worker) setStatus(change func(*core.AccountStatus), persist bool) {
	w.mu.Lock()
	change(&w.status)
	w.status.UpdatedAt = w.e.now()
	st := w.status
	w.mu.Unlock()
	if persist {
		// Written with a fresh context: a status must land even while the
		// worker is being cancelled.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := w.e.store.SetAccountStatus(ctx, w.acct.ID, st); err != nil && !errors.Is(err, core.ErrNotFound) {
			w.e.log.Warn("save account status", "account", w.acct.Name, "err", err)
		}
	}
	w.e.setLiveStatus(w.acct.ID, st)
	w.e.bus.Publish(core.Event{Kind: core.EventStatus, AccountID: w.acct.ID})
}
