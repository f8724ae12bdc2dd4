// Package accounts holds the account use cases: add with a connection test,
// list with live status, remove with its secrets, sync on demand.
package accounts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// Store is what account management needs of the workspace store.
type Store interface {
	CreateAccount(ctx context.Context, a core.Account) (int64, error)
	Account(ctx context.Context, id int64) (core.Account, error)
	AccountByName(ctx context.Context, name string) (core.Account, error)
	Accounts(ctx context.Context) ([]core.Account, error)
	DeleteAccount(ctx context.Context, id int64) error
	UpdateAccountSettings(ctx context.Context, id int64, settings json.RawMessage) error
	// EditAccount renames an account and replaces its settings in one
	// transaction, dropping its sync cursors with forgetCursors.
	EditAccount(ctx context.Context, id int64, name string, settings json.RawMessage, forgetCursors bool) error
}

// Secrets keeps passwords and tokens out of the store.
type Secrets interface {
	engine.Secrets
	Set(ctx context.Context, accountID int64, name, value string) error
	DeleteAccount(ctx context.Context, accountID int64, names ...string) error
}

// Engine is the part of the sync engine account management drives.
type Engine interface {
	AddAccount(core.Account)
	RemoveAccount(id int64)
	Trigger(id int64)
	Driver(kind core.AccountKind) (engine.Driver, bool)
	LiveStatus(id int64) (core.AccountStatus, bool)
}

// SecretNames lists the secret names each kind stores, for removal.
var SecretNames = map[core.AccountKind][]string{
	core.KindIMAP: {"password"},
	core.KindVK:   {"token"},
	core.KindX:    {"consumer_key", "consumer_secret", "access_token", "access_secret"},
}

// Service is the account use cases.
type Service struct {
	store   Store
	secrets Secrets
	engine  Engine
}

// New returns the account service.
func New(store Store, secrets Secrets, engine Engine) *Service {
	return &Service{store: store, secrets: secrets, engine: engine}
}

// List returns the accounts by name, with the live status of running syncs.
func (s *Service) List(ctx context.Context) ([]core.Account, error) {
	accts, err := s.store.Accounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	for i := range accts {
		if st, ok := s.engine.LiveStatus(accts[i].ID); ok {
			accts[i].Status = st
		}
	}
	return accts, nil
}

// Find returns an account by name, or by numeric id given as text.
func (s *Service) Find(ctx context.Context, nameOrID string) (core.Account, error) {
	a, err := s.store.AccountByName(ctx, nameOrID)
	if err == nil || !errors.Is(err, core.ErrNotFound) {
		return a, err
	}
	var id int64
	if _, scanErr := fmt.Sscan(nameOrID, &id); scanErr == nil {
		return s.store.Account(ctx, id)
	}
	return a, fmt.Errorf("account %q: %w", nameOrID, core.ErrNotFound)
}

// AddIMAP validates an e-mail account, saves it with its password in the
// secret store, and starts syncing it. It does not test the connection:
// callers offer TestIMAP first.
func (s *Service) AddIMAP(ctx context.Context, name string, set core.IMAPSettings, password string) (core.Account, error) {
	raw, err := json.Marshal(set)
	if err != nil {
		return core.Account{}, fmt.Errorf("accounts: %w", err)
	}
	if _, err := core.ParseIMAPSettings(raw); err != nil {
		return core.Account{}, err
	}
	return s.add(ctx, core.Account{Kind: core.KindIMAP, Name: name, Settings: raw}, map[string]string{"password": password})
}

