package calendar

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// EngineStore is what the publishing engine needs of the store.
type EngineStore interface {
	Setting(ctx context.Context, key string) (string, error)
	Post(ctx context.Context, id int64) (core.Post, error)
	CreatePost(ctx context.Context, p core.Post) (int64, error)
	SeriesTails(ctx context.Context) ([]core.Post, error)
	DueTargets(ctx context.Context, now time.Time) ([]core.PostTarget, error)
	NextDue(ctx context.Context) (time.Time, error)
	TargetsIn(ctx context.Context, state core.TargetState) ([]core.PostTarget, error)
	HoldTarget(ctx context.Context, id int64, reason string) error
	Target(ctx context.Context, id int64) (core.PostTarget, error)

	// The leased changes: an engine claims a target (to publish it, or
	// to check an unconfirmed one) under its owner, and every later change
	// is a compare-and-set on that owner that lets go of the target;
	// core.ErrNotFound when another engine holds it or took it over.
	ClaimTarget(ctx context.Context, id int64, now time.Time, owner core.OutboxOwner) (core.PostTarget, error)
	ClaimCheck(ctx context.Context, id int64, now time.Time, owner core.OutboxOwner) (core.PostTarget, error)
	PublishedTarget(ctx context.Context, t core.PostTarget, p core.Published) error
	FailTarget(ctx context.Context, t core.PostTarget, reason string) error
	UnconfirmTarget(ctx context.Context, t core.PostTarget, reason string) error
	RescheduleTarget(ctx context.Context, t core.PostTarget, retryAt time.Time, reason string) error
	ReleaseTarget(ctx context.Context, t core.PostTarget) error
	TargetHeartbeat(ctx context.Context, owner core.OutboxOwner, now time.Time) (int, error)
	TargetLeases(ctx context.Context) ([]core.PostTarget, error)
	TakeOverTarget(ctx context.Context, t core.PostTarget) error

	// What was uploaded of a target's pictures, so a retry never uploads
	// one again.
	Uploads(ctx context.Context, targetID int64) (map[string]core.MediaUpload, error)
	RecordUpload(ctx context.Context, u core.MediaUpload) error
}

// Opener opens a connection to a channel account: core/engine's Engine.Open.
type Opener interface {
	Open(ctx context.Context, accountID int64) (engine.Conn, error)
}

// EngineParams wires the publishing engine.
type EngineParams struct {
	Store    EngineStore
	Channels Opener
	Notify   Notifier         // nil: nobody listens
	Log      *slog.Logger     // nil: slog.Default
	Now      func() time.Time // nil: time.Now
	// CallTimeout bounds one publish call; past it the outcome is unknown.
	// Zero: two minutes.
	CallTimeout time.Duration
}

// Engine publishes due posts, each target once. It wakes every minute and
// when poked; its decisions use Now, so tests drive it with a fixed clock
// through Recover and Pass. Several engines may run on one workspace (the
// window and a `hearth sync` daemon): each holds the targets it works on
// under its own lease.
type Engine struct {
	store    EngineStore
	channels Opener
	notify   Notifier
	log      *slog.Logger
	now      func() time.Time
	timeout  time.Duration
	poke     chan struct{}
	wg       sync.WaitGroup
	owner    core.OutboxOwner

	held engine.Holds // targets this engine is working on right now
}

// NewEngine builds a publishing engine; nothing runs until Start.
func NewEngine(p EngineParams) *Engine {
	e := &Engine{store: p.Store, channels: p.Channels, notify: p.Notify, log: p.Log, now: p.Now,
		timeout: p.CallTimeout, poke: make(chan struct{}, 1), owner: engine.NewOwner()}
	if e.notify == nil {
		e.notify = nopNotifier{}
	}
	if e.log == nil {
		e.log = slog.Default()
	}
	if e.now == nil {
		e.now = time.Now
	}
	if e.timeout == 0 {
		e.timeout = 2 * time.Minute
	}
	return e
}

// Poke wakes the engine after a change (a post scheduled, moved, retried).
func (e *Engine) Poke() {
	select {
	case e.poke <- struct{}{}:
	default:
	}
}

// Start recovers what a previous run left publishing, then runs passes in
// a goroutine until ctx ends; Wait waits for it.
func (e *Engine) Start(ctx context.Context) error {
	if err := e.Recover(ctx); err != nil {
		return err
	}
	e.wg.Add(1)
	engine.Go(e.log, "calendar publisher", func() {
		defer e.wg.Done()
		e.run(ctx)
	})
	return nil
}

// Wait blocks until the goroutine of Start returned.
func (e *Engine) Wait() { e.wg.Wait() }

