package main

import (
	"context"
	"sync"

	"github.com/hearthhq/hearth/core/secrets"
)

// lazySecrets opens the secrets store on first use. A command that reads
// the workspace (search, inbox) never needs a password, and opening the
// OS keyring is not free: without a session bus, libdbus starts one
// (dbus-launch, a daemon left running) on every command, which made
// 'hearth search' slower than notmuch (docs/benchmarks.md).
type lazySecrets struct {
	once  sync.Once
	open  func() (secrets.Store, error)
	store secrets.Store
	err   error
}

func (l *lazySecrets) get() (secrets.Store, error) {
	l.once.Do(func() { l.store, l.err = l.open() })
	return l.store, l.err
}

func (l *lazySecrets) Get(ctx context.Context, accountID int64, name string) (string, error) {
	s, err := l.get()
	if err != nil {
		return "", err
	}
	return s.Get(ctx, accountID, name)
}

func (l *lazySecrets) Set(ctx context.Context, accountID int64, name, value string) error {
	s, err := l.get()
	if err != nil {
		return err
	}
	return s.Set(ctx, accountID, name, value)
}

func (l *lazySecrets) DeleteAccount(ctx context.Context, accountID int64, names ...string) error {
	s, err := l.get()
	if err != nil {
		return err
	}
	return s.DeleteAccount(ctx, accountID, names...)
}

// Backend names the backend once open; "" when it could not open.
func (l *lazySecrets) Backend() string {
	s, err := l.get()
	if err != nil {
		return ""
	}
	return s.Backend()
}
