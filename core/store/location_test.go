package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/hearthhq/hearth/core"
)

// at places a mail item in a scope, as the IMAP sync does.
func at(it core.Item, scope, loc string) core.Item {
	it.Scope, it.Location = scope, loc
	return it
}

// hashed gives a mail item a content hash, as the IMAP sync does.
func hashed(it core.Item, hash string) core.Item {
	it.ContentHash = hash
	return it
}

// A mailer that reuses one Message-Id for different messages loses none of
// them; an identical copy in another folder is one item seen in two places.
func TestSharedRemoteIDKeepsEveryContent(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	res := apply(t, s, acct,
		at(hashed(mail("reused@mailer", 1, "Order 1"), "aaaa"), "INBOX", "1:1:INBOX"),
		at(hashed(mail("reused@mailer", 2, "Order 2"), "bbbb"), "INBOX", "1:2:INBOX"),
		at(hashed(mail("reused@mailer", 1, "Order 1"), "aaaa"), "Lists", "5:9:Lists"))
	if res.Inserted != 2 {
		t.Fatalf("inserted %d items, want 2 (two contents, one copy): %+v", res.Inserted, res)
	}
	// The next pass sees the same messages again and adds a third content.
	res = apply(t, s, acct,
		at(hashed(mail("reused@mailer", 2, "Order 2"), "bbbb"), "INBOX", "1:2:INBOX"),
		at(hashed(mail("reused@mailer", 3, "Order 3"), "cccc"), "INBOX", "1:3:INBOX"))
	if res.Inserted != 1 || res.Updated != 1 {
		t.Fatalf("second pass: %+v, want 1 inserted and 1 updated", res)
	}
	page, err := s.Items(ctx, core.ItemFilter{States: core.States})
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, it := range page {
		subjects = append(subjects, it.Subject)
	}
	slices.Sort(subjects)
	if want := []string{"Order 1", "Order 2", "Order 3"}; !slices.Equal(subjects, want) {
		t.Errorf("inbox subjects = %v, want %v", subjects, want)
	}
	first, err := s.ItemByRemoteID(ctx, acct, "reused@mailer")
	if err != nil || first.Subject != "Order 1" {
		t.Fatalf("the first content keeps the plain id: %+v, %v", first.Subject, err)
	}
	// Replies name the shared id: they join the first message's thread.
	r := apply(t, s, acct, reply(hashed(mail("re@x", 4, "Re: Order 1"), "dddd"), "reused@mailer"))
	got, _ := s.Item(ctx, r.NewIDs[0])
	if got.ThreadID != first.ThreadID {
		t.Errorf("reply in thread %d, original in %d", got.ThreadID, first.ThreadID)
	}
	for _, it := range page {
		if core.SharedID(it.RemoteID) != "reused@mailer" {
			t.Errorf("remote id %q does not lead back to its Message-Id", it.RemoteID)
		}
	}
}

// A workspace written before content hashes keeps its items: the first
// content that claims an old id is that item, not a copy of it.
func TestSharedRemoteIDAdoptsUnhashedItem(t *testing.T) {
	s := newStore(t)
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, mail("old@x", 1, "Hello"))
	res := apply(t, s, acct, at(hashed(mail("old@x", 1, "Hello"), "aaaa"), "INBOX", "1:1:INBOX"))
	if res.Inserted != 0 || res.Updated != 1 {
		t.Fatalf("adopting: %+v, want the old item updated", res)
	}
	res = apply(t, s, acct, at(hashed(mail("old@x", 2, "Other"), "bbbb"), "INBOX", "1:2:INBOX"))
	if res.Inserted != 1 {
		t.Fatalf("a second content of the adopted id: %+v, want a new item", res)
	}
}

