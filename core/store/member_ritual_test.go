package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// The ritual lists walk their range in order, hand each member to the rule
// with their last ritual, and stop once the rule accepted limit of them.
func TestRitualListsKeepWhatTheRuleAccepts(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	hour := func(n int) time.Time { return base.Add(time.Duration(n) * time.Hour) }
	for i, name := range []string{"a", "b", "c", "d", "e"} {
		if _, err := s.CreateMember(ctx, core.Member{Name: name}, hour(i)); err != nil {
			t.Fatal(err)
		}
	}
	b := memberNamed(t, s, "b")
	must(t, s.MarkRitual(ctx, []int64{b}, core.RitualWelcome, hour(10)))
	must(t, s.MarkRitual(ctx, []int64{b}, core.RitualCheckIn, hour(11)))
	must(t, s.MarkRitual(ctx, []int64{b}, core.RitualCheckIn, hour(12)))

	offered := map[string]time.Time{}
	notC := func(m core.Member, last time.Time) bool {
		offered[m.Name] = last
		return m.Name != "c"
	}
	names := func(list []core.Member, err error) []string {
		t.Helper()
		must(t, err)
		var out []string
		for _, m := range list {
			out = append(out, m.Name)
		}
		return out
	}
	if got := names(s.WelcomeQueue(ctx, hour(0), hour(3), notC, 3)); !slices.Equal(got, []string{"a", "b", "d"}) {
		t.Errorf("welcome queue %v, want a b d", got)
	}
	if _, ok := offered["e"]; ok || !offered["b"].Equal(hour(10)) || !offered["a"].IsZero() {
		t.Errorf("offered %v: want a to d, b with its welcome", offered)
	}
	if got := names(s.WelcomeQueue(ctx, hour(0), hour(3), notC, 1)); !slices.Equal(got, []string{"a"}) {
		t.Errorf("welcome queue of 1: %v, want a", got)
	}
	clear(offered)
	if got := names(s.CheckInList(ctx, hour(3), notC, 5)); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("check-in list %v, want a b", got)
	}
	if len(offered) != 3 || !offered["b"].Equal(hour(12)) {
		t.Errorf("offered %v: want a, b (last check-in hour 12) and c", offered)
	}
}

func memberNamed(t *testing.T, s *Store, name string) int64 {
	t.Helper()
	var id int64
	must(t, s.r.QueryRow("SELECT id FROM members WHERE name = ?", name).Scan(&id))
	return id
}
