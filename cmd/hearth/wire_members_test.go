package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/store"
)

// A greeting goes out as a reply in the member's newest conversation; a
// member who never wrote is told so, and nothing is queued.
func TestMemberWriterAnswersTheNewestConversation(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	aid, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "club", Settings: json.RawMessage(`{"group_id":1}`)})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	anna := core.Person{Name: "Anna", Address: "101"}
	_, err = st.ApplyBatch(ctx, aid, core.Batch{
		Identities: []core.Identity{{Kind: core.IdentityVK, Address: "202", Name: "Quiet Boris", Followers: -1}},
		Items: []core.Item{
			{Kind: core.ItemVKComment, RemoteID: "comment:-1_1_1", ThreadRefs: []string{"post:-1_1"}, Author: anna, Text: "first", CreatedAt: at},
			{Kind: core.ItemVKComment, RemoteID: "comment:-1_2_5", ThreadRefs: []string{"post:-1_2"}, Author: anna, Text: "newest", CreatedAt: at.Add(time.Hour)},
		}})
	if err != nil {
		t.Fatal(err)
	}
	mem := members.New(members.Params{Store: st})
	if err := mem.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	w := memberWriter{mem, inbox.New(inbox.Params{Store: st})}
	find := func(name string) int64 {
		page, err := mem.List(ctx, core.MemberFilter{Query: name})
		if err != nil || len(page.Members) != 1 {
			t.Fatalf("member %q: %v, %v", name, page.Members, err)
		}
		return page.Members[0].ID
	}

	if err := w.WriteTo(ctx, find("Anna"), "Welcome, Anna!"); err != nil {
		t.Fatal(err)
	}
	newest, _ := st.ItemByRemoteID(ctx, aid, "comment:-1_2_5")
	if q, _ := st.Outbox(ctx, newest.ID); len(q) != 1 || q[0].Op != core.OpReply {
		t.Errorf("outbox of the newest comment = %+v, want the greeting queued as a reply", q)
	}

	err = w.WriteTo(ctx, find("Boris"), "Welcome, Boris!")
	if err == nil || !strings.Contains(err.Error(), "not written") {
		t.Errorf("writing to a member who never wrote: %v", err)
	}
	if all, _ := st.Outbox(ctx, 0); len(all) != 1 {
		t.Errorf("%d outbox entries, want only Anna's greeting", len(all))
	}
}
