package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
)

// deadRunner is the identity of a runner of an earlier process that had
// this process's pid: its token is none of this process's runners'.
func deadRunner() core.OutboxOwner {
	host, _ := os.Hostname()
	return core.OutboxOwner{Host: host, PID: os.Getpid(), Token: "an-earlier-process"}
}

// deadPID is the pid of a process of this machine that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// gateDriver is a channel whose replies hang until released, as a slow
// SMTP server would: with deliverFirst the reply is delivered and only its
// answer hangs, else it is delivered once released.
type gateDriver struct {
	*fakeDriver
	deliverFirst bool
	entered      chan string   // the key of a reply being sent
	release      chan struct{} // closed: the pending replies complete
}

func newGate(d *fakeDriver, deliverFirst bool) *gateDriver {
	return &gateDriver{fakeDriver: d, deliverFirst: deliverFirst, entered: make(chan string, 1), release: make(chan struct{})}
}

func (g *gateDriver) Open(context.Context, core.Account, engine.Secrets) (engine.Conn, error) {
	return gateConn{fakeConn{g.fakeDriver}, g}, nil
}

type gateConn struct {
	fakeConn
	g *gateDriver
}

func (c gateConn) Reply(ctx context.Context, it core.Item, r core.Reply, key string) (string, error) {
	if c.g.deliverFirst {
		id, err := c.fakeConn.Reply(ctx, it, r, key)
		c.g.entered <- key
		<-c.g.release
		return id, err
	}
	c.g.entered <- key
	<-c.g.release
	return c.fakeConn.Reply(ctx, it, r, key)
}

