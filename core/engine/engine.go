package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Store is what the engine needs of the workspace store.
type Store interface {
	Accounts(ctx context.Context) ([]core.Account, error)
	Account(ctx context.Context, id int64) (core.Account, error)
	SetAccountStatus(ctx context.Context, id int64, st core.AccountStatus) error
	Cursor(ctx context.Context, accountID int64, key string) ([]byte, error)
	ApplyBatch(ctx context.Context, accountID int64, b core.Batch) (core.BatchResult, error)
	Known(ctx context.Context, accountID int64, remoteIDs []string) (map[string]bool, error)
	// SetIdentityBan records a community ban of an identity; a zero until
	// lifts it.
	SetIdentityBan(ctx context.Context, kind core.IdentityKind, address string, until time.Time) error
	// Setting reads a workspace setting (the channel defaults).
	Setting(ctx context.Context, key string) (string, error)
	OutboxStore
}

// Params wires an engine.
type Params struct {
	Store    Store
	Drivers  []Driver
	Secrets  Secrets
	Log      *slog.Logger
	Now      func() time.Time // nil: time.Now
	Schedule Schedule         // zero: DefaultSchedule
	// Tone reads the tone of an item at ingest (core/tone); nil leaves
	// it to the background analysis.
	Tone ToneReader
	// Audience keeps the follower and member counts a sync pass reads
	// from connections that can (AudienceReader), at most every
	// AudienceEvery (zero: 6 hours); nil reads none.
	Audience      AudienceKeeper
	AudienceEvery time.Duration
}

// Engine runs one worker goroutine per account and the outbox.
type Engine struct {
	store    Store
	drivers  map[core.AccountKind]Driver
	secrets  Secrets
	log      *slog.Logger
	now      func() time.Time
	schedule Schedule
	tone     ToneReader
	bus      *Bus
	audience AudienceKeeper
	// audienceEvery is the least time between two readings of an
	// account's audience.
	audienceEvery time.Duration

	mu      sync.Mutex
	ctx     context.Context // set by Start; parent of every worker
	workers map[int64]*worker
	live    map[int64]core.AccountStatus // statuses with live progress
	outbox  *outboxRunner
	wg      sync.WaitGroup
	paused  bool // no account syncs until Resume
	// audienceFailed: each account's last failed audience reading, until
	// one succeeds.
	audienceFailed map[int64]audienceFailure
}

// New builds an engine; nothing runs until Start or SyncOnce.
func New(p Params) *Engine {
	e := &Engine{
		store:          p.Store,
		drivers:        map[core.AccountKind]Driver{},
		secrets:        p.Secrets,
		log:            p.Log,
		now:            p.Now,
		schedule:       p.Schedule,
		tone:           p.Tone,
		audience:       p.Audience,
		audienceEvery:  p.AudienceEvery,
		bus:            NewBus(),
		workers:        map[int64]*worker{},
		live:           map[int64]core.AccountStatus{},
		audienceFailed: map[int64]audienceFailure{},
	}
	for _, d := range p.Drivers {
		e.drivers[d.Kind()] = d
	}
	if e.log == nil {
		e.log = slog.Default()
	}
	if e.now == nil {
		e.now = time.Now
	}
	if e.audienceEvery == 0 {
		e.audienceEvery = 6 * time.Hour
	}
	if e.schedule.Interval == 0 {
		e.schedule = DefaultSchedule()
	}
	e.outbox = newOutboxRunner(e)
	return e
}

// Subscribe returns change events: items written, statuses, outbox states.
func (e *Engine) Subscribe() (<-chan core.Event, func()) { return e.bus.Subscribe() }

// Publish forwards an event from a use case (a state change made by hand)
// to every subscriber.
func (e *Engine) Publish(ev core.Event) { e.bus.Publish(ev) }

// Start launches a worker for every account and the outbox runner. They
// stop when ctx is cancelled; Wait waits for them.
func (e *Engine) Start(ctx context.Context) error {
	accts, err := e.store.Accounts(ctx)
	if err != nil {
		return fmt.Errorf("sync: start: %w", err)
	}
	e.mu.Lock()
	e.ctx = ctx
	e.mu.Unlock()
	for _, a := range accts {
		e.startWorker(a)
	}
	e.wg.Add(1)
	Go(e.log, "outbox", func() {
		defer e.wg.Done()
		e.outbox.run(ctx)
	})
	return nil
}

// Wait blocks until every goroutine started by Start has returned.
func (e *Engine) Wait() { e.wg.Wait() }

// AddAccount starts syncing a newly created account.
func (e *Engine) AddAccount(a core.Account) {
	e.startWorker(a)
	e.bus.Publish(core.Event{Kind: core.EventAccount, AccountID: a.ID})
}

// RemoveAccount stops an account's worker and returns once it has stopped
// writing (before its rows are deleted or its settings changed). The
// outbox's connection to it is retired too: the next action opens one with
// whatever settings the account has then.
func (e *Engine) RemoveAccount(id int64) {
	e.mu.Lock()
	w := e.workers[id]
	delete(e.workers, id)
	e.mu.Unlock()
	if w != nil {
		w.stop()
	}
	e.outbox.retireConn(id)
	e.bus.Publish(core.Event{Kind: core.EventAccount, AccountID: id})
}

