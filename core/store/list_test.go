package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// pageAll reads every page of f and returns the item ids in order.
func pageAll(t *testing.T, s *Store, f core.ItemFilter) []int64 {
	t.Helper()
	var ids []int64
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("paging does not end")
		}
		page, err := s.Items(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			return ids
		}
		for _, it := range page {
			ids = append(ids, it.ID)
		}
		last := page[len(page)-1]
		f.Before, f.BeforeID = last.CreatedAt, last.ID
	}
}

// Items sharing a timestamp straddle page boundaries: each must appear once.
func TestKeysetPagingAcrossEqualTimestamps(t *testing.T) {
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	var items []core.Item
	for i := range 95 {
		it := mail(fmt.Sprint("m", i), i/10, "ticket") // ten items per minute
		it.State = []core.State{core.StateNew, core.StateOpen}[i%2]
		items = append(items, it)
	}
	res := apply(t, s, acct, items...)

	for _, tt := range []struct {
		name string
		f    core.ItemFilter
	}{
		{"list", core.ItemFilter{Limit: 7}},
		{"search", core.ItemFilter{Limit: 7, Query: "ticket"}},
		{"list by account", core.ItemFilter{Limit: 4, AccountID: acct}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := pageAll(t, s, tt.f)
			seen := map[int64]int{}
			for _, id := range got {
				seen[id]++
			}
			for _, id := range res.NewIDs {
				if seen[id] != 1 {
					t.Errorf("item %d seen %d times", id, seen[id])
				}
			}
			if len(got) != len(res.NewIDs) {
				t.Errorf("paged %d items, want %d", len(got), len(res.NewIDs))
			}
			// Newest first; within a minute the later-inserted first.
			for i := 1; i < len(got); i++ {
				if got[i] > got[i-1] {
					t.Fatalf("order broken at %d: %d after %d", i, got[i], got[i-1])
				}
			}
		})
	}
}

func TestDefaultViewAndStates(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	now := base.Add(time.Hour)
	add := func(id string, st core.State, until time.Time) {
		it := mail(id, 0, "hello")
		it.State, it.SnoozeUntil = st, until
		apply(t, s, acct, it)
	}
	add("new", core.StateNew, time.Time{})
	add("open", core.StateOpen, time.Time{})
	add("done", core.StateDone, time.Time{})
	add("spam", core.StateSpam, time.Time{})
	add("hidden", core.StateHidden, time.Time{})
	add("snoozed-due", core.StateSnoozed, now.Add(-time.Minute))
	add("snoozed-later", core.StateSnoozed, now.Add(time.Minute))

	tests := []struct {
		name string
		f    core.ItemFilter
		want []string
	}{
		{"default view", core.ItemFilter{Now: now}, []string{"new", "open", "snoozed-due"}},
		{"default view later", core.ItemFilter{Now: now.Add(time.Hour)}, []string{"new", "open", "snoozed-due", "snoozed-later"}},
		{"done", core.ItemFilter{States: []core.State{core.StateDone}}, []string{"done"}},
		{"spam and hidden", core.ItemFilter{States: []core.State{core.StateSpam, core.StateHidden, core.StateSpam}}, []string{"spam", "hidden"}},
		{"all snoozed when asked", core.ItemFilter{Now: now, States: []core.State{core.StateSnoozed}}, []string{"snoozed-due", "snoozed-later"}},
		{"search default view", core.ItemFilter{Now: now, Query: "hello"}, []string{"new", "open", "snoozed-due"}},
		{"search done", core.ItemFilter{Now: now, Query: "hello", States: []core.State{core.StateDone}}, []string{"done"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := s.Items(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := remoteIDs(items); !sameSet(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := s.Items(ctx, core.ItemFilter{States: []core.State{"archived"}}); err == nil {
		t.Error("an unknown state was accepted")
	}
}

func TestFilters(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mailbox, vk := newAccount(t, s, "mail"), newAccount(t, s, "vk")
	read := mail("read", 1, "")
	read.Seen = true
	apply(t, s, mailbox, read, mail("unread", 2, ""), reply(mail("answer", 3, ""), "read"))
	comment := core.Item{Kind: core.ItemVKComment, RemoteID: "wall-1_5", Text: "Класс!", CreatedAt: base}
	apply(t, s, vk, comment)
	tagged, _ := s.ItemByRemoteID(ctx, mailbox, "unread")
	must(t, s.AddTag(ctx, tagged.ID, "VIP"))
	readItem, _ := s.ItemByRemoteID(ctx, mailbox, "read")

	tests := []struct {
		name string
		f    core.ItemFilter
		want []string
	}{
		{"account", core.ItemFilter{AccountID: vk}, []string{"wall-1_5"}},
		{"kind", core.ItemFilter{Kind: core.ItemVKComment}, []string{"wall-1_5"}},
		{"unread", core.ItemFilter{AccountID: mailbox, Unread: true}, []string{"unread", "answer"}},
		{"tag, any case", core.ItemFilter{Tag: "vip"}, []string{"unread"}},
		{"unknown tag", core.ItemFilter{Tag: "nope"}, nil},
		{"thread", core.ItemFilter{ThreadID: readItem.ThreadID}, []string{"read", "answer"}},
		{"search with account", core.ItemFilter{AccountID: mailbox, Query: "body"}, []string{"read", "unread", "answer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := s.Items(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := remoteIDs(items); !sameSet(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}

	page, _ := s.Items(ctx, core.ItemFilter{AccountID: mailbox})
	for _, it := range page {
		if it.Text != "" || it.Raw != nil || it.Snippet == "" || it.Account != "mail" {
			t.Errorf("list item %s: text %q raw %v snippet %q account %q; lists carry snippet and account only",
				it.RemoteID, it.Text, it.Raw, it.Snippet, it.Account)
		}
		if it.RemoteID == "unread" && !equal(it.Tags, []string{"VIP"}) {
			t.Errorf("list item tags = %v, want [VIP]", it.Tags)
		}
	}
}

func TestPageLimits(t *testing.T) {
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	var items []core.Item
	for i := range 1005 {
		items = append(items, mail(fmt.Sprint(i), i, ""))
	}
	apply(t, s, acct, items...)
	for _, tt := range []struct{ limit, want int }{{0, defaultLimit}, {-5, defaultLimit}, {3, 3}, {5000, maxLimit}} {
		page, err := s.Items(context.Background(), core.ItemFilter{Limit: tt.limit})
		if err != nil || len(page) != tt.want {
			t.Errorf("Limit %d: %d items, %v; want %d", tt.limit, len(page), err, tt.want)
		}
	}
}

func remoteIDs(items []core.Item) []string {
	var ids []string
	for _, it := range items {
		ids = append(ids, it.RemoteID)
	}
	return ids
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[string]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// decodeNames reads every list of participants as the JSON decoder does.
func FuzzDecodeNames(f *testing.F) {
	for _, seed := range []string{`[]`, `["Anna"]`, `["Anna","Boris","Chen"]`, `[ "a" , "b" ]`, `["a",]`,
		`["a\"b"]`, `["Анна","\u00e9"]`, `null`, ``, `["a"]x`, `[1]`, "[\"\xff\"]", "[\"a\tb\"]", `["a"`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		var want []string // what the decoder leaves, even on an error
		if err := json.Unmarshal([]byte(v), &want); err != nil {
			if _, ok := plainNames(v); ok {
				t.Fatalf("plainNames(%q) accepts what the JSON decoder refuses (%v)", v, err)
			}
		}
		got := decodeNames(v)
		if !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("decodeNames(%q) = %#v, want %#v", v, got, want)
		}
	})
}