// Recover takes over the targets an engine that is gone (a killed process)
// held: those it was publishing become unconfirmed and are checked against
// their channel before anything else. A live engine's are left alone.
func (e *Engine) Recover(ctx context.Context) error {
	n, err := e.takeOver(ctx)
	if err != nil {
		return fmt.Errorf("calendar: recover: %w", err)
	}
	if n > 0 {
		e.log.Warn("calendar: posts left publishing by a stopped run are unconfirmed", "count", n)
		e.notify.Publish(core.Event{Kind: EventCalendar})
	}
	return nil
}

func (e *Engine) run(ctx context.Context) {
	for {
		if _, err := e.Pass(ctx); err != nil && ctx.Err() == nil {
			e.log.Error("calendar: publishing pass", "err", err)
		}
		timer := time.NewTimer(e.sleep(ctx))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-e.poke:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// sleep is how long to wait for the next due target, a minute at most (a
// clock change or a sleeping laptop cannot make the engine miss much).
func (e *Engine) sleep(ctx context.Context) time.Duration {
	next, err := e.store.NextDue(ctx)
	if err != nil {
		return time.Minute
	}
	return min(max(next.Sub(e.now()), time.Second), time.Minute)
}

// Pass does one round: take over what a stopped engine held, check the
// unconfirmed targets, publish the due ones (or hold the late ones), then
// make the next occurrence of each series that is settled. It returns how
// many targets it handled.
func (e *Engine) Pass(ctx context.Context) (int, error) {
	ids, err := e.pass(ctx)
	return len(ids), err
}

// pass is Pass, returning the ids of the targets it handled.
func (e *Engine) pass(ctx context.Context) ([]int64, error) {
	if err := e.Recover(ctx); err != nil {
		return nil, err
	}
	defer engine.KeepAlive(ctx, e.log, "calendar", func(ctx context.Context) error {
		_, err := e.store.TargetHeartbeat(ctx, e.owner, e.now())
		return err
	})()
	conns := newConnCache(e.channels)
	defer conns.close()
	handled, err := e.confirm(ctx, conns)
	if err != nil {
		return handled, err
	}
	due, err := e.publishDue(ctx, conns)
	handled = append(handled, due...)
	if err != nil {
		return handled, err
	}
	if err := e.advanceSeries(ctx); err != nil {
		return handled, err
	}
	if len(handled) > 0 {
		e.notify.Publish(core.Event{Kind: EventCalendar})
	}
	return handled, nil
}

// notConfirmed is what a person reads on a target whose earlier attempt
// left no post on its channel.
const notConfirmed = "not confirmed: check the channel, then retry"

// confirm asks each channel whether the unconfirmed targets' posts exist:
// found is published, absent is failed for a person to retry. Never a
// blind retry: the channel may show the post late. A target another
// engine is checking is left to it.
func (e *Engine) confirm(ctx context.Context, conns *connCache) ([]int64, error) {
	ts, err := e.store.TargetsIn(ctx, core.TargetUnconfirmed)
	if err != nil {
		return nil, fmt.Errorf("calendar: confirm: %w", err)
	}
	var handled []int64
	for _, t := range ts {
		if err := ctx.Err(); err != nil {
			return handled, err
		}
		if e.confirmOne(ctx, conns, t) {
			handled = append(handled, t.ID)
		}
	}
	return handled, nil
}

// confirmOne checks one unconfirmed target; false when another engine
// holds it.
func (e *Engine) confirmOne(ctx context.Context, conns *connCache, t core.PostTarget) bool {
	e.held.Set(t.ID, true)
	defer e.held.Set(t.ID, false)
	claimed, err := e.store.ClaimCheck(ctx, t.ID, e.now(), e.owner)
	if errors.Is(err, core.ErrNotFound) {
		return false
	}
	if err != nil {
		e.log.Error("calendar: confirm", "target", t.ID, "err", err)
		return false
	}
	found, ok, err := e.find(ctx, conns, claimed)
	ctx = context.WithoutCancel(ctx) // what was learnt is written
	switch {
	case err != nil:
		e.log.Warn("calendar: cannot check an unconfirmed post yet", "target", t.ID, "err", err)
		err = e.store.ReleaseTarget(ctx, claimed)
	case ok:
		err = e.store.PublishedTarget(ctx, claimed, stamped(found, e.now()))
	default:
		err = e.store.FailTarget(ctx, claimed, notConfirmed)
	}
	if err != nil {
		e.log.Error("calendar: confirm", "target", t.ID, "err", err)
	}
	return true
}

// find asks the target's channel for its post.
func (e *Engine) find(ctx context.Context, conns *connCache, t core.PostTarget) (core.Published, bool, error) {
	post, err := e.store.Post(ctx, t.PostID)
	if err != nil {
		return core.Published{}, false, err
	}
	pub, err := conns.publisher(ctx, t.AccountID)
	if err != nil {
		return core.Published{}, false, err
	}
	p, err := e.publication(ctx, post, t, false)
	if err != nil {
		return core.Published{}, false, err
	}
	callCtx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	return pub.FindPublished(callCtx, p)
}

// publishDue publishes the due targets one after the other.
func (e *Engine) publishDue(ctx context.Context, conns *connCache) ([]int64, error) {
	now := e.now()
	due, err := e.store.DueTargets(ctx, now)
	if err != nil {
		return nil, fmt.Errorf("calendar: due: %w", err)
	}
	policy, err := e.latePolicy(ctx)
	if err != nil {
		return nil, err
	}
	var handled []int64
	for _, t := range due {
		if err := ctx.Err(); err != nil {
			return handled, err
		}
		mine, err := e.publishOne(ctx, conns, t, policy, now)
		if err != nil {
			return handled, err
		}
		if mine {
			handled = append(handled, t.ID)
		}
	}
	return handled, nil
}

// publishOne publishes (or holds) one due target; false when another
// engine took it first or it was moved meanwhile.
func (e *Engine) publishOne(ctx context.Context, conns *connCache, t core.PostTarget, policy LatePolicy, now time.Time) (bool, error) {
	post, err := e.store.Post(ctx, t.PostID)
	if err != nil {
		return false, fmt.Errorf("calendar: publish target %d: %w", t.ID, err)
	}
	if late := now.Sub(t.Due(post.At)); policy.holds(late) && !t.LateOK {
		err := e.store.HoldTarget(ctx, t.ID, fmt.Sprintf("%s late (Hearth was not running at its time): publish it now, move it or skip it", late.Round(time.Minute)))
		if errors.Is(err, core.ErrNotFound) {
			return false, nil // another engine got to it first
		}
		return err == nil, err
	}
	e.held.Set(t.ID, true)
	defer e.held.Set(t.ID, false)
	// Written before the call: a crash from here on leaves "publishing"
	// under this engine's lease, which the next engine to find it gone
	// turns into unconfirmed.
	claimed, err := e.store.ClaimTarget(ctx, t.ID, now, e.owner)
	if errors.Is(err, core.ErrNotFound) {
		return false, nil // no longer scheduled: another engine took it, or it was moved
	}
	if err != nil {
		return false, fmt.Errorf("calendar: publish target %d: %w", t.ID, err)
	}
	res, err := e.call(ctx, conns, post, claimed)
	return true, e.record(context.WithoutCancel(ctx), claimed, res, err)
}

func (e *Engine) call(ctx context.Context, conns *connCache, post core.Post, t core.PostTarget) (core.Published, error) {
	pub, err := conns.publisher(ctx, t.AccountID)
	if err != nil {
		return core.Published{}, errNotSent{err}
	}
	// The pictures are fitted before the call: one that cannot go out
	// fails the target before anything reaches the channel.
	p, err := e.publication(ctx, post, t, true)
	if err != nil {
		return core.Published{}, core.NotPosted(err)
	}
	// Each picture's upload is its own call: the timeout grows with them.
	callCtx, cancel := context.WithTimeout(ctx, e.timeout*time.Duration(1+len(p.Images)))
	defer cancel()
	return pub.Publish(callCtx, p)
}

// errNotSent marks a failure before anything reached the channel (the
// connection could not be opened): retrying cannot post twice.
type errNotSent struct{ error }

func (e errNotSent) Unwrap() error { return e.error }

// record writes the outcome of a publish call. A target taken over
// meanwhile (this engine stalled past its lease) is the taker's now: its
// check finds the post, so the outcome is only logged.
func (e *Engine) record(ctx context.Context, t core.PostTarget, res core.Published, err error) error {
	o := classify(err)
	if o.state == core.TargetScheduled && o.at.IsZero() && t.Attempts >= maxAttempts {
		o = outcome{state: core.TargetFailed, reason: core.SayN("{{.Reason}}; tried {{.Count}} time: retry when the channel is back",
			"{{.Reason}}; tried {{.Count}} times: retry when the channel is back", t.Attempts, "Reason", o.reason).Error()}
	}
	var werr error
	switch o.state {
	case core.TargetPublished:
		werr = e.store.PublishedTarget(ctx, t, stamped(res, e.now()))
	case core.TargetUnconfirmed:
		werr = e.store.UnconfirmTarget(ctx, t, o.reason)
	case core.TargetScheduled:
		werr = e.store.RescheduleTarget(ctx, t, o.retryAt(e.now(), t.Attempts), o.reason)
	default:
		werr = e.store.FailTarget(ctx, t, o.reason)
	}
	if err != nil {
		e.log.Warn("calendar: publish", "target", t.ID, "account", t.Account, "err", err)
	}
	if errors.Is(werr, core.ErrNotFound) {
		e.log.Warn("calendar: another engine took the target over meanwhile", "target", t.ID, "outcome", o.state, "err", werr)
		return nil
	}
	if werr != nil {
		return fmt.Errorf("calendar: record target %d: %w", t.ID, werr)
	}
	return nil
}

// stamped dates a publication the channel did not date.
func stamped(p core.Published, now time.Time) core.Published {
	if p.At.IsZero() {
		p.At = now
	}
	return p
}
