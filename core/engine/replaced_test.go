package engine_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
)

// settingsDriver notes the settings of every connection it opens.
type settingsDriver struct {
	mu     sync.Mutex
	opened []string
}

func (d *settingsDriver) Kind() core.AccountKind { return core.KindVK }

func (d *settingsDriver) Open(_ context.Context, a core.Account, _ engine.Secrets) (engine.Conn, error) {
	d.mu.Lock()
	d.opened = append(d.opened, string(a.Settings))
	d.mu.Unlock()
	return quietConn{}, nil
}

func (d *settingsDriver) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.opened)
}

func (d *settingsDriver) last() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.opened) == 0 {
		return ""
	}
	return d.opened[len(d.opened)-1]
}

type quietConn struct{}

func (quietConn) Sync(context.Context, engine.Session) error { return nil }
func (quietConn) Close() error                               { return nil }

// Another process edits or removes an account while this engine syncs it
// (the window while `hearth sync` runs): at its next pass the worker
// reconnects with the new settings, and a removed account stops syncing.
func TestWorkerFollowsAnEditMadeElsewhere(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "club", Settings: json.RawMessage(`{"group_id":7}`)})
	if err != nil {
		t.Fatal(err)
	}
	d := &settingsDriver{}
	e := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{d}})
	events, unsub := e.Subscribe()
	defer unsub()
	runCtx, cancel := context.WithCancel(ctx)
	defer func() { cancel(); e.Wait() }()
	if err := e.Start(runCtx); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, core.EventStatus, id)

	// What `hearth account edit` writes from its own process.
	if err := st.EditAccount(ctx, id, "club", json.RawMessage(`{"group_id":8}`), true); err != nil {
		t.Fatal(err)
	}
	e.Trigger(id)
	waitEvent(t, events, core.EventAccount, id)
	waitSyncOK(t, e, events, id)
	if got := d.last(); got != `{"group_id":8}` {
		t.Errorf("the worker reconnected with %s, want the new community", got)
	}

	if err := st.DeleteAccount(ctx, id); err != nil {
		t.Fatal(err)
	}
	e.Trigger(id)
	waitEvent(t, events, core.EventAccount, id)
	opened := d.count()
	e.Trigger(0)
	cancel()
	e.Wait()
	if d.count() != opened {
		t.Errorf("a removed account was opened again")
	}
}

// waitSyncOK waits for a pass of the account to end well.
func waitSyncOK(t *testing.T, e *engine.Engine, events <-chan core.Event, id int64) {
	t.Helper()
	for {
		waitEvent(t, events, core.EventStatus, id)
		if st, _ := e.LiveStatus(id); st.State == core.SyncOK {
			return
		}
	}
}
