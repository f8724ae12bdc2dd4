package accounts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
)

// Edited is an account after an edit, and what its next sync does
// differently, in words.
type Edited struct {
	core.Account
	// Resync says why and how the next pass starts over ("" when it goes
	// on where the last one stopped).
	Resync string
}

// edit is one account's new name, settings and typed secrets (an empty
// secret keeps the stored one), and what its sync must do about it.
type edit struct {
	kind     core.AccountKind
	name     string
	settings json.RawMessage
	secrets  map[string]string
	// resync compares with the stored settings: forget drops the cursors
	// (the account now reads another remote), why tells the person.
	resync func(old json.RawMessage) (forget bool, why string)
}

// update applies an edit: validated first, the account's sync stopped,
// the secrets then the row changed, the sync started again with the new
// settings. A failure changes nothing: the old secrets are put back and
// the account syncs as before.
func (s *Service) update(ctx context.Context, id int64, e edit) (Edited, error) {
	old, err := s.editable(ctx, id, e.kind)
	if err != nil {
		return Edited{}, err
	}
	e.name = strings.TrimSpace(e.name)
	if err := s.checkName(ctx, id, e.name); err != nil {
		return Edited{}, err
	}
	if err := s.checkSecrets(ctx, id, e.secrets); err != nil {
		return Edited{}, err
	}
	forget, why := e.resync(old.Settings)
	s.engine.RemoveAccount(id)
	restore, err := s.replaceSecrets(ctx, id, e.secrets)
	if err == nil {
		err = s.store.EditAccount(ctx, id, e.name, e.settings, forget)
		if err != nil {
			restore()
		}
	}
	if err != nil {
		s.engine.AddAccount(old)
		if errors.Is(err, core.ErrConflict) {
			return Edited{}, nameTaken(e.name)
		}
		return Edited{}, fmt.Errorf("accounts: edit %q: %w", old.Name, err)
	}
	saved, err := s.store.Account(ctx, id)
	if err != nil {
		return Edited{}, fmt.Errorf("accounts: edit %q: %w", old.Name, err)
	}
	s.engine.AddAccount(saved)
	return Edited{Account: saved, Resync: why}, nil
}

// editable returns the stored account, refusing one of another kind.
func (s *Service) editable(ctx context.Context, id int64, kind core.AccountKind) (core.Account, error) {
	a, err := s.store.Account(ctx, id)
	if err != nil {
		return a, fmt.Errorf("accounts: edit %d: %w", id, err)
	}
	if a.Kind != kind {
		return a, fmt.Errorf("accounts: %q is a %s account, not %s", a.Name, a.Kind, kind)
	}
	return a, nil
}

// checkName refuses an empty name or one another account holds, before
// anything changes.
func (s *Service) checkName(ctx context.Context, id int64, name string) error {
	if name == "" {
		return fmt.Errorf("accounts: the account needs a name")
	}
	other, err := s.store.AccountByName(ctx, name)
	switch {
	case errors.Is(err, core.ErrNotFound):
		return nil
	case err != nil:
		return fmt.Errorf("accounts: %w", err)
	case other.ID != id:
		return nameTaken(name)
	}
	return nil
}

func nameTaken(name string) error {
	return fmt.Errorf("an account named %q already exists: choose another name: %w", name, core.ErrConflict)
}

// checkSecrets makes sure every secret left empty is stored: an account
// without its password cannot sync.
func (s *Service) checkSecrets(ctx context.Context, id int64, typed map[string]string) error {
	for name, v := range typed {
		if v != "" {
			continue
		}
		if _, err := s.secrets.Get(ctx, id, name); err != nil {
			if errors.Is(err, core.ErrNotFound) {
				return fmt.Errorf("accounts: no %s is stored for this account: type it", secretWords(name))
			}
			return fmt.Errorf("accounts: read %s: %w", secretWords(name), err)
		}
	}
	return nil
}

// replaceSecrets saves the typed secrets and returns what puts the old
// ones back.
func (s *Service) replaceSecrets(ctx context.Context, id int64, typed map[string]string) (restore func(), err error) {
	old := map[string]string{}
	var added []string // none was stored before
	restore = func() {
		// Best effort: the error that matters is the one that led here.
		ctx := context.WithoutCancel(ctx)
		for name, v := range old {
			_ = s.secrets.Set(ctx, id, name, v)
		}
		if len(added) > 0 {
			_ = s.secrets.DeleteAccount(ctx, id, added...)
		}
	}
	for name, v := range typed {
		if v == "" {
			continue
		}
		prev, err := s.secrets.Get(ctx, id, name)
		if err != nil && !errors.Is(err, core.ErrNotFound) {
			restore()
			return restore, fmt.Errorf("read %s: %w", secretWords(name), err)
		}
		if err := s.secrets.Set(ctx, id, name, v); err != nil {
			restore()
			return restore, fmt.Errorf("save %s: %w", secretWords(name), err)
		}
		if prev != "" {
			old[name] = prev
		} else {
			added = append(added, name)
		}
	}
	return restore, nil
}

// secretWords names a secret as the forms do.
func secretWords(name string) string {
	switch name {
	case "consumer_key":
		return "API key"
	case "consumer_secret":
		return "API key secret"
	case "access_token":
		return "access token"
	case "access_secret":
		return "access token secret"
	case "token":
		return "access token"
	default:
		return name
	}
}

// testEdit tries an account's new settings with the typed secrets, the
// stored ones standing in for those left empty.
func (s *Service) testEdit(ctx context.Context, id int64, a core.Account, typed map[string]string) error {
	old, err := s.editable(ctx, id, a.Kind)
	if err != nil {
		return err
	}
	a.ID = old.ID
	return s.testWith(ctx, a, editSecrets{typed: typed, stored: s.secrets})
}

// editSecrets serves typed secrets over the stored ones.
type editSecrets struct {
	typed  map[string]string
	stored Secrets
}

func (e editSecrets) Get(ctx context.Context, id int64, name string) (string, error) {
	if v := e.typed[name]; v != "" {
		return v, nil
	}
	return e.stored.Get(ctx, id, name)
}
