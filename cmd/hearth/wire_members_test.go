package main

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/store"
)

// A greeting goes out privately: as an answer to the member's VK message,
// never under their newer public comment; a member with no private
// conversation is told so, and nothing is queued.
func TestMemberWriterAnswersPrivately(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fromTemplate(t, dir)
	st, err := store.Open(ctx, dbPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	aid, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "club", Settings: json.RawMessage(`{"group_id":1}`)})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	anna, boris := core.Person{Name: "Anna", Address: "101"}, core.Person{Name: "Boris", Address: "202"}
	_, err = st.ApplyBatch(ctx, aid, core.Batch{
		Items: []core.Item{
			{Kind: core.ItemVKMessage, RemoteID: "msg:101_7", Author: anna, Text: "a private question", CreatedAt: at},
			{Kind: core.ItemVKComment, RemoteID: "comment:-1_2_5", ThreadRefs: []string{"post:-1_2"}, Author: anna, Text: "newest", CreatedAt: at.Add(time.Hour)},
			{Kind: core.ItemVKComment, RemoteID: "comment:-1_2_6", ThreadRefs: []string{"post:-1_2"}, Author: boris, Text: "hello", CreatedAt: at.Add(time.Hour)},
		}})
	if err != nil {
		t.Fatal(err)
	}
	mem := members.New(members.Params{Store: st})
	if err := mem.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	w := newMemberWriter(mem, inbox.New(inbox.Params{Store: st}))
	find := func(name string) int64 {
		page, err := mem.List(ctx, core.MemberFilter{Query: name})
		if err != nil || len(page.Members) != 1 {
			t.Fatalf("member %q: %v, %v", name, page.Members, err)
		}
		return page.Members[0].ID
	}

	if err := w.WriteTo(ctx, find("Anna"), "Welcome, Anna!", false); err != nil {
		t.Fatal(err)
	}
	msg, _ := st.ItemByRemoteID(ctx, aid, "msg:101_7")
	if q, _ := st.Outbox(ctx, msg.ID); len(q) != 1 || q[0].Op != core.OpReply {
		t.Errorf("outbox of her VK message = %+v, want the greeting queued as a reply", q)
	}

	err = w.WriteTo(ctx, find("Boris"), "Welcome, Boris!", false)
	if !errors.Is(err, members.ErrNoPrivateChannel) {
		t.Errorf("writing to a member with no private conversation: %v", err)
	}
	if all, _ := st.Outbox(ctx, 0); len(all) != 1 {
		t.Errorf("%d outbox entries, want only Anna's greeting", len(all))
	}
}
