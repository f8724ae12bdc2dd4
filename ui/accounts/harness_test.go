package accounts

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hearth-accounts-test")
	if err != nil {
		panic(err)
	}
	samplesDB.path = filepath.Join(dir, "samples.db")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// samplesDB is the workspace holding the sample accounts, seeded once and
// copied for each test.
var samplesDB struct {
	once   sync.Once
	path   string
	seeded bool
}

// harness is the accounts screen on the real core accounts service over a
// temporary store holding the sample accounts, with stub channels, in a
// window of the size the screen gets in the default window, shown.
type harness struct {
	*uitest.Window
	ws *coretest.Workspace
	ch *channels
	s  *Screen
	// changes counts the calls telling the window that accounts changed.
	changes int
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessWith(t, Backend{})
}

// newHarnessWith is newHarness with more of the backend than accounts.
func newHarnessWith(t *testing.T, b Backend) *harness {
	t.Helper()
	w := uitest.NewScreenWindow(t, uitest.ScreenSize)
	h := &harness{Window: w, ch: &channels{}}
	h.ws = openSamples(t, h.ch)
	b.Accounts = h.ws.Accounts
	h.s = New(w.Env, b, func() { h.changes++ })
	w.Win.SetContent(h.s.Content())
	w.Win.Show()
	h.s.Start()
	h.s.Shown()
	h.WaitFor("the account list", func() bool { return len(h.s.rows.Objects) > 0 })
	return h
}

func now() time.Time { return uitest.Now }

// openSamples opens a copy of the sample workspace whose engine reaches
// the stub channels ch, seeding it first if no test did yet.
func openSamples(t *testing.T, ch *channels) *coretest.Workspace {
	t.Helper()
	samplesDB.once.Do(func() {
		ws := coretest.Open(t, now)
		for _, a := range sampleAccounts() {
			ws.AddAccount(t, a)
		}
		ws.Snapshot(t, samplesDB.path)
		samplesDB.seeded = true
	})
	if !samplesDB.seeded {
		t.Fatal("the sample workspace could not be seeded")
	}
	return coretest.OpenCopy(t, samplesDB.path, now, coretest.WithDrivers(ch.drivers()...))
}

// sampleAccounts are a mailbox that synced, a VK community syncing and an
// X account whose token was revoked.
func sampleAccounts() []core.Account {
	return []core.Account{
		{Kind: core.KindIMAP, Name: "work@example.com",
			Status: core.AccountStatus{State: core.SyncOK, LastSync: uitest.Now.Add(-2 * time.Minute)}},
		{Kind: core.KindVK, Name: "Hearth VK",
			Status: core.AccountStatus{State: core.SyncRunning, Done: 120, Total: 400, LastSync: uitest.Now.Add(-time.Hour)}},
		{Kind: core.KindX, Name: "@hearth_game",
			Status: core.AccountStatus{State: core.SyncError, Message: "the token was revoked", Action: "paste a new token"}},
	}
}

// account is the stored account named name; ok is false when there is
// none.
func (h *harness) account(name string) (a core.Account, ok bool) {
	h.T.Helper()
	a, err := h.ws.Accounts.Find(context.Background(), name)
	if errors.Is(err, core.ErrNotFound) {
		return a, false
	}
	if err != nil {
		h.T.Fatalf("account %q: %v", name, err)
	}
	return a, true
}

// mustAccount is the stored account named name.
func (h *harness) mustAccount(name string) core.Account {
	h.T.Helper()
	a, ok := h.account(name)
	if !ok {
		h.T.Fatalf("no account %q in the workspace", name)
	}
	return a
}

// accountCount is how many accounts the workspace holds.
func (h *harness) accountCount() int {
	h.T.Helper()
	accts, err := h.ws.Accounts.List(context.Background())
	if err != nil {
		h.T.Fatalf("list accounts: %v", err)
	}
	return len(accts)
}

// settings decodes a stored account's settings into s.
func (h *harness) settings(a core.Account, s any) {
	h.T.Helper()
	if err := json.Unmarshal(a.Settings, s); err != nil {
		h.T.Fatalf("settings of %q: %v", a.Name, err)
	}
}

// secret is a secret of an account as the keyring holds it; ok is false
// when it holds none.
func (h *harness) secret(id int64, name string) (v string, ok bool) {
	h.T.Helper()
	v, err := h.ws.Secrets.Get(context.Background(), id, name)
	if errors.Is(err, core.ErrNotFound) {
		return "", false
	}
	if err != nil {
		h.T.Fatalf("secret %s of account %d: %v", name, id, err)
	}
	return v, true
}
