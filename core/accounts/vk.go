package accounts

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
)

// AddVK validates a VK community account, saves it with its community
// token in the secret store, and starts syncing it. Callers offer TestVK
// first.
func (s *Service) AddVK(ctx context.Context, name string, set core.VKSettings, token string) (core.Account, error) {
	a, err := vkAccount(name, set, token)
	if err != nil {
		return a, err
	}
	return s.add(ctx, a, map[string]string{"token": strings.TrimSpace(token)})
}

// TestVK tries unsaved VK settings: the token, the community id and one
// call per right the account needs.
func (s *Service) TestVK(ctx context.Context, set core.VKSettings, token string) error {
	a, err := vkAccount("test", set, token)
	if err != nil {
		return err
	}
	return s.test(ctx, a, map[string]string{"token": strings.TrimSpace(token)})
}

func vkAccount(name string, set core.VKSettings, token string) (core.Account, error) {
	if strings.TrimSpace(token) == "" {
		return core.Account{}, fmt.Errorf("accounts: the VK account needs the community access token")
	}
	raw, err := json.Marshal(set)
	if err != nil {
		return core.Account{}, fmt.Errorf("accounts: %w", err)
	}
	if _, err := core.ParseVKSettings(raw); err != nil {
		return core.Account{}, err
	}
	return core.Account{Kind: core.KindVK, Name: name, Settings: raw}, nil
}
