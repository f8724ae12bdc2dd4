package vk

import (
	"bytes"
	"image"
	"image/jpeg"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// A member's comment with a photo comes into the inbox with what the
// photo is (its size on VK and where it is) and nothing of it fetched:
// the picture stays on VK until a person asks for it.
func TestCommentPhotoSyncedAsRemotePicture(t *testing.T) {
	e := newEnv(t, core.VKSettings{BackfillDays: 30})
	p := e.post("Покажите ваши столы после игры!", 24*time.Hour)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 1280, 960)), nil); err != nil {
		t.Fatal(err)
	}
	photo := e.peer.AddPhoto(anna.ID, b.Bytes(), 1280, 960)
	c := e.peer.AddComment(vkpeer.Comment{PostID: p, FromID: anna.ID, Text: "Вот наш!", Attachments: []string{photo}})
	e.mustSync()

	it := e.item(cRID(p, c))
	if len(it.Attachments) != 1 {
		t.Fatalf("attachments = %+v, want the photo", it.Attachments)
	}
	a := it.Attachments[0]
	if !a.Remote() || !a.IsPicture() || a.Width != 1280 || a.Height != 960 || !strings.HasPrefix(a.Name, photo) ||
		strings.Contains(a.URL, "size=s") {
		t.Errorf("attachment = %+v, want %s as a remote 1280x960 picture at its large size", a, photo)
	}
	if n := e.peer.PhotoGets(); n != 0 {
		t.Errorf("the sync fetched %d pictures, want none", n)
	}
}
