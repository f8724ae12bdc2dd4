package store

import (
	"context"
	"errors"
	"testing"

	"github.com/hearthhq/hearth/core"
)

func TestDrafts(t *testing.T) {
	s, _, item := outboxFixture(t)
	ctx := context.Background()
	steps := []struct {
		save, want string
	}{
		{"Dear Anna,", "Dear Anna,"},
		{"Dear Anna, thanks!", "Dear Anna, thanks!"},
		{"  \n", ""}, // blank deletes
		{"again", "again"},
		{"", ""},
	}
	for _, st := range steps {
		must(t, s.SaveDraft(ctx, item, st.save))
		if got, err := s.Draft(ctx, item); err != nil || got != st.want {
			t.Errorf("after saving %q: Draft = %q, %v; want %q", st.save, got, err, st.want)
		}
	}
	if got, err := s.Draft(ctx, 999); err != nil || got != "" {
		t.Errorf("Draft of an item without one = %q, %v; want \"\", nil", got, err)
	}
	if err := s.SaveDraft(ctx, 999, "x"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("draft for a missing item: err = %v, want ErrNotFound", err)
	}
}