func (s *Service) add(ctx context.Context, a core.Account, secrets map[string]string) (core.Account, error) {
	a.Name = strings.TrimSpace(a.Name)
	if a.Name == "" {
		return a, fmt.Errorf("accounts: the account needs a name")
	}
	id, err := s.store.CreateAccount(ctx, a)
	if errors.Is(err, core.ErrConflict) {
		// In words, without the database's message for it.
		return a, fmt.Errorf("an account named %q already exists: choose another name: %w", a.Name, core.ErrConflict)
	}
	if err != nil {
		return a, fmt.Errorf("accounts: add %q: %w", a.Name, err)
	}
	a.ID = id
	for name, v := range secrets {
		if err := s.secrets.Set(ctx, id, name, v); err != nil {
			// No half-made account: without its secret it cannot engine.
			_ = s.store.DeleteAccount(ctx, id)
			return a, fmt.Errorf("accounts: add %q: save %s: %w", a.Name, name, err)
		}
	}
	saved, err := s.store.Account(ctx, id)
	if err != nil {
		return a, fmt.Errorf("accounts: add %q: %w", a.Name, err)
	}
	s.engine.AddAccount(saved)
	return saved, nil
}

// TestIMAP tries unsaved e-mail settings: log in, open the folders, reach
// the SMTP server. The error says what is wrong in plain words.
func (s *Service) TestIMAP(ctx context.Context, set core.IMAPSettings, password string) error {
	raw, err := json.Marshal(set)
	if err != nil {
		return err
	}
	if _, err := core.ParseIMAPSettings(raw); err != nil {
		return err
	}
	return s.test(ctx, core.Account{Kind: core.KindIMAP, Name: "test", Settings: raw}, map[string]string{"password": password})
}

func (s *Service) test(ctx context.Context, a core.Account, secrets map[string]string) error {
	return s.testWith(ctx, a, staticSecrets(secrets))
}

func (s *Service) testWith(ctx context.Context, a core.Account, secrets engine.Secrets) error {
	d, ok := s.engine.Driver(a.Kind)
	if !ok {
		return fmt.Errorf("accounts: this build cannot connect %s accounts", a.Kind)
	}
	c, err := d.Open(ctx, a, secrets)
	if err != nil {
		return err
	}
	defer c.Close()
	t, ok := c.(engine.Tester)
	if !ok {
		return fmt.Errorf("accounts: %s accounts offer no connection test", a.Kind)
	}
	return t.Test(ctx)
}

// Remove stops an account's sync and deletes it, its items and its secrets.
func (s *Service) Remove(ctx context.Context, id int64) error {
	a, err := s.store.Account(ctx, id)
	if err != nil {
		return fmt.Errorf("accounts: remove %d: %w", id, err)
	}
	s.engine.RemoveAccount(id)
	if err := s.store.DeleteAccount(ctx, id); err != nil {
		return fmt.Errorf("accounts: remove %d: %w", id, err)
	}
	if err := s.secrets.DeleteAccount(ctx, id, SecretNames[a.Kind]...); err != nil {
		return fmt.Errorf("accounts: remove %d: secrets: %w", id, err)
	}
	return nil
}

// SyncNow asks for an immediate pass of an account (0: all).
func (s *Service) SyncNow(_ context.Context, id int64) error {
	s.engine.Trigger(id)
	return nil
}

// staticSecrets serves secrets typed into a form that is not saved yet.
type staticSecrets map[string]string

func (m staticSecrets) Get(_ context.Context, _ int64, name string) (string, error) {
	v, ok := m[name]
	if !ok {
		return "", fmt.Errorf("secret %s: %w", name, core.ErrNotFound)
	}
	return v, nil
}

// Repoint gives an existing account new settings and secrets and restarts
// its sync, keeping its items, cursors and plans: the demo's peers listen on
// new ports at each start of a kept demo workspace.
func (s *Service) Repoint(ctx context.Context, id int64, settings json.RawMessage, secrets map[string]string) error {
	if err := s.store.UpdateAccountSettings(ctx, id, settings); err != nil {
		return fmt.Errorf("accounts: repoint %d: %w", id, err)
	}
	for name, v := range secrets {
		if err := s.secrets.Set(ctx, id, name, v); err != nil {
			return fmt.Errorf("accounts: repoint %d: save %s: %w", id, name, err)
		}
	}
	a, err := s.store.Account(ctx, id)
	if err != nil {
		return fmt.Errorf("accounts: repoint %d: %w", id, err)
	}
	s.engine.RemoveAccount(id)
	s.engine.AddAccount(a)
	return nil
}
