package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func TestAccountRoundTrip(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	in := core.Account{
		Kind: core.KindIMAP, Name: "Support mailbox",
		Settings:  json.RawMessage(`{"host":"mail.example.org","port":993}`),
		CreatedAt: base,
	}
	id, err := s.CreateAccount(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Account(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != id || got.Kind != in.Kind || got.Name != in.Name || string(got.Settings) != string(in.Settings) ||
		!got.CreatedAt.Equal(base) || got.Status.State != core.SyncIdle {
		t.Errorf("Account = %+v, want %+v in state idle", got, in)
	}
	if byName, err := s.AccountByName(ctx, "Support mailbox"); err != nil || byName.ID != id {
		t.Errorf("AccountByName = %d, %v; want %d", byName.ID, err, id)
	}

	if err := s.UpdateAccountSettings(ctx, id, json.RawMessage(`{"host":"imap.example.org"}`)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Account(ctx, id); string(got.Settings) != `{"host":"imap.example.org"}` {
		t.Errorf("settings after update = %s", got.Settings)
	}
	if err := s.UpdateAccountSettings(ctx, id, json.RawMessage(`{broken`)); err == nil {
		t.Error("invalid JSON settings were accepted")
	}
}

func TestAccountStatusRoundTrip(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	id := newAccount(t, s, "mail")
	st := core.AccountStatus{
		State: core.SyncError, LastSync: base, Done: 3, Total: 10,
		Message: "the server refused the password", Action: "check the password",
		ErrorCount: 2, NextAttempt: base.Add(time.Minute), UpdatedAt: base.Add(time.Second),
	}
	if err := s.SetAccountStatus(ctx, id, st); err != nil {
		t.Fatal(err)
	}
	got, err := s.Account(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != st {
		t.Errorf("status = %+v, want %+v", got.Status, st)
	}
	if err := s.SetAccountStatus(ctx, 999, st); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("status of a missing account: err = %v, want ErrNotFound", err)
	}
}

func TestAccountsOrderedByName(t *testing.T) {
	s := newStore(t)
	for _, n := range []string{"X brand", "Community mail", "VK group"} {
		newAccount(t, s, n)
	}
	accts, err := s.Accounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range accts {
		names = append(names, a.Name)
	}
	if want := []string{"Community mail", "VK group", "X brand"}; !equal(names, want) {
		t.Errorf("Accounts = %v, want %v", names, want)
	}
}

func TestAccountErrors(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	newAccount(t, s, "mail")
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"duplicate name", func() error {
			_, err := s.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "mail"})
			return err
		}(), core.ErrConflict},
		{"missing id", func() error { _, err := s.Account(ctx, 42); return err }(), core.ErrNotFound},
		{"missing name", func() error { _, err := s.AccountByName(ctx, "nope"); return err }(), core.ErrNotFound},
		{"delete missing", s.DeleteAccount(ctx, 42), core.ErrNotFound},
		{"settings of missing", s.UpdateAccountSettings(ctx, 42, nil), core.ErrNotFound},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, tt.err, tt.want)
		}
	}
	if _, err := s.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "  "}); err == nil {
		t.Error("an account without a name was created")
	}
}

func TestDeleteAccountCascades(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	gone, kept := newAccount(t, s, "gone"), newAccount(t, s, "kept")
	for _, id := range []int64{gone, kept} {
		_, err := s.ApplyBatch(ctx, id, core.Batch{
			Items:   []core.Item{mail("m1", 1, "Hello"), reply(mail("m2", 2, "Re: Hello"), "m1")},
			Cursors: map[string][]byte{"INBOX": []byte("uid:2")},
		})
		if err != nil {
			t.Fatal(err)
		}
		it, _ := s.ItemByRemoteID(ctx, id, "m1")
		if err := s.AddTag(ctx, it.ID, "vip"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Enqueue(ctx, core.OutboxEntry{AccountID: id, ItemID: it.ID, Op: core.OpReply, IdemKey: "k" + it.RemoteID + string(rune('0'+id))}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveDraft(ctx, it.ID, "draft"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteAccount(ctx, gone); err != nil {
		t.Fatal(err)
	}
	for table, want := range map[string]int{
		"items": 2, "threads": 1, "sync_cursors": 1, "outbox": 1, "item_tags": 1, "drafts": 1,
		"item_refs": 1, "item_counts": 1,
	} {
		var n int
		if err := s.w.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("%s: %d rows after deleting an account, want %d (the other account's)", table, n, want)
		}
	}
	if hits, err := s.Search(ctx, "hello", core.ItemFilter{}); err != nil || len(hits) != 2 {
		t.Errorf("search after delete: %d hits, %v; want the kept account's 2", len(hits), err)
	}
	var fts int
	if err := s.w.QueryRow("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'body'").Scan(&fts); err != nil || fts != 2 {
		t.Errorf("full-text rows after delete = %d, %v; want 2", fts, err)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
