package x

import (
	"bytes"
	"image"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// A mention with a photo comes into the inbox with where the photo is and
// its size (v2 includes.media, v1.1 extended_entities), and nothing of it
// fetched.
func TestMentionPhotoSyncedAsRemotePicture(t *testing.T) {
	for _, api := range []core.XAPIVersion{core.XAPIv2, core.XAPIv11} {
		t.Run(string(api), func(t *testing.T) {
			e := newEnv(t, api)
			var b bytes.Buffer
			if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 1200, 675)), nil); err != nil {
				t.Fatal(err)
			}
			key := e.peer.AddPhoto(b.Bytes(), 1200, 675)
			e.clock.add(60e9)
			id := e.peer.AddTweet(xpeer.Tweet{AuthorID: alice.ID, Text: "@hearth_game our table tonight!", Photos: []string{key}})
			e.mustSync()

			it, ok := e.sess.items[id]
			if !ok {
				t.Fatalf("mention %s not synced", id)
			}
			if len(it.Attachments) != 1 {
				t.Fatalf("attachments = %+v, want the photo", it.Attachments)
			}
			a := it.Attachments[0]
			if !a.Remote() || !a.IsPicture() || a.Width != 1200 || a.Height != 675 || !strings.Contains(a.URL, key) {
				t.Errorf("attachment = %+v, want the 1200x675 photo %s where X serves it", a, key)
			}
			if n := e.peer.PhotoGets(); n != 0 {
				t.Errorf("the sync fetched %d pictures, want none", n)
			}
		})
	}
}
