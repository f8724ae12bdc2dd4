package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func TestApplyBatchTwiceNeverDuplicates(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	b := core.Batch{Items: []core.Item{mail("a", 1, "One"), mail("b", 2, "Two")}}

	first, err := s.ApplyBatch(ctx, acct, b)
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.ApplyBatch(ctx, acct, b)
	if err != nil {
		t.Fatal(err)
	}
	if first.Inserted != 2 || first.Updated != 0 || len(first.NewIDs) != 2 {
		t.Errorf("first apply = %+v, want 2 inserted with their ids", first)
	}
	if second.Inserted != 0 || second.Updated != 2 || len(second.NewIDs) != 0 {
		t.Errorf("second apply = %+v, want 2 updated, no new ids", second)
	}
	var n int
	if err := s.r.QueryRow("SELECT count(*) FROM items").Scan(&n); err != nil || n != 2 {
		t.Errorf("items = %d, %v; want 2", n, err)
	}
	if hits, _ := s.Search(ctx, "two", core.ItemFilter{}); len(hits) != 1 {
		t.Errorf("search after re-apply: %d hits, want 1 (no duplicate index rows)", len(hits))
	}
}

func TestApplyBatchUpdateKeepsTriage(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, mail("a", 1, "Draft agenda"))
	it, err := s.ItemByRemoteID(ctx, acct, "a")
	if err != nil {
		t.Fatal(err)
	}
	until := base.Add(48 * time.Hour)
	must(t, s.SetState(ctx, it.ID, core.StateSnoozed, until))
	must(t, s.SetSeen(ctx, it.ID, true))
	must(t, s.AddTag(ctx, it.ID, "meetup"))

	changed := mail("a", 1, "Final agenda")
	changed.Text, changed.Location, changed.Seen = "New body", "INBOX/7/42", false
	res := apply(t, s, acct, changed)

	got, err := s.Item(ctx, it.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Updated != 1 || got.ID != it.ID {
		t.Fatalf("re-sync made a new item: %+v, id %d vs %d", res, got.ID, it.ID)
	}
	if got.Subject != "Final agenda" || got.Text != "New body" || got.Location != "INBOX/7/42" {
		t.Errorf("content not refreshed: %q %q %q", got.Subject, got.Text, got.Location)
	}
	if got.State != core.StateSnoozed || !got.SnoozeUntil.Equal(until) || !got.Seen || !equal(got.Tags, []string{"meetup"}) {
		t.Errorf("triage lost: state %s until %v seen %v tags %v", got.State, got.SnoozeUntil, got.Seen, got.Tags)
	}
	if hits, _ := s.Search(ctx, "final", core.ItemFilter{States: core.States}); len(hits) != 1 {
		t.Errorf("new subject not searchable: %d hits", len(hits))
	}
	if hits, _ := s.Search(ctx, "draft", core.ItemFilter{States: core.States}); len(hits) != 0 {
		t.Errorf("old subject still searchable: %d hits", len(hits))
	}
}