// twoProcesses opens one workspace file twice, as two processes do (the
// window and `hearth sync --once`), with one account holding one item. A
// runs on the channel gate (nil: d), B on d; B's clock is ahead by skew.
func twoProcesses(t *testing.T, d *fakeDriver, gate *gateDriver, skew time.Duration) (stA, stB *store.Store, eA, eB *engine.Engine, a core.Account) {
	t.Helper()
	ctx := context.Background()
	path := coretest.NewDB(t) // a migrated workspace's copy: no migration per test
	open := func() *store.Store {
		st, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	stA = open()
	id, err := stA.CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "work", Settings: json.RawMessage(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	a, _ = stA.Account(ctx, id)
	stB = open()
	var driverA engine.Driver = d
	if gate != nil {
		driverA = gate
	}
	eA = engine.New(engine.Params{Store: stA, Drivers: []engine.Driver{driverA}})
	eB = engine.New(engine.Params{Store: stB, Drivers: []engine.Driver{d}, Now: func() time.Time { return time.Now().Add(skew) }})
	if err := eA.SyncOnce(ctx, 0); err != nil {
		t.Fatal(err)
	}
	return stA, stB, eA, eB, a
}

// flushInBackground runs A's outbox while the test plays B.
func flushInBackground(e *engine.Engine) <-chan error {
	done := make(chan error, 1)
	go func() {
		_, err := e.FlushOutbox(context.Background())
		done <- err
	}()
	return done
}

// A `sync --once` running while the window sends a reply leaves that
// reply to the window: it neither takes it over nor checks the channel
// for it before the window has delivered it, so the reply ends sent, once,
// never "failed".
func TestOutboxLeavesALiveRunnersEntryAlone(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	gate := newGate(d, false)
	stA, stB, eA, eB, a := twoProcesses(t, d, gate, 0)
	ctx := context.Background()
	id := queueReply(t, stA, a, "<live@x>")
	other := queueReply(t, stA, a, "<other@x>")

	doneA := flushInBackground(eA)
	<-gate.entered // the window is sending the first reply
	run, err := eB.FlushOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := outboxState(t, stB, id); got.State != core.OutboxSending || got.Owner.Token == "" {
		t.Errorf("while the window sends it, the reply is %s held by %+v; want sending, held by the window", got.State, got.Owner)
	}
	if run.Handled != 1 || len(run.NeedPerson) != 0 {
		t.Errorf("sync --once handled %d entries, %d needing a person; want the other reply only", run.Handled, len(run.NeedPerson))
	}
	close(gate.release)
	if err := <-doneA; err != nil {
		t.Fatal(err)
	}
	for _, e := range []int64{id, other} {
		if got := outboxState(t, stA, e); got.State != core.OutboxSent {
			t.Errorf("reply %d is %s (%s), want sent", e, got.State, got.LastError)
		}
	}
	if len(d.replies) != 2 {
		t.Errorf("%d replies delivered (%v), want each once", len(d.replies), d.replies)
	}
}

// A runner stalled past its lease is taken over: the other runner finds
// the reply delivered and records it. When the stalled one wakes up its
// changes land nowhere: one state, one reply in the thread.
func TestOutboxStalledRunnerIsTakenOverAndCannotOverwrite(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	gate := newGate(d, true)
	stA, stB, eA, eB, a := twoProcesses(t, d, gate, 11*time.Minute)
	ctx := context.Background()
	id := queueReply(t, stA, a, "<stalled@x>")

	doneA := flushInBackground(eA)
	<-gate.entered // delivered; the answer hangs past the lease
	run, err := eB.FlushOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := outboxState(t, stB, id); got.State != core.OutboxSent || run.Handled != 1 {
		t.Fatalf("after taking over, the reply is %s (%s); want sent: it was found on the channel", got.State, got.LastError)
	}
	close(gate.release)
	if err := <-doneA; err != nil {
		t.Fatal(err)
	}
	got := outboxState(t, stA, id)
	if got.State != core.OutboxSent || got.RemoteID != "stalled@x" || len(d.replies) != 1 { // as the taker recorded it
		t.Errorf("entry = %s %q, %d deliveries; want sent once, as found by the runner that took over", got.State, got.RemoteID, len(d.replies))
	}
	it, _ := stA.ItemByRemoteID(ctx, a.ID, "m0@x")
	th, err := stA.Thread(ctx, it.ThreadID)
	if err != nil || len(th.Items) != 2 {
		t.Errorf("thread = %d items, %v; want the message and one reply", len(th.Items), err)
	}
}

// A runner whose process is gone from this machine is taken over at once,
// whatever its last heartbeat; one on another machine is waited for.
func TestOutboxTakesOverDeadProcessesOnly(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	st, _, _, eB, a := twoProcesses(t, d, nil, 0)
	ctx := context.Background()
	host, _ := os.Hostname()
	dead := core.OutboxOwner{Host: host, PID: deadPID(t), Token: "dead"}
	elsewhere := core.OutboxOwner{Host: "another.example", PID: 1, Token: "elsewhere"}
	claim := func(key string, owner core.OutboxOwner) int64 {
		id := queueReply(t, st, a, key)
		if _, err := st.ClaimOutbox(ctx, id, time.Now(), owner); err != nil {
			t.Fatal(err)
		}
		return id
	}
	delivered := claim("<delivered@x>", dead)
	d.remote["<delivered@x>"] = true // it went out before the process died
	unknown := claim("<unknown@x>", deadRunner())
	remote := claim("<remote@x>", elsewhere)

	run, err := eB.FlushOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := outboxState(t, st, delivered); got.State != core.OutboxSent {
		t.Errorf("the reply a dead process delivered is %s, want sent", got.State)
	}
	got := outboxState(t, st, unknown)
	if got.State != core.OutboxUnconfirmed || !got.NeedsPerson() {
		t.Errorf("the reply a dead process may have sent is %s, want unconfirmed, waiting for a person", got.State)
	}
	if got := outboxState(t, st, remote); got.State != core.OutboxSending || got.Owner != elsewhere {
		t.Errorf("the reply another machine sends is %s held by %+v, want left to it", got.State, got.Owner)
	}
	if len(run.NeedPerson) != 1 || run.NeedPerson[0].ID != unknown {
		t.Errorf("needing a person: %+v, want the unknown reply", run.NeedPerson)
	}
	if len(d.replies) != 0 {
		t.Errorf("%d replies sent again, want none", len(d.replies))
	}
}

// What fails for good in a run is reported, for `sync --once` to exit
// non-zero.
func TestFlushOutboxReportsWhatNeedsAPerson(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	st, e, a := setup(t, d)
	ctx := context.Background()
	e.SyncOnce(ctx, 0)
	d.replyErr = &core.RemoteError{Problem: core.ProblemAuth, Message: "the server refused the password"}
	id := queueReply(t, st, a, "<refused@x>")
	run, err := e.FlushOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.NeedPerson) != 1 || run.NeedPerson[0].ID != id || run.NeedPerson[0].State != core.OutboxFailed {
		t.Errorf("run = %+v, want entry %d failed", run, id)
	}
	if run, _ := e.FlushOutbox(ctx); run.Handled != 0 || len(run.NeedPerson) != 0 {
		t.Errorf("a second run reports %+v: what failed before is not news", run)
	}
}

// The check of an unknown outcome that cannot reach the channel keeps
// checking; one that does not find the reply leaves it unconfirmed, never
// failed.
func TestOutboxUnknownOutcomeNotFoundIsUnconfirmed(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	st, e, a := setup(t, d)
	ctx := context.Background()
	e.SyncOnce(ctx, 0)
	d.replyErr = errors.Join(core.ErrUnknownOutcome, errors.New("timeout after DATA"))
	id := queueReply(t, st, a, "<lost@x>")
	e.FlushOutbox(ctx)
	delete(d.remote, "<lost@x>") // the channel has no trace of it
	later := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{d}, Now: func() time.Time { return time.Now().Add(2 * time.Minute) }})
	if _, err := later.FlushOutbox(ctx); err != nil {
		t.Fatal(err)
	}
	got := outboxState(t, st, id)
	if got.State != core.OutboxUnconfirmed || !got.NeedsPerson() || got.AttemptedAt.IsZero() {
		t.Errorf("entry = %+v; want unconfirmed, waiting for a person, with when it was tried", got)
	}
}