// An item is deleted when it is gone from every place it was seen, and
// comes back when seen again; a move made from here keeps it.
func TestPresentListingMarksGoneItemsDeleted(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	apply(t, s, acct,
		at(hashed(mail("a@x", 1, "In two folders"), "aaaa"), "INBOX", "1:1:INBOX"),
		at(hashed(mail("a@x", 1, "In two folders"), "aaaa"), "Lists", "5:1:Lists"),
		at(hashed(mail("b@x", 2, "Only in INBOX"), "bbbb"), "INBOX", "1:2:INBOX"),
		at(hashed(mail("c@x", 3, "Archived from here"), "cccc"), "INBOX", "1:3:INBOX"))
	c, _ := s.ItemByRemoteID(ctx, acct, "c@x")
	must(t, s.SetLocation(ctx, c.ID, "Archive", "7:1:Archive"))

	res := applyBatch(t, s, acct, core.Batch{Present: map[string][]string{"INBOX": nil}})
	deleted := func(id string) bool {
		it, err := s.ItemByRemoteID(ctx, acct, id)
		must(t, err)
		return it.Deleted
	}
	if deleted("a@x") || !deleted("b@x") || deleted("c@x") {
		t.Errorf("after INBOX emptied: a %v (still in Lists), b %v (gone), c %v (archived); want false, true, false",
			deleted("a@x"), deleted("b@x"), deleted("c@x"))
	}
	if res.Updated != 1 || len(res.ChangedIDs) != 1 {
		t.Errorf("result %+v, want the one deleted item reported changed", res)
	}
	applyBatch(t, s, acct, core.Batch{Present: map[string][]string{"Lists": {"5:2:Lists"}}})
	if !deleted("a@x") {
		t.Error("an item gone from both folders is not deleted")
	}
	// Moved back into INBOX by another client: seen again, restored.
	apply(t, s, acct, at(hashed(mail("b@x", 2, "Only in INBOX"), "bbbb"), "INBOX", "1:8:INBOX"))
	if deleted("b@x") {
		t.Error("an item seen again stays deleted")
	}
	// A second listing with everything present changes nothing.
	res = applyBatch(t, s, acct, core.Batch{Present: map[string][]string{"INBOX": {"1:8:INBOX"}, "Archive": {"7:1:Archive"}}})
	if res.Updated != 0 {
		t.Errorf("a listing of what is there changed %d items", res.Updated)
	}
}

// A person who chose not to keep what their channels deleted finds it gone
// from the workspace, those marked before the choice included; the
// conversation it was in stays, faced by what is left.
func TestDeletedItemsRemovedWhenChosen(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	apply(t, s, acct,
		at(hashed(mail("a@x", 1, "Meetup"), "aaaa"), "INBOX", "1:1:INBOX"),
		at(hashed(reply(mail("b@x", 2, "Re: Meetup"), "a@x"), "bbbb"), "INBOX", "1:2:INBOX"),
		at(hashed(mail("c@x", 3, "Old"), "cccc"), "INBOX", "1:3:INBOX"))
	applyBatch(t, s, acct, core.Batch{Present: map[string][]string{"INBOX": {"1:1:INBOX", "1:2:INBOX"}}})
	if it, err := s.ItemByRemoteID(ctx, acct, "c@x"); err != nil || !it.Deleted {
		t.Fatalf("kept by default and marked: %+v, %v", it.Deleted, err)
	}
	must(t, s.SetDeletedItems(ctx, core.DeletedRemove))
	if _, err := s.ItemByRemoteID(ctx, acct, "c@x"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("an item marked deleted before the choice is still there: %v", err)
	}
	applyBatch(t, s, acct, core.Batch{Present: map[string][]string{"INBOX": {"1:1:INBOX"}}})
	if _, err := s.ItemByRemoteID(ctx, acct, "b@x"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("an item deleted after the choice is still there: %v", err)
	}
	page, err := s.Items(ctx, core.ItemFilter{Conversations: true})
	must(t, err)
	if len(page) != 1 || page[0].RemoteID != "a@x" || page[0].ThreadSize != 1 {
		t.Errorf("conversations = %+v, want the meetup faced by its first message, 1 message", page)
	}
	if hits, _ := s.Search(ctx, "meetup", core.ItemFilter{States: core.States}); len(hits) != 1 {
		t.Errorf("search finds %d items, want 1 (the removed reply's index entry is gone)", len(hits))
	}
	if err := s.SetDeletedItems(ctx, "sometimes"); err == nil {
		t.Error("an unknown choice was taken")
	}
}