func TestApplyBatchFlags(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	seen := mail("seen-on-arrival", 2, "x")
	seen.Seen = true
	apply(t, s, acct, mail("a", 1, "x"), seen, at(mail("c", 3, "x"), "INBOX", "1:3:INBOX"))
	_, err := s.ApplyBatch(ctx, acct, core.Batch{
		Flags: []core.FlagUpdate{{RemoteID: "a", Seen: true}, {RemoteID: "seen-on-arrival", Seen: false},
			{RemoteID: "unknown", Seen: true}, {Location: "1:3:INBOX", Seen: true}, {Location: "1:4:INBOX", Seen: true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.ItemByRemoteID(ctx, acct, "a")
	b, _ := s.ItemByRemoteID(ctx, acct, "seen-on-arrival")
	c, _ := s.ItemByRemoteID(ctx, acct, "c")
	if !a.Seen || b.Seen || !c.Seen {
		t.Errorf("seen: a %v, b %v, c (by location) %v; want true, false, true", a.Seen, b.Seen, c.Seen)
	}
}

func TestApplyBatchIsAtomicWithCursor(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	_, err := s.ApplyBatch(ctx, acct, core.Batch{
		Items:   []core.Item{mail("ok", 1, "fine")},
		Cursors: map[string][]byte{"INBOX": []byte("uid:1")},
	})
	must(t, err)

	broken := mail("", 3, "no remote id") // violates the schema
	_, err = s.ApplyBatch(ctx, acct, core.Batch{
		Items:   []core.Item{mail("first", 2, "written before the failure"), broken},
		Flags:   []core.FlagUpdate{{RemoteID: "ok", Seen: true}},
		Cursors: map[string][]byte{"INBOX": []byte("uid:3")},
	})
	if err == nil {
		t.Fatal("a batch with an invalid item was applied")
	}
	if _, err := s.ItemByRemoteID(ctx, acct, "first"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("item before the failure was kept: err = %v", err)
	}
	if it, _ := s.ItemByRemoteID(ctx, acct, "ok"); it.Seen {
		t.Error("flag change of the failed batch was kept")
	}
	if c, err := s.Cursor(ctx, acct, "INBOX"); err != nil || string(c) != "uid:1" {
		t.Errorf("cursor = %q, %v; want the previous uid:1", c, err)
	}
	if counts, _ := s.StateCounts(ctx, acct); counts[core.StateNew] != 1 {
		t.Errorf("counts moved with the failed batch: %v", counts)
	}
}

func TestApplyBatchUnknownAccount(t *testing.T) {
	s := newStore(t)
	_, err := s.ApplyBatch(context.Background(), 77, core.Batch{Items: []core.Item{mail("a", 1, "x")}})
	if !errors.Is(err, core.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

func TestCursors(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	if _, err := s.Cursor(ctx, acct, "INBOX"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("cursor before any sync: err = %v, want ErrNotFound", err)
	}
	steps := []struct {
		cursors map[string][]byte
		want    map[string]string // "" = absent
	}{
		{map[string][]byte{"INBOX": []byte("1"), "Sent": []byte("9")}, map[string]string{"INBOX": "1", "Sent": "9"}},
		{map[string][]byte{"INBOX": []byte("2")}, map[string]string{"INBOX": "2", "Sent": "9"}},
		{map[string][]byte{"Sent": nil}, map[string]string{"INBOX": "2", "Sent": ""}},
		{map[string][]byte{"INBOX": {}}, map[string]string{"INBOX": "", "Sent": ""}},
	}
	for i, step := range steps {
		if _, err := s.ApplyBatch(ctx, acct, core.Batch{Cursors: step.cursors}); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		for key, want := range step.want {
			got, err := s.Cursor(ctx, acct, key)
			switch {
			case i == 3 && key == "INBOX":
				if err != nil || len(got) != 0 {
					t.Errorf("step %d: an empty cursor reads back as %q, %v", i, got, err)
				}
			case want == "" && !errors.Is(err, core.ErrNotFound):
				t.Errorf("step %d: %s = %q, %v; want absent", i, key, got, err)
			case want != "" && string(got) != want:
				t.Errorf("step %d: %s = %q, %v; want %q", i, key, got, err, want)
			}
		}
	}
}

func TestKnown(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	a, b := newAccount(t, s, "a"), newAccount(t, s, "b")
	apply(t, s, a, mail("x", 1, ""), mail("y", 2, ""))
	apply(t, s, b, mail("z", 1, ""))
	got, err := s.Known(ctx, a, []string{"x", "z", "nope", "y"})
	if err != nil {
		t.Fatal(err)
	}
	var known []string
	for id, ok := range got {
		if ok {
			known = append(known, id)
		}
	}
	slices.Sort(known)
	if !equal(known, []string{"x", "y"}) {
		t.Errorf("Known = %v, want [x y] (z is another account's)", known)
	}
}

func TestRawAndItemContent(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	in := mail("<m1@example.org>", 1, "Hi")
	in.Raw = []byte("Subject: Hi\r\n\r\nBody")
	in.To = []core.Person{{Name: "Team", Address: "team@example.org"}}
	in.Attachments = []core.Attachment{{Name: "plan.pdf", MIMEType: "application/pdf", Size: 1234}}
	in.Problems = []string{"unknown charset x-mac-cyrillic"}
	in.ThreadRefs = []string{"<root@example.org>", "<parent@example.org>"}
	res := apply(t, s, acct, in)

	got, err := s.Item(ctx, res.NewIDs[0])
	if err != nil {
		t.Fatal(err)
	}
	if got.Raw != nil {
		t.Error("Item loaded the raw source")
	}
	if got.Account != "mail" || got.Text != in.Text || got.Snippet != in.Text || !got.CreatedAt.Equal(in.CreatedAt) ||
		got.CreatedAt.Location() != time.UTC || got.State != core.StateNew {
		t.Errorf("Item = %+v", got)
	}
	if !equal(got.To, in.To) || !equal(got.Attachments, in.Attachments) || !equal(got.Problems, in.Problems) ||
		!equal(got.ThreadRefs, in.ThreadRefs) {
		t.Errorf("lists: to %v att %v problems %v refs %v", got.To, got.Attachments, got.Problems, got.ThreadRefs)
	}
	raw, err := s.Raw(ctx, got.ID)
	if err != nil || string(raw) != string(in.Raw) {
		t.Errorf("Raw = %q, %v", raw, err)
	}
	// A re-sync without the source keeps the stored one.
	in.Raw = nil
	apply(t, s, acct, in)
	if raw, _ := s.Raw(ctx, got.ID); string(raw) != "Subject: Hi\r\n\r\nBody" {
		t.Errorf("raw after a re-sync without raw = %q", raw)
	}
	if _, err := s.Item(ctx, 999); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("missing item: err = %v", err)
	}
}

func TestAuthorIdentity(t *testing.T) {
	s := newStore(t)
	a, b := newAccount(t, s, "a"), newAccount(t, s, "b")
	first := mail("1", 1, "")
	first.Author = core.Person{Name: "Anna K.", Address: "Anna@Example.org"}
	second := mail("2", 2, "")
	second.Author = core.Person{Address: "anna@example.org"}
	apply(t, s, a, first)
	apply(t, s, b, second)
	var n int
	var name string
	err := s.r.QueryRow(`SELECT count(DISTINCT i.author_identity_id), max(d.name) FROM items i
		JOIN identities d ON d.id = i.author_identity_id`).Scan(&n, &name)
	if err != nil || n != 1 || name != "Anna K." {
		t.Errorf("identities = %d named %q (%v); want one, Anna K.", n, name, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestUndatedItemKeepsItsArrivalDate(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "feed")
	entry := core.Item{Kind: core.ItemFeed, RemoteID: "entry-1", Subject: "News"}
	apply(t, s, acct, entry)
	first, err := s.ItemByRemoteID(ctx, acct, "entry-1")
	must(t, err)
	if first.CreatedAt.IsZero() {
		t.Fatal("an undated item was stored without a date")
	}
	time.Sleep(5 * time.Millisecond) // let the clock move past the first date
	apply(t, s, acct, entry)
	again, _ := s.ItemByRemoteID(ctx, acct, "entry-1")
	if !again.CreatedAt.Equal(first.CreatedAt) {
		t.Errorf("re-sync moved the date from %v to %v", first.CreatedAt, again.CreatedAt)
	}
}
