package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// A comment deleted remotely leaves triage but not its thread, and shows
// when asked for by state.
func TestDeletedItemsLeaveTheDefaultView(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newChannel(t, s, "vk", core.KindVK)
	post := core.Item{Kind: core.ItemVKPost, RemoteID: "post-1", Text: "Meetup photos", CreatedAt: base}
	kept, gone := comment("c1", 1, "7"), comment("c2", 2, "8")
	kept.Text, gone.Text = "lovely photos", "spam photos"
	applyBatch(t, s, acct, core.Batch{Items: []core.Item{post, kept, gone}, Removed: map[string]bool{"c2": true}})
	goneItem, err := s.ItemByRemoteID(ctx, acct, "c2")
	must(t, err)

	tests := []struct {
		name string
		read func() ([]core.Item, error)
		want []string
	}{
		{"triage", func() ([]core.Item, error) { return s.Items(ctx, core.ItemFilter{}) },
			[]string{"c1", "post-1"}},
		{"triage of the thread", func() ([]core.Item, error) {
			return s.Items(ctx, core.ItemFilter{ThreadID: goneItem.ThreadID})
		}, []string{"c1", "post-1"}},
		{"by state", func() ([]core.Item, error) {
			return s.Items(ctx, core.ItemFilter{States: []core.State{core.StateNew}})
		}, []string{"c2", "c1", "post-1"}},
		{"search in triage", func() ([]core.Item, error) { return s.Search(ctx, "photos", core.ItemFilter{}) },
			[]string{"c1", "post-1"}},
		{"search in every state", func() ([]core.Item, error) {
			return s.Search(ctx, "photos", core.ItemFilter{States: core.States})
		}, []string{"c2", "c1", "post-1"}},
		{"thread", func() ([]core.Item, error) {
			th, err := s.Thread(ctx, goneItem.ThreadID)
			return th.Items, err
		}, []string{"post-1", "c1", "c2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := tt.read()
			must(t, err)
			var got []string
			for _, it := range items {
				got = append(got, it.RemoteID)
				if it.Deleted != (it.RemoteID == "c2") {
					t.Errorf("%s: Deleted = %v", it.RemoteID, it.Deleted)
				}
			}
			if !equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// pageAllVIP reads every VIP-first page of f and returns the remote ids.
func pageAllVIP(t *testing.T, s *Store, f core.ItemFilter) []string {
	t.Helper()
	var ids []string
	for pages := 0; pages < 1000; pages++ {
		page, err := s.Items(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			return ids
		}
		for _, it := range page {
			ids = append(ids, it.RemoteID)
		}
		last := page[len(page)-1]
		f.Before, f.BeforeID, f.BeforeVIP = last.CreatedAt, last.ID, last.VIP
	}
	t.Fatal("paging does not end")
	return nil
}

// VIP first: influential authors' items first, each group newest first,
// every item once across pages, whatever the page size and filters.
func TestVIPFirstPaging(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	x := newChannel(t, s, "x", core.KindX)
	mailbox := newAccount(t, s, "mail")
	type row struct {
		id      string
		minute  int
		vip     bool
		state   core.State
		account int64
		deleted bool
	}
	var rows []row
	for i := range 40 {
		r := row{id: fmt.Sprint("t", i), minute: i / 4, vip: i%3 == 0, state: core.StateNew, account: x}
		switch i % 5 {
		case 1:
			r.state = core.StateOpen
		case 2:
			r.state = core.StateDone
		}
		r.deleted = i%11 == 0
		rows = append(rows, r)
	}
	for i := range 6 {
		rows = append(rows, row{id: fmt.Sprint("m", i), minute: i * 2, state: core.StateNew, account: mailbox})
	}
	batches := map[int64]*core.Batch{x: {Removed: map[string]bool{}}, mailbox: {}}
	for _, r := range rows {
		it := core.Item{Kind: core.ItemXMention, RemoteID: r.id, Text: "mention", State: r.state, VIP: r.vip,
			Author: core.Person{Address: r.id}, CreatedAt: base.Add(time.Duration(r.minute) * time.Minute)}
		b := batches[r.account]
		b.Items = append(b.Items, it)
		if r.deleted {
			b.Removed[r.id] = true
		}
	}
	for acct, b := range batches {
		applyBatch(t, s, acct, *b)
	}
	ids := map[string]int64{}
	for _, r := range rows {
		it, err := s.ItemByRemoteID(ctx, r.account, r.id)
		must(t, err)
		ids[r.id] = it.ID
	}
	// want orders the rows that pass keep as the list must.
	want := func(keep func(row) bool) []string {
		var sel []row
		for _, r := range rows {
			if keep(r) {
				sel = append(sel, r)
			}
		}
		slices.SortFunc(sel, func(a, b row) int {
			switch {
			case a.vip != b.vip:
				if a.vip {
					return -1
				}
				return 1
			case a.minute != b.minute:
				return b.minute - a.minute
			}
			return int(ids[b.id] - ids[a.id])
		})
		var out []string
		for _, r := range sel {
			out = append(out, r.id)
		}
		return out
	}
	triage := func(r row) bool { return r.state != core.StateDone && !r.deleted }
	tests := []struct {
		name string
		f    core.ItemFilter
		keep func(row) bool
	}{
		{"triage", core.ItemFilter{Limit: 5}, triage},
		{"triage, one per page", core.ItemFilter{Limit: 1}, triage},
		{"one account", core.ItemFilter{Limit: 4, AccountID: x}, func(r row) bool { return triage(r) && r.account == x }},
		{"no VIP in the account", core.ItemFilter{Limit: 4, AccountID: mailbox},
			func(r row) bool { return r.account == mailbox }},
		{"every state", core.ItemFilter{Limit: 7, States: core.States}, func(row) bool { return true }},
		{"done", core.ItemFilter{Limit: 3, States: []core.State{core.StateDone}},
			func(r row) bool { return r.state == core.StateDone }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.f.VIPFirst = true
			got, want := pageAllVIP(t, s, tt.f), want(tt.keep)
			if !equal(got, want) {
				t.Errorf("pages\n got %v\nwant %v", got, want)
			}
		})
	}
}
