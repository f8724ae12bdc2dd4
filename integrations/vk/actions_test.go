package vk

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// TestReplyAsCommunityOnce: a reply to a comment lands in its thread as
// the community; a repeat with the same key makes nothing new, and the
// crash check finds it by its text.
func TestReplyAsCommunityOnce(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	ctx := context.Background()
	p := e.post("Анонс турнира", time.Hour)
	q := e.comment(p, anna, "А регистрация где?", 0)
	e.mustSync()
	to := e.item(cRID(p, q))
	reply := core.Reply{Text: "Анна, ссылка в закрепе 🙂"}

	if _, found, err := e.conn.FindReply(ctx, to, reply, "k-1"); err != nil || found {
		t.Fatalf("before sending: found=%v err=%v", found, err)
	}
	rid, err := e.conn.Reply(ctx, to, reply, "k-1")
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.conn.Reply(ctx, to, reply, "k-1")
	if err != nil || again != rid {
		t.Errorf("repeat = %q, %v; want the same comment %q", again, err, rid)
	}
	cms := e.peer.Comments(p)
	if len(cms) != 2 {
		t.Fatalf("peer has %d comments, want 2 (the question and one reply)", len(cms))
	}
	if got := cms[1]; got.FromID != -groupID || got.ReplyTo != q || got.GUID != "k-1" || cRID(p, got.ID) != rid {
		t.Errorf("reply on VK = %+v", got)
	}
	found, ok, err := e.conn.FindReply(ctx, to, reply, "k-1")
	if err != nil || !ok || found != rid {
		t.Errorf("FindReply = %q, %v, %v; want %q", found, ok, err, rid)
	}
	top, err := e.conn.Reply(ctx, e.item(pRID(p)), core.Reply{Text: "Всем спасибо!"}, "k-2")
	if err != nil {
		t.Fatal(err)
	}
	if got := e.peer.Comments(p)[2]; got.ReplyTo != 0 || cRID(p, got.ID) != top {
		t.Errorf("a reply to the post = %+v, want a top-level comment", got)
	}
}

// TestCommunityMessages: conversations sync as vk_message items, a reply
// goes through messages.send once, and Delivered finds it by random_id.
func TestCommunityMessages(t *testing.T) {
	e := newEnv(t, core.VKSettings{Messages: true})
	ctx := context.Background()
	m := e.peer.UserMessage(chen.ID, "Hi! Do you ship board games to Germany?")
	e.mustSync()
	rid := msgRID(chen.ID, m)
	it := e.item(rid)
	if it.Kind != core.ItemVKMessage || it.Author.Address != "103" || it.Author.Name != "Chen Wu" {
		t.Fatalf("message item = %+v", it)
	}
	if ok, err := e.conn.Delivered(ctx, it, "m-1"); err != nil || ok {
		t.Fatalf("Delivered before sending = %v, %v", ok, err)
	}
	sent, err := e.conn.Reply(ctx, it, core.Reply{Text: "Yes, we do! Shipping takes a week."}, "m-1")
	if err != nil {
		t.Fatal(err)
	}
	if again, err := e.conn.Reply(ctx, it, core.Reply{Text: "Yes, we do! Shipping takes a week."}, "m-1"); err != nil || again != sent {
		t.Errorf("repeat = %q, %v; want %q", again, err, sent)
	}
	if msgs := e.peer.Messages(chen.ID); len(msgs) != 2 || !msgs[1].Out {
		t.Errorf("conversation on VK = %+v, want the question and one answer", msgs)
	}
	if ok, err := e.conn.Delivered(ctx, it, "m-1"); err != nil || !ok {
		t.Errorf("Delivered after sending = %v, %v", ok, err)
	}
	e.peer.UserMessage(chen.ID, "Great, thanks")
	e.mustSync()
	conv := e.item(rid).ThreadID
	for _, want := range []string{sent} {
		if got := e.item(want); got.ThreadID != conv || !got.Outgoing {
			t.Errorf("our answer %+v is not an outgoing part of the conversation %d", got, conv)
		}
	}
}

