package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/hearthhq/hearth/core"
)

func TestRulesOrderAndRemove(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	add := func(name string) core.Rule {
		t.Helper()
		r, err := s.AddRule(ctx, core.Rule{Name: name, Query: "x", Actions: []core.RuleAction{{Kind: core.RuleHide}}, Enabled: true})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a, b, c := add("A"), add("B"), add("C")
	if a.Position != 1 || c.Position != 3 {
		t.Errorf("positions %d, %d", a.Position, c.Position)
	}
	if _, err := s.AddRule(ctx, core.Rule{Name: "a", Query: "x", Actions: a.Actions}); !errors.Is(err, core.ErrConflict) {
		t.Errorf("a taken name = %v", err)
	}
	names := func() []string {
		list, err := s.Rules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for i, r := range list {
			if r.Position != i+1 {
				t.Errorf("%s at position %d, listed %d", r.Name, r.Position, i+1)
			}
			out = append(out, r.Name)
		}
		return out
	}
	if err := s.OrderRules(ctx, []int64{c.ID, a.ID}); err != nil {
		t.Fatal(err)
	}
	if got := names(); !slices.Equal(got, []string{"C", "A", "B"}) {
		t.Errorf("order = %v", got)
	}
	if err := s.RemoveRule(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveRule(ctx, c.ID); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("removing twice = %v", err)
	}
	if d := add("D"); d.Position != 3 {
		t.Errorf("a rule added after a removal is at %d, want last (3)", d.Position)
	}
	if got := names(); !slices.Equal(got, []string{"A", "B", "D"}) {
		t.Errorf("order = %v", got)
	}
	b.Enabled, b.Name = false, "B2"
	if err := s.UpdateRule(ctx, b); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Rules(ctx); list[1].Name != "B2" || list[1].Enabled {
		t.Errorf("updated = %+v", list[1])
	}
}
