package accounts

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// AddX validates an X account, saves it with its four keys in the secret
// store, and starts syncing it. Callers offer TestX first.
func (s *Service) AddX(ctx context.Context, name string, set core.XSettings, keys core.XKeys) (core.Account, error) {
	a, err := xAccount(name, set, keys)
	if err != nil {
		return a, err
	}
	return s.add(ctx, a, keys.Secrets())
}

// TestX tries unsaved X settings: it asks X whom the keys belong to.
func (s *Service) TestX(ctx context.Context, set core.XSettings, keys core.XKeys) error {
	a, err := xAccount("test", set, keys)
	if err != nil {
		return err
	}
	return s.test(ctx, a, keys.Secrets())
}

func xAccount(name string, set core.XSettings, keys core.XKeys) (core.Account, error) {
	if m := keys.Missing(); m != "" {
		return core.Account{}, fmt.Errorf("accounts: the X account needs %s", m)
	}
	raw, err := json.Marshal(set)
	if err != nil {
		return core.Account{}, fmt.Errorf("accounts: %w", err)
	}
	if _, err := core.ParseXSettings(raw); err != nil {
		return core.Account{}, err
	}
	return core.Account{Kind: core.KindX, Name: name, Settings: raw}, nil
}
