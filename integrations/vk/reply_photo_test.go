package vk

import (
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// replyWithPhotos queues, through the outbox, an answer to a member's
// comment with two pictures written to disk (the first with alt text).
func (e *env) replyWithPhotos(key string) (post, comment int, ent core.OutboxEntry) {
	e.t.Helper()
	dir := e.t.TempDir()
	var attach []core.PostImage
	for i, c := range []color.Color{color.RGBA{200, 60, 60, 255}, color.RGBA{60, 60, 200, 255}} {
		path := filepath.Join(dir, fmt.Sprintf("table-%d.png", i))
		if err := os.WriteFile(path, pngOf(e.t, c), 0o600); err != nil {
			e.t.Fatal(err)
		}
		attach = append(attach, core.PostImage{Path: path})
	}
	attach[0].Alt = "Стол с картой перед началом игры"
	post = e.post("Кто придёт в пятницу?", time.Hour)
	comment = e.comment(post, chen, "Покажите, как выглядит стол?", 0)
	e.mustSync()
	it := e.item(cRID(post, comment))
	payload, _ := json.Marshal(engine.ReplyPayload{Text: "Вот так!", Attach: attach})
	id, err := e.st.Enqueue(context.Background(), core.OutboxEntry{AccountID: e.acct, ItemID: it.ID, Op: core.OpReply,
		Payload: payload, IdemKey: key, State: core.OutboxQueued, CreatedAt: e.clock.now()})
	if err != nil {
		e.t.Fatal(err)
	}
	ent.ID = id
	return post, comment, ent
}

// A photo in a VK comment reply goes through the wall upload flow and the
// outbox: a failure at each step (upload server, upload, save, the
// comment itself) is retried from where it stopped. Each picture is
// uploaded once, the comment made once, under the member's comment, with
// both photos and the alt text as the first one's caption.
func TestReplyWithPhotosRetriesAfterEachStep(t *testing.T) {
	cases := []struct {
		step   string
		method string
		fault  vkpeer.Fault
	}{
		{"upload server", "photos.getWallUploadServer", vkpeer.Fault{Code: 10}},
		{"upload", "upload", vkpeer.Fault{HTML: true, HTTPStatus: 502}},
		{"save", "photos.saveWallPhoto", vkpeer.Fault{Code: 10}},
		{"comment", "wall.createComment", vkpeer.Fault{HTML: true, HTTPStatus: 502}},
	}
	for _, c := range cases {
		t.Run(c.step, func(t *testing.T) {
			e := newEnv(t, core.VKSettings{})
			ctx := context.Background()
			post, comment, ent := e.replyWithPhotos("photo-reply-" + c.step)
			if c.method != "wall.createComment" {
				e.peer.Fail(c.method, vkpeer.Fault{}) // the first picture's step passes
			}
			e.peer.Fail(c.method, c.fault)
			eng := e.engine()
			if _, err := eng.FlushOutbox(ctx); err != nil {
				t.Fatal(err)
			}
			if got := e.entry(ent.ID); got.State == core.OutboxSent {
				t.Fatalf("sent despite the %s failure", c.step)
			}
			if n := len(e.peer.Comments(post)); n != 1 {
				t.Fatalf("%d comments after the failed attempt, want the member's alone", n)
			}
			e.clock.add(time.Hour)
			if _, err := eng.FlushOutbox(ctx); err != nil {
				t.Fatal(err)
			}
			if got := e.entry(ent.ID); got.NeedsPerson() {
				// Not found after an unknown outcome: a person retries.
				if err := e.st.RetryOutbox(ctx, ent.ID); err != nil {
					t.Fatal(err)
				}
				if _, err := eng.FlushOutbox(ctx); err != nil {
					t.Fatal(err)
				}
			}
			if got := e.entry(ent.ID); got.State != core.OutboxSent {
				t.Fatalf("entry %s (%s), want sent", got.State, got.LastError)
			}
			if n := e.peer.Uploads(); n != 2 {
				t.Errorf("%d files uploaded, want the two pictures once each", n)
			}
			cms := e.peer.Comments(post)
			if len(cms) != 2 || cms[1].ReplyTo != comment || len(cms[1].Attachments) != 2 || cms[1].Text != "Вот так!" {
				t.Fatalf("comments %+v, want ours once, under the member's, with two photos", cms)
			}
			var caption string
			for _, ph := range e.peer.Photos() {
				if cms[1].Attachments[0] == fmt.Sprintf("photo%d_%d", ph.OwnerID, ph.ID) {
					caption = ph.Caption
				}
			}
			if caption != "Стол с картой перед началом игры" {
				t.Errorf("first photo's caption %q, want its alt text", caption)
			}
		})
	}
}

// An attempt that made the comment but lost VK's answer is confirmed by
// the comment's photo, although the comment has no text to tell it by:
// nothing is posted again.
func TestReplyPhotoAloneConfirmedByItsPhoto(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	ctx := context.Background()
	post := e.post("Кто придёт в пятницу?", time.Hour)
	comment := e.comment(post, chen, "Покажите стол?", 0)
	e.mustSync()
	it := e.item(cRID(post, comment))
	r := core.Reply{Attach: []core.PostImage{{Path: "a.png"}}, Images: []core.PublishImage{{Name: "a.png", Type: "image/png", Data: pngOf(t, color.Black)}}}
	var rec string
	r.Uploaded = func(_ context.Context, _ int, up string) error { rec = up; return nil }
	if _, err := e.conn.Reply(ctx, it, r, "photo-alone"); err != nil {
		t.Fatal(err)
	}
	found := core.Reply{Images: []core.PublishImage{{Upload: rec}}}
	id, ok, err := e.conn.FindReply(ctx, it, found, "photo-alone")
	if err != nil || !ok || id == "" {
		t.Fatalf("FindReply = %q, %v, %v; want the comment of the photo found", id, ok, err)
	}
	other := core.Reply{Images: []core.PublishImage{{Upload: "photo-1_999"}}}
	if _, ok, _ := e.conn.FindReply(ctx, it, other, "photo-alone"); ok {
		t.Error("a comment found for a photo it does not carry")
	}
}
