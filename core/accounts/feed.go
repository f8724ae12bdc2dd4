package accounts

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// AddFeed validates a feed watch, saves it and starts polling it. An empty
// name takes the settings' default (the feed's address). Callers offer
// TestFeed first.
func (s *Service) AddFeed(ctx context.Context, name string, set core.FeedSettings) (core.Account, error) {
	a, err := feedAccount(name, set)
	if err != nil {
		return a, err
	}
	return s.add(ctx, a, nil)
}

// TestFeed fetches and reads an unsaved feed once.
func (s *Service) TestFeed(ctx context.Context, set core.FeedSettings) error {
	a, err := feedAccount("test", set)
	if err != nil {
		return err
	}
	return s.test(ctx, a, nil)
}

// FeedWatches returns the feed watches with their settings, by name.
func (s *Service) FeedWatches(ctx context.Context) ([]FeedWatch, error) {
	accts, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	var out []FeedWatch
	for _, a := range accts {
		if a.Kind != core.KindFeed {
			continue
		}
		set, err := core.ParseFeedSettings(a.Settings)
		if err != nil {
			return nil, fmt.Errorf("accounts: feed watch %q: %w", a.Name, err)
		}
		out = append(out, FeedWatch{Account: a, Settings: set})
	}
	return out, nil
}

// FeedWatch is a feed account with its settings decoded.
type FeedWatch struct {
	core.Account
	Settings core.FeedSettings
}

func feedAccount(name string, set core.FeedSettings) (core.Account, error) {
	set = set.Normalized()
	if err := set.Validate(); err != nil {
		return core.Account{}, err
	}
	if name == "" {
		name = set.DefaultName()
	}
	raw, err := json.Marshal(set)
	if err != nil {
		return core.Account{}, fmt.Errorf("accounts: %w", err)
	}
	return core.Account{Kind: core.KindFeed, Name: name, Settings: raw}, nil
}
