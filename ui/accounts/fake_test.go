package accounts

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/hearthhq/hearth/core"
)

// fakeAccounts is an in-memory Accounts.
type fakeAccounts struct {
	mu      sync.Mutex
	accts   []core.Account
	testErr error
	tested  []core.IMAPSettings
	added   []core.IMAPSettings
	calls   []string
}

func (f *fakeAccounts) List(context.Context) ([]core.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.accts), nil
}

func (f *fakeAccounts) AddIMAP(_ context.Context, name string, s core.IMAPSettings, _ string) (core.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.accts {
		if a.Name == name {
			return core.Account{}, fmt.Errorf("accounts: add %q: %w", name, core.ErrConflict)
		}
	}
	f.added = append(f.added, s)
	a := core.Account{ID: int64(len(f.accts) + 1), Kind: core.KindIMAP, Name: name}
	f.accts = append(f.accts, a)
	return a, nil
}

func (f *fakeAccounts) TestIMAP(_ context.Context, s core.IMAPSettings, _ string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tested = append(f.tested, s)
	return f.testErr
}

func (f *fakeAccounts) Remove(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf("Remove %d", id))
	f.accts = slices.DeleteFunc(f.accts, func(a core.Account) bool { return a.ID == id })
	return nil
}

func (f *fakeAccounts) SyncNow(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf("SyncNow %d", id))
	return nil
}

func (f *fakeAccounts) snapshot() (tested, added []core.IMAPSettings, calls []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.tested), slices.Clone(f.added), slices.Clone(f.calls)
}

func (f *fakeAccounts) AddVK(_ context.Context, name string, s core.VKSettings, token string) (core.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf("AddVK %s %d %s", name, s.GroupID, token))
	a := core.Account{ID: int64(len(f.accts) + 1), Kind: core.KindVK, Name: name}
	f.accts = append(f.accts, a)
	return a, nil
}

func (f *fakeAccounts) TestVK(_ context.Context, s core.VKSettings, token string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf("TestVK %d %s", s.GroupID, token))
	return f.testErr
}

func (f *fakeAccounts) AddX(_ context.Context, name string, s core.XSettings, keys core.XKeys) (core.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf("AddX %s %s v%s %s", name, s.Handle, s.APIVersion, keys.AccessSecret))
	a := core.Account{ID: int64(len(f.accts) + 1), Kind: core.KindX, Name: name}
	f.accts = append(f.accts, a)
	return a, nil
}

func (f *fakeAccounts) TestX(_ context.Context, s core.XSettings, _ core.XKeys) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "TestX "+s.Handle)
	return f.testErr
}
