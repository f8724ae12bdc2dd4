package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/core/query/querytest"
)

// queryWorkspace stores the fixture of querytest: its accounts by name,
// each author with their follower count, the items with their tags.
func queryWorkspace(t *testing.T) *Store {
	s := newStore(t)
	ctx := context.Background()
	kinds := map[core.ItemKind]core.AccountKind{core.ItemEmail: core.KindIMAP, core.ItemVKPost: core.KindVK,
		core.ItemVKComment: core.KindVK, core.ItemXMention: core.KindX, core.ItemFeed: core.KindFeed}
	accounts := map[string]int64{}
	for name, tg := range querytest.Fixture() {
		it := tg.Item
		id, ok := accounts[it.Account]
		if !ok {
			var err error
			id, err = s.CreateAccount(ctx, core.Account{Kind: kinds[it.Kind], Name: it.Account})
			must(t, err)
			accounts[it.Account] = id
		}
		it.RemoteID = name
		it.Tone = tg.Tone
		b := core.Batch{Items: []core.Item{it}}
		if tg.Followers >= 0 {
			b.Identities = []core.Identity{{Kind: core.IdentityKindOf(kinds[it.Kind]), Address: it.Author.Address,
				Name: it.Author.Name, Followers: tg.Followers}}
		}
		res, err := s.ApplyBatch(ctx, id, b)
		must(t, err)
		for _, tag := range it.Tags {
			must(t, s.AddTag(ctx, res.NewIDs[0], tag))
		}
	}
	return s
}

// Each operator filters as the in-memory matcher does, on the same table.
func TestQueryOperatorsFilter(t *testing.T) {
	s := queryWorkspace(t)
	for _, tt := range querytest.Cases {
		t.Run(tt.Q, func(t *testing.T) {
			hits, err := s.Search(context.Background(), tt.Q, core.ItemFilter{States: core.States, Now: querytest.Now})
			if err != nil {
				t.Fatal(err)
			}
			if got := remoteIDs(hits); !sameSet(got, tt.Want) {
				t.Errorf("Search(%q) = %v, want %v", tt.Q, got, tt.Want)
			}
		})
	}
}

// state: at the top level replaces the default triage view and narrows
// explicit states.
func TestQueryStates(t *testing.T) {
	s := queryWorkspace(t)
	ctx := context.Background()
	tests := []struct {
		q      string
		states []core.State
		want   []string
	}{
		{"channel:email", nil, []string{"mail-en"}},                                       // triage: mail-fr is spam
		{"channel:email state:spam", nil, []string{"mail-fr"}},                            // state: replaces it
		{"state:spam", []core.State{core.StateDone}, nil},                                 // and narrows explicit ones
		{"state:done", []core.State{core.StateDone, core.StateNew}, []string{"meet-ru2"}}, //
		{"channel:email (state:spam OR state:new)", core.States, []string{"mail-en", "mail-fr"}},
	}
	for _, tt := range tests {
		hits, err := s.Search(ctx, tt.q, core.ItemFilter{States: tt.states, Now: querytest.Now})
		if err != nil {
			t.Fatal(err)
		}
		if got := remoteIDs(hits); !sameSet(got, tt.want) {
			t.Errorf("Search(%q, %v) = %v, want %v", tt.q, tt.states, got, tt.want)
		}
	}
}

// A query that does not parse is refused with its column.
func TestQueryParseErrorReachesCaller(t *testing.T) {
	s := queryWorkspace(t)
	_, err := s.Search(context.Background(), "встреча клуба)", core.ItemFilter{})
	var pe *query.Error
	if !errors.As(err, &pe) || pe.Col != 14 {
		t.Errorf("err = %v, want a parse error at column 14", err)
	}
}

// Words added later find their forms too, and a rebuilt forms table (new
// stemmers) finds the same.
func TestWordFormsFollowWrites(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, mail("a", 1, "Встречи клуба"), mail("b", 2, "встречный ветер"))
	apply(t, s, acct, mail("c", 3, "Новая встреча"), mail("d", 4, "о встрече"))
	check := func() {
		t.Helper()
		hits, err := s.Search(ctx, "встреча", core.ItemFilter{States: core.States})
		must(t, err)
		if got := remoteIDs(hits); !equal(got, []string{"d", "c", "a"}) {
			t.Errorf("встреча found %v, want [d c a]", got)
		}
	}
	check()
	must(t, s.SetSetting(ctx, settingFormsVersion, "0"))
	_, err := s.w.ExecContext(ctx, "DELETE FROM term_forms")
	must(t, err)
	must(t, s.ensureTermForms(ctx))
	check()
}

func TestTextExprExpands(t *testing.T) {
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	it := mail("m", 0, "Community comments")
	it.Text = "Rendez-vous au Café; встречи и встрече"
	apply(t, s, acct, it)
	tests := []struct {
		in   query.Text
		want string
	}{
		{query.Text{Text: "comm", Prefix: true}, `("comm" OR "comments" OR "community")`},
		{query.Text{Text: "COMMUNITY"}, `"community"`},
		{query.Text{Text: "café"}, `"cafe"`},
		{query.Text{Text: "встреча"}, `("встреча" OR "встрече" OR "встречи")`},
		{query.Text{Text: "rendez-v", Prefix: true}, `("rendez v" OR "rendez vous")`},
		{query.Text{Text: "nowhere", Prefix: true}, `"nowhere"*`}, // no such term: FTS5's own prefix
		{query.Text{Text: "au встреча", Phrase: true}, `("au встреча" OR "au встрече" OR "au встречи")`},
	}
	for _, tt := range tests {
		got, err := s.textExpr(context.Background(), tt.in)
		if err != nil || got != tt.want {
			t.Errorf("textExpr(%+v) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

// TestReadViewsUseSeenIndexes: a view of read messages (-is:unread) walks
// the read-messages indexes of migration 22, not every row of a state; at
// a million items that was 100 CPU-ms a page (docs/benchmarks.md).
func TestReadViewsUseSeenIndexes(t *testing.T) {
	s := queryWorkspace(t)
	ctx := context.Background()
	for _, tt := range []struct{ q, index string }{
		{"-is:unread", "items_seen_state_time"},
		{`account:"club vk" -is:unread`, "items_seen_account_state_time"},
	} {
		sqlText, args, err := s.itemsSQL(ctx, withDefaults(core.ItemFilter{Query: tt.q, Now: querytest.Now}, s.now))
		must(t, err)
		plan := queryPlan(t, s, sqlText, args...)
		if got := strings.Join(plan, "\n"); !strings.Contains(got, "USING INDEX "+tt.index+" ") {
			t.Errorf("%s does not read %s:\n%s", tt.q, tt.index, got)
		}
	}
}

// queryPlan is SQLite's plan for a statement, one line per step.
func queryPlan(t *testing.T, s *Store, sqlText string, args ...any) []string {
	t.Helper()
	rows, err := s.r.Query("EXPLAIN QUERY PLAN "+sqlText, args...)
	must(t, err)
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		must(t, rows.Scan(&id, &parent, &unused, &detail))
		plan = append(plan, detail)
	}
	must(t, rows.Err())
	return plan
}