// TestModeration: delete and restore a comment, ban with an end and a
// reason, unban; and what VK cannot do is refused clearly.
func TestModeration(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	ctx := context.Background()
	p := e.post("Пост", time.Hour)
	spam := e.comment(p, boris, "Накрутка подписчиков!!!", 0)
	e.mustSync()
	it := e.item(cRID(p, spam))
	at := e.clock.now()

	steps := []struct {
		name  string
		act   core.ModAction
		check func() bool
	}{
		{"delete", core.ModAction{Kind: core.ModDelete}, func() bool { c, _ := e.peer.Comment(spam); return c.Deleted }},
		{"delete again", core.ModAction{Kind: core.ModDelete}, func() bool { c, _ := e.peer.Comment(spam); return c.Deleted }},
		{"restore", core.ModAction{Kind: core.ModRestore}, func() bool { c, _ := e.peer.Comment(spam); return !c.Deleted }},
		{"ban a week", core.ModAction{Kind: core.ModBan, Duration: 7 * 24 * time.Hour, Reason: core.BanSpam, Comment: "spam", At: at},
			func() bool {
				b, ok := e.peer.Banned(boris.ID)
				return ok && b.EndDate.Equal(at.Add(7*24*time.Hour)) && b.Reason == 1 && b.Comment == "spam"
			}},
		{"unban", core.ModAction{Kind: core.ModUnban}, func() bool { _, ok := e.peer.Banned(boris.ID); return !ok }},
		{"ban forever", core.ModAction{Kind: core.ModBan, Reason: core.BanAbuse, At: at},
			func() bool { b, ok := e.peer.Banned(boris.ID); return ok && b.EndDate.IsZero() }},
	}
	for _, s := range steps {
		if err := e.conn.Moderate(ctx, it, s.act); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if !s.check() {
			t.Errorf("%s: VK's state did not follow", s.name)
		}
	}
	if err := e.conn.Moderate(ctx, it, core.ModAction{Kind: core.ModHide}); !errors.Is(err, core.ErrUnsupported) {
		t.Errorf("hide on VK = %v, want ErrUnsupported", err)
	}
	if err := e.conn.Moderate(ctx, e.item(pRID(p)), core.ModAction{Kind: core.ModBan}); core.AsRemote(err) == nil {
		t.Errorf("banning the community itself = %v, want a refusal", err)
	}
}

// TestPublishWithGUID: a repeated publish makes one post; the crash check
// finds it by text after the first attempt; a scheduled post is postponed
// on VK; images are refused.
func TestPublishWithGUID(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	ctx := context.Background()
	pub := core.Publication{Key: "pub-1", Text: "Встреча клуба в субботу в 18:00", Since: e.clock.now()}
	if _, found, err := e.conn.FindPublished(ctx, pub); err != nil || found {
		t.Fatalf("before publishing: found=%v err=%v", found, err)
	}
	first, err := e.conn.Publish(ctx, pub)
	if err != nil {
		t.Fatal(err)
	}
	second, err := e.conn.Publish(ctx, pub)
	if err != nil || second.RemoteID != first.RemoteID {
		t.Errorf("repeat = %+v, %v; want %s", second, err, first.RemoteID)
	}
	if n := len(e.peer.Posts()); n != 1 {
		t.Errorf("peer has %d posts after two publishes, want 1", n)
	}
	got, found, err := e.conn.FindPublished(ctx, pub)
	if err != nil || !found || got.RemoteID != first.RemoteID || got.URL != "https://vk.com/wall-1000_1" {
		t.Errorf("FindPublished = %+v, %v, %v", got, found, err)
	}
	if _, found, _ := e.conn.FindPublished(ctx, core.Publication{Text: "другой текст", Since: pub.Since}); found {
		t.Error("FindPublished matched a different text")
	}

	later := core.Publication{Key: "pub-2", Text: "Scheduled: tournament results", PublishAt: e.clock.now().Add(48 * time.Hour), Since: e.clock.now()}
	res, err := e.conn.Publish(ctx, later)
	if err != nil {
		t.Fatal(err)
	}
	posts := e.peer.Posts()
	if !posts[1].PublishDate.Equal(later.PublishAt) || !res.At.Equal(later.PublishAt) {
		t.Errorf("scheduled post = %+v, result %+v; want publish_date %v", posts[1], res, later.PublishAt)
	}
	if _, found, err := e.conn.FindPublished(ctx, later); err != nil || !found {
		t.Errorf("FindPublished of the scheduled post = %v, %v", found, err)
	}
}

// TestReplyOutcomeUnknown: a reply whose answer never came is reported as
// an unknown outcome (the outbox then checks), a clear refusal is not.
func TestReplyOutcomeUnknown(t *testing.T) {
	e := newEnv(t, core.VKSettings{}, func(o *Options) { o.Timeout = 300 * time.Millisecond })
	ctx := context.Background()
	p := e.post("Пост", time.Hour)
	q := e.comment(p, anna, "Вопрос", 0)
	e.mustSync()
	to := e.item(cRID(p, q))
	tests := []struct {
		name    string
		fault   vkpeer.Fault
		unknown bool
	}{
		{"timeout", vkpeer.Fault{Delay: 3 * time.Second}, true},
		{"502 page", vkpeer.Fault{HTML: true, HTTPStatus: 502}, true},
		{"flood control", vkpeer.Fault{Code: 9}, false},
		{"revoked token", vkpeer.Fault{Code: 5}, false},
	}
	for _, tt := range tests {
		e.peer.Fail("wall.createComment", tt.fault)
		_, err := e.conn.Reply(ctx, to, core.Reply{Text: "Ответ"}, "k-"+tt.name)
		if err == nil || errors.Is(err, core.ErrUnknownOutcome) != tt.unknown {
			t.Errorf("%s: err = %v, want unknown outcome %v", tt.name, err, tt.unknown)
		}
	}
}
