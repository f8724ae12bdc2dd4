package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func TestSearchFoldsCaseDiacriticsAndYo(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	docs := map[string]core.Item{
		"privet":   {Subject: "Привет всем", Text: "Встреча в субботу"},
		"yolka":    {Text: "Новогодняя ёлка во дворе"},
		"elka":     {Text: "ЕЛКА и игрушки"},
		"cafe":     {Subject: "Rendez-vous au café", Text: "L'Éléphant rose, rue Mercière"},
		"meetup":   {Text: "The meetup in Lyon is on Saturday"},
		"reversed": {Text: "Lyon in meetup order"},
		"author":   {Text: "Bonjour", Author: core.Person{Name: "Жанна Дюпон", Address: "jeanne@example.fr"}},
	}
	var items []core.Item
	i := 0
	for id, d := range docs {
		d.Kind, d.RemoteID, d.CreatedAt = core.ItemEmail, id, base.Add(time.Duration(i)*time.Minute)
		items = append(items, d)
		i++
	}
	apply(t, s, acct, items...)

	tests := []struct {
		query string
		want  []string
	}{
		{"привет", []string{"privet"}},
		{"ПРИВЕТ", []string{"privet"}},
		{"прив", []string{"privet"}},             // a bare word is a prefix
		{"привет суббот", []string{"privet"}},    // words are ANDed across columns
		{"привет лион", nil},                     // ...and all must match
		{"елка", []string{"yolka", "elka"}},      // е finds ё
		{"ёлка", []string{"yolka", "elka"}},      // ё finds е
		{"Ёлка", []string{"yolka", "elka"}},      //
		{"cafe", []string{"cafe"}},               // diacritics folded
		{"CAFÉ", []string{"cafe"}},               //
		{"elephant", []string{"cafe"}},           //
		{"ÉLÉPHANT", []string{"cafe"}},           //
		{"merci*", []string{"cafe"}},             // explicit prefix
		{"rendez-vous", []string{"cafe"}},        // punctuation inside a word is a phrase
		{`"meetup in lyon"`, []string{"meetup"}}, // phrase keeps order
		{`"meetup in ly"*`, []string{"meetup"}},  // phrase prefix
		{"lyon meetup", []string{"meetup", "reversed"}},
		{"жанна", []string{"author"}},             // author name
		{"jeanne@example.fr", []string{"author"}}, // author address
		{"in", []string{"meetup", "reversed"}},    // two letters: exact word, not a prefix
		{"nothing-like-this", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := s.Search(ctx, tt.query, core.ItemFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if got := remoteIDs(hits); !sameSet(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

func TestSearchJunkQueriesDoNotFail(t *testing.T) {
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, mail("m", 1, "AND or NOT near"))
	junk := []string{`"`, `""`, `"""`, `AND`, `OR`, `NOT`, `*`, `**`, `(`, `)`, `()`, `NEAR(`, `NEAR(a b, 2)`,
		`a OR`, `-`, `^`, `:`, `subject:x`, `'`, `\`, `{a b}`, `+`, `a AND (b`, `"unclosed phrase`, `*prefix`,
		"\x00", "tab\tand\nnewline", `ё*`, `  `, `!@#$%^&*()`}
	for _, q := range junk {
		if _, err := s.Search(context.Background(), q, core.ItemFilter{}); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	hits, err := s.Search(context.Background(), "and NEAR", core.ItemFilter{})
	if err != nil || len(hits) != 1 {
		t.Errorf("operators as words: %d hits, %v; want the item", len(hits), err)
	}
}

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"привет", `"привет"*`},
		{"Ёлка", `"Елка"*`},
		{"in", `"in"`},
		{"in*", `"in"*`},
		{"two words", `"two"* "words"*`},
		{`"a phrase"`, `"a phrase"`},
		{`"a phrase"*`, `"a phrase"*`},
		{`say "hi there" now`, `"say"* "hi there" "now"*`},
		{`AND`, `"AND"*`},
		{`(`, ``},
		{`*`, ``},
		{`"`, ``},
		{`he said "yes`, `"he" "said"* "yes"`},
		{`quo"te`, `"quo"* "te"`},
		{`x"`, `"x"`},
		{`l'éléphant`, `"l'éléphant"*`},
	}
	for _, tt := range tests {
		if got := ftsQuery(tt.in); got != tt.want {
			t.Errorf("ftsQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// Hits come newest first by the item's time, not by when it was stored.
func TestSearchOrdersByItemTime(t *testing.T) {
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	for _, n := range []int{5, 1, 9, 3, 7} { // stored out of time order
		apply(t, s, acct, mail(fmt.Sprint("m", n), n, "report"))
	}
	hits, err := s.Search(context.Background(), "report", core.ItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := remoteIDs(hits); !equal(got, []string{"m9", "m7", "m5", "m3", "m1"}) {
		t.Errorf("order = %v, want newest first", got)
	}
}

// An item whose date changes on re-sync moves in search order too.
func TestSearchFollowsChangedDate(t *testing.T) {
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, mail("a", 1, "report"), mail("b", 2, "report"))
	apply(t, s, acct, mail("a", 3, "report"))
	hits, _ := s.Search(context.Background(), "report", core.ItemFilter{})
	if got := remoteIDs(hits); !equal(got, []string{"a", "b"}) {
		t.Errorf("order = %v, want [a b]", got)
	}
}
