package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/vk"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

type tokenOnly string

func (t tokenOnly) Get(context.Context, int64, string) (string, error) { return string(t), nil }

// A member who only commented on VK, and allows messages from the
// community, is greeted by a community message: the route says so, the
// outbox sends it once through the loopback VK, and it lands in his
// private conversation; nothing is posted under his comment.
func TestGreetingGoesByVKMessageWhenAllowed(t *testing.T) {
	ctx := context.Background()
	peer := vkpeer.Start(vkpeer.Options{GroupID: 77, GroupName: "Клуб", Token: "tok"})
	defer peer.Close()
	dima := vkpeer.User{ID: 6061, FirstName: "Дмитрий", LastName: "Орлов", ScreenName: "d_orlov"}
	peer.AddUser(dima)
	post := peer.AddPost(vkpeer.Post{Text: "Игротека в пятницу"})
	peer.AddComment(vkpeer.Comment{PostID: post, FromID: dima.ID, Text: "Привет всем, я новенький!"})
	peer.AllowMessages(dima.ID, true)

	dir := t.TempDir()
	fromTemplate(t, dir)
	st, err := store.Open(ctx, dbPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	set, _ := json.Marshal(core.VKSettings{GroupID: 77, APIURL: peer.URL()})
	if _, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "club", Settings: set}); err != nil {
		t.Fatal(err)
	}
	eng := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{vk.NewDriver(vk.Options{})}, Secrets: tokenOnly("tok")})
	if err := eng.SyncOnce(ctx, 0); err != nil {
		t.Fatal(err)
	}
	mem := members.New(members.Params{Store: st})
	if err := mem.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	w := newMemberWriter(mem, inbox.New(inbox.Params{Store: st, Notify: eng, Channels: eng}))
	page, err := mem.List(ctx, core.MemberFilter{Query: "Дмитрий"})
	if err != nil || len(page.Members) != 1 {
		t.Fatalf("member: %v, %v", page.Members, err)
	}
	id := page.Members[0].ID

	r, err := w.Route(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Private || !r.Start || r.Channel != "VK community message" || r.To != "Дмитрий Орлов (vk.com/d_orlov)" {
		t.Fatalf("route = %+v, want a VK community message to Дмитрий", r)
	}
	if err := w.WriteTo(ctx, id, "Дмитрий, добро пожаловать!", false); err != nil {
		t.Fatal(err)
	}
	run, err := eng.FlushOutbox(ctx)
	if err != nil || run.Handled != 1 || len(run.NeedPerson) != 0 {
		t.Fatalf("outbox: %+v, %v", run, err)
	}
	msgs := peer.Messages(dima.ID)
	if len(msgs) != 1 || !msgs[0].Out || msgs[0].Text != "Дмитрий, добро пожаловать!" {
		t.Errorf("VK conversation with Дмитрий = %+v, want the greeting once", msgs)
	}
	if cms := peer.Comments(post); len(cms) != 1 {
		t.Errorf("the post has %d comments: something was posted in public", len(cms))
	}
	all, err := st.Outbox(ctx, 0)
	if err != nil || len(all) != 1 || all[0].Op != core.OpMessage || all[0].State != core.OutboxSent {
		t.Fatalf("outbox = %+v, %v; want one sent private message", all, err)
	}
	if got, err := st.ItemByRemoteID(ctx, all[0].AccountID, all[0].RemoteID); err != nil || !got.Outgoing || got.Kind != core.ItemVKMessage {
		t.Errorf("the greeting in the workspace: %+v, %v; want our VK message", got, err)
	}
}