// replaceWorker hands an account whose worker found it changed to a new
// worker (a zero a: removed, to none), unless an edit made here already
// did. It waits for the old worker to end first: one writer per account.
func (e *Engine) replaceWorker(old *worker, a core.Account) {
	id := old.acct.ID
	e.mu.Lock()
	current := e.workers[id] == old
	if current {
		delete(e.workers, id)
	}
	e.mu.Unlock()
	if !current {
		return
	}
	<-old.done
	e.outbox.retireConn(id)
	if a.ID == 0 {
		e.bus.Publish(core.Event{Kind: core.EventAccount, AccountID: id})
		return
	}
	e.AddAccount(a)
}

// Pause stops every account's sync and starts none (an account added
// meanwhile included) until Resume; it returns once the workers have
// stopped writing. The outbox still sends what a person queued: pausing
// the inbound sync must not lose a reply.
func (e *Engine) Pause() {
	e.mu.Lock()
	e.paused = true
	ws := make([]*worker, 0, len(e.workers))
	for id, w := range e.workers {
		ws = append(ws, w)
		delete(e.workers, id)
	}
	e.mu.Unlock()
	for _, w := range ws {
		w.stop()
		e.bus.Publish(core.Event{Kind: core.EventStatus, AccountID: w.acct.ID})
	}
}

// Resume starts the sync of every account again after Pause.
func (e *Engine) Resume(ctx context.Context) error {
	e.mu.Lock()
	e.paused = false
	e.mu.Unlock()
	accts, err := e.store.Accounts(ctx)
	if err != nil {
		return fmt.Errorf("sync: resume: %w", err)
	}
	for _, a := range accts {
		e.startWorker(a)
	}
	return nil
}

// Paused reports whether the sync is paused.
func (e *Engine) Paused() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.paused
}

// Trigger asks an account's worker (0: every worker) to sync now.
func (e *Engine) Trigger(id int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for wid, w := range e.workers {
		if id == 0 || wid == id {
			w.poke()
		}
	}
}

// KickOutbox wakes the outbox runner after something was queued.
func (e *Engine) KickOutbox() { e.outbox.poke() }

func (e *Engine) startWorker(a core.Account) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ctx == nil || e.paused || e.workers[a.ID] != nil {
		return
	}
	ctx, cancel := context.WithCancel(e.ctx)
	w := newWorker(e, a, cancel)
	e.workers[a.ID] = w
	e.wg.Add(1)
	Go(e.log, "sync "+a.Name, func() {
		defer e.wg.Done()
		w.run(ctx)
	})
}

// SyncOnce runs one pass of an account (0: every account, one after the
// other) in the calling goroutine: `hearth sync --once`. It returns the
// first error, after trying every account.
func (e *Engine) SyncOnce(ctx context.Context, id int64) error {
	accts, err := e.accountsFor(ctx, id)
	if err != nil {
		return err
	}
	var errs []error
	for _, a := range accts {
		w := newWorker(e, a, func() {})
		if err := w.pass(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", a.Name, err))
		}
		w.closeConn()
	}
	return errors.Join(errs...)
}

// FlushOutbox sends what is due in the outbox now, in the calling
// goroutine, and says what it did: how many entries it handled, and which
// of them now wait for a person. Entries another live runner holds (the
// window, a daemon) are left to it.
func (e *Engine) FlushOutbox(ctx context.Context) (OutboxRun, error) {
	defer e.outbox.closeConns()
	var run OutboxRun
	if err := e.outbox.drain(ctx, &run); err != nil {
		return run, fmt.Errorf("sync: outbox: %w", err)
	}
	return run, nil
}

func (e *Engine) accountsFor(ctx context.Context, id int64) ([]core.Account, error) {
	if id != 0 {
		a, err := e.store.Account(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("sync: %w", err)
		}
		return []core.Account{a}, nil
	}
	accts, err := e.store.Accounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("sync: %w", err)
	}
	return accts, nil
}

// open returns a connection for an account through its driver.
func (e *Engine) open(ctx context.Context, a core.Account) (Conn, error) {
	d, ok := e.drivers[a.Kind]
	if !ok {
		return nil, &core.RemoteError{Problem: core.ProblemConfig,
			Message: fmt.Sprintf("this build of Hearth cannot sync %s accounts", a.Kind)}
	}
	return d.Open(ctx, e.channelDefaults(ctx).Apply(a), e.secrets)
}

// channelDefaults are the workspace's defaults for what an account leaves
// unset, read at each opening so a change in the settings applies at the
// next connection; unreadable ones fall back to the built-in values.
func (e *Engine) channelDefaults(ctx context.Context) core.ChannelDefaults {
	d := core.DefaultChannelDefaults()
	v, err := e.store.Setting(ctx, core.SettingChannelDefaults)
	if err != nil {
		return d
	}
	if json.Unmarshal([]byte(v), &d) != nil || d.Validate() != nil {
		return core.DefaultChannelDefaults()
	}
	return d
}

// Open returns a new connection to an account, for use cases that act on
// the remote outside a sync pass (the calendar's publisher). The caller
// closes it.
func (e *Engine) Open(ctx context.Context, accountID int64) (Conn, error) {
	a, err := e.store.Account(ctx, accountID)
	if err != nil {
		return nil, err
	}
	return e.open(ctx, a)
}

// Driver returns the driver of a kind, for connection tests of unsaved
// settings.
func (e *Engine) Driver(kind core.AccountKind) (Driver, bool) {
	d, ok := e.drivers[kind]
	return d, ok
}

func (e *Engine) setLiveStatus(id int64, st core.AccountStatus) {
	e.mu.Lock()
	e.live[id] = st
	e.mu.Unlock()
}

// LiveStatus returns the in-memory status of an account, with progress of a
// running pass; false when no worker has reported yet.
func (e *Engine) LiveStatus(id int64) (core.AccountStatus, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st, ok := e.live[id]
	return st, ok
}
