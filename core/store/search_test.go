package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
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
		{"прив", nil},                            // a bare word is a whole word
		{"прив*", []string{"privet"}},            // ...and word* a prefix
		{"привет субботу", []string{"privet"}},   // words are ANDed across columns
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
		{"meetups", []string{"meetup", "reversed"}}, // word forms
		{"встречи", []string{"privet"}},             //
		{"жанна", []string{"author"}},               // author name
		{"jeanne@example.fr", []string{"author"}},   // author address
		{"in", []string{"meetup", "reversed"}},      // two letters: the word
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

// Whatever a person types, the search answers with items or a parse error
// naming a column, never a database error.
func TestSearchJunkQueriesDoNotFail(t *testing.T) {
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, mail("m", 1, "AND or NOT near"))
	junk := []string{`"`, `""`, `"""`, `AND`, `OR`, `NOT`, `*`, `**`, `(`, `)`, `()`, `NEAR(`, `NEAR(a b, 2)`,
		`a OR`, `-`, `^`, `:`, `subject:x`, `'`, `\`, `{a b}`, `+`, `a AND (b`, `"unclosed phrase`, `*prefix`,
		"\x00", "tab\tand\nnewline", `ё*`, `  `, `!@#$%^&*()`, `-(a OR b)`, `-a -b`, `a OR -b`, `-from:x`,
		`is:negative`, `(near OR "and") -is:vip`, `from:"a b" OR tag:x`}
	for _, q := range junk {
		_, err := s.Search(context.Background(), q, core.ItemFilter{})
		var pe *query.Error
		if err != nil && !errors.As(err, &pe) {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	hits, err := s.Search(context.Background(), "and near", core.ItemFilter{})
	if err != nil || len(hits) != 1 {
		t.Errorf("operators as words: %d hits, %v; want the item", len(hits), err)
	}
}

// The Go folding of a query must agree with the tokenizer's folding of the
// text, or expanded prefixes would miss words.
func TestFoldQueryAgreesWithTokenizer(t *testing.T) {
	s := newStore(t)
	words := []string{"Café", "ÉLÉPHANT", "naïve", "Straße", "Łódź", "Žluťoučký", "Ångström", "façade",
		"Phở", "Привет", "ЙОГУРТ", "їжак", "Ελλάδα", "İstanbul", "Øre", "Æther", "Ĳssel", "dŽ", "ﬁlm", "x²"}
	ctx := context.Background()
	for _, w := range words {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			st := newStmts(ctx, tx)
			defer st.close()
			if _, err := tx.ExecContext(ctx, "DELETE FROM fts_terms"); err != nil {
				return err
			}
			if err := recordTerms(st, fmt.Sprintf(`[{"k":1,"s":%q,"b":"","a":""}]`, fold(w))); err != nil {
				return err
			}
			var got []string
			rows, err := tx.QueryContext(ctx, "SELECT term FROM fts_terms")
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var term string
				rows.Scan(&term)
				got = append(got, term)
			}
			if want := tokenize(foldQuery(fold(w))); !equal(got, want) {
				t.Errorf("%q: tokenizer made %q, Go folding %q", w, got, want)
			}
			return rows.Err()
		})
		must(t, err)
	}
}

// Whatever the script, the first letters of a word and * find it.
func TestPrefixSearchAcrossScripts(t *testing.T) {
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	words := []string{"Éléphant", "Straße", "Łódź", "Žluťoučký", "Phở", "Привет", "йогурт", "Їжачок",
		"Ελλάδα", "İstanbul", "Ørestad", "Ёжик", "naïveté", "ﬁlmothèque"}
	var items []core.Item
	for i, w := range words {
		items = append(items, core.Item{Kind: core.ItemEmail, RemoteID: w, Text: "x " + w + " y", CreatedAt: base.Add(time.Duration(i) * time.Minute)})
	}
	apply(t, s, acct, items...)
	for _, w := range words {
		r := []rune(w)
		for _, q := range []string{string(r[:3]) + "*", strings.ToUpper(string(r[:4])) + "*", strings.ToLower(w)} {
			hits, err := s.Search(context.Background(), q, core.ItemFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if got := remoteIDs(hits); !slices.Contains(got, w) {
				t.Errorf("Search(%q) = %v, want it to find %q", q, got, w)
			}
		}
	}
}

func TestTokenizerMatchesSchema(t *testing.T) {
	s := newStore(t)
	var ddl string
	must(t, s.r.QueryRow("SELECT sql FROM sqlite_schema WHERE name = 'items_fts'").Scan(&ddl))
	if !strings.Contains(ddl, "'"+ftsTokenizer+"'") {
		t.Errorf("items_fts is not tokenized with %q: %s", ftsTokenizer, ddl)
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
