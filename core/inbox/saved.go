package inbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/hearthhq/hearth/core"
)

// SettingsStore keeps workspace settings (core/store).
type SettingsStore interface {
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// SavedReplies lists the workspace's saved replies; a workspace that never
// changed them has the defaults.
func (s *Service) SavedReplies(ctx context.Context) ([]core.SavedReply, error) {
	raw, err := s.store.Setting(ctx, core.SettingSavedReplies)
	if errors.Is(err, core.ErrNotFound) {
		return core.DefaultSavedReplies(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("inbox: saved replies: %w", err)
	}
	var list []core.SavedReply
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return nil, fmt.Errorf("inbox: saved replies are damaged (%v): save them again from the composer", err)
	}
	return list, nil
}

// SetSavedReplies replaces the saved replies; each must be valid, and
// names are unique per language.
func (s *Service) SetSavedReplies(ctx context.Context, list []core.SavedReply) error {
	seen := map[[2]string]bool{}
	for _, r := range list {
		if err := r.Validate(); err != nil {
			return fmt.Errorf("inbox: %w", err)
		}
		k := [2]string{r.Lang, r.Name}
		if seen[k] {
			return fmt.Errorf("inbox: %w", core.Say(`two saved replies are named "{{.Name}}"`, "Name", r.Name))
		}
		seen[k] = true
	}
	if list == nil {
		list = []core.SavedReply{}
	}
	raw, _ := json.Marshal(list)
	if err := s.store.SetSetting(ctx, core.SettingSavedReplies, string(raw)); err != nil {
		return fmt.Errorf("inbox: save saved replies: %w", err)
	}
	return nil
}

// ForLanguage orders saved replies for a reader of lang: theirs first,
// then those for any language, then the rest, each group as saved.
func ForLanguage(list []core.SavedReply, lang string) []core.SavedReply {
	rank := func(r core.SavedReply) int {
		switch {
		case lang != "" && r.Lang == lang:
			return 0
		case r.Lang == "":
			return 1
		}
		return 2
	}
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b core.SavedReply) int { return rank(a) - rank(b) })
	return out
}
