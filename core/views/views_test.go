package views_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/core/views"
)

var now = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

func setup(t *testing.T) (*coretest.Workspace, *views.Service) {
	w := coretest.Open(t, func() time.Time { return now })
	return w, views.New(views.Params{Store: w.Store, Now: func() time.Time { return now }})
}

func TestAddListRemove(t *testing.T) {
	_, v := setup(t)
	ctx := context.Background()
	if _, err := v.Add(ctx, "Brand", "hearth OR хартх channel:vk", true); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Add(ctx, "Questions", "is:unread -is:mine", false); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, q string
		want    string // error text; "" for none
	}{
		{"brand", "x", `views: a view named "brand" already exists`},
		{"Bad", "a OR", "column 3: OR needs a term on each side"},
		{"Empty", "!!!", "column 1: the query has nothing to match on"},
		{" ", "x", "views: a view needs a name"},
	}
	for _, tt := range tests {
		_, err := v.Add(ctx, tt.name, tt.q, false)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Add(%q, %q) = %v, want %s", tt.name, tt.q, err, tt.want)
		}
	}
	var pe *query.Error
	if _, err := v.Add(ctx, "Bad", "(a", false); !errors.As(err, &pe) {
		t.Errorf("a parse error is not a *query.Error: %v", err)
	}
	list, err := v.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "Brand" || !list[0].Watch || list[1].Name != "Questions" || list[1].Watch {
		t.Errorf("List = %+v", list)
	}
	if err := v.Remove(ctx, "BRAND"); err != nil {
		t.Fatal(err)
	}
	if err := v.Remove(ctx, "Brand"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("second Remove = %v, want not found", err)
	}
}

func TestCountsUnreadInTriage(t *testing.T) {
	w, v := setup(t)
	ctx := context.Background()
	acct := w.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Club"})
	at := func(m int) time.Time { return now.Add(-time.Duration(m) * time.Minute) }
	w.AddItems(t, acct.ID,
		core.Item{Kind: core.ItemVKComment, RemoteID: "1", Text: "Когда встреча?", CreatedAt: at(1)},
		core.Item{Kind: core.ItemVKComment, RemoteID: "2", Text: "Встречи отменили", CreatedAt: at(2), Seen: true},
		core.Item{Kind: core.ItemVKComment, RemoteID: "3", Text: "О встрече", CreatedAt: at(3), State: core.StateDone},
		core.Item{Kind: core.ItemVKComment, RemoteID: "4", Text: "Встречный вопрос", CreatedAt: at(4)},
	)
	for _, q := range []struct{ name, q string }{{"Meetups", "встреча"}, {"Done meetups", "встреча state:done"}, {"Nothing", "xylophone"}} {
		if _, err := v.Add(ctx, q.name, q.q, false); err != nil {
			t.Fatal(err)
		}
	}
	counts, err := v.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range counts {
		got = append(got, c.Label())
	}
	if want := []string{"Done meetups (1)", "Meetups (1)", "Nothing"}; !slices.Equal(got, want) {
		t.Errorf("labels = %q, want %q", got, want)
	}
	if l := (views.Count{View: core.View{Name: "Busy"}, Unread: 99, More: true}).Label(); l != "Busy (99+)" {
		t.Errorf("capped label = %q", l)
	}
}

// A keyword watch tags new items matching it, in any of its word forms and
// on every channel, and leaves stored items, our own messages and other
// words alone.
func TestWatchTagsNewMatches(t *testing.T) {
	w, v := setup(t)
	ctx := context.Background()
	vk := w.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Club"})
	mail := w.AddAccount(t, core.Account{Kind: core.KindIMAP, Name: "Mail"})
	if _, err := v.Add(ctx, "meetups", "встреча OR meetup", true); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Add(ctx, "vip-vk", "channel:vk followers>1000", true); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Add(ctx, "plain view", "встреча", false); err != nil {
		t.Fatal(err)
	}
	st := views.Tagging{BatchStore: w.Store, Views: v}
	at := func(m int) time.Time { return now.Add(-time.Duration(m) * time.Minute) }
	apply := func(acct int64, b core.Batch) {
		t.Helper()
		if _, err := st.ApplyBatch(ctx, acct, b); err != nil {
			t.Fatal(err)
		}
	}
	apply(vk.ID, core.Batch{
		Identities: []core.Identity{{Kind: core.IdentityVK, Address: "7", Name: "Star", Followers: 5000}},
		Items: []core.Item{
			{Kind: core.ItemVKComment, RemoteID: "a", Text: "Встречи клуба по средам", CreatedAt: at(1), Author: core.Person{Address: "7"}},
			{Kind: core.ItemVKComment, RemoteID: "b", Text: "встречный иск", CreatedAt: at(2), Author: core.Person{Address: "8"}},
			{Kind: core.ItemVKComment, RemoteID: "c", Text: "до встречи!", CreatedAt: at(3), Outgoing: true},
		}})
	apply(mail.ID, core.Batch{Items: []core.Item{
		{Kind: core.ItemEmail, RemoteID: "m", Subject: "Meetups in Lyon", CreatedAt: at(4), Author: core.Person{Address: "a@b.c"}},
	}})
	// A re-sync of a stored item whose text now matches does not tag it:
	// the person may have removed the tag.
	apply(vk.ID, core.Batch{Items: []core.Item{
		{Kind: core.ItemVKComment, RemoteID: "b", Text: "встреча, edited", CreatedAt: at(2), Author: core.Person{Address: "8"}},
	}})
	want := map[string][]string{"a": {"watch:meetups", "watch:vip-vk"}, "b": nil, "c": nil, "m": {"watch:meetups"}}
	items, err := w.Store.Items(ctx, core.ItemFilter{States: core.States, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != len(want) {
		t.Fatalf("%d items, want %d", len(items), len(want))
	}
	for _, it := range items {
		slices.Sort(it.Tags)
		if !slices.Equal(it.Tags, want[it.RemoteID]) {
			t.Errorf("%s tags = %q, want %q", it.RemoteID, it.Tags, want[it.RemoteID])
		}
	}
	hits, err := w.Store.Items(ctx, core.ItemFilter{Query: "tag:watch:meetups", States: core.States})
	if err != nil || len(hits) != 2 {
		t.Errorf("tag:watch:meetups finds %d items, %v; want 2", len(hits), err)
	}
}
