package inbox

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	coreinbox "github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/integrations/imap/mailparse"
	"github.com/hearthhq/hearth/integrations/webpic"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

// pictureServer is a web server of pictures that counts what it is asked.
type pictureServer struct {
	*httptest.Server
	gets atomic.Int32
}

func newPictureServer(t *testing.T) *pictureServer {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 160, 120))); err != nil {
		t.Fatal(err)
	}
	s := &pictureServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.gets.Add(1)
		w.Write(b.Bytes())
	}))
	t.Cleanup(s.Close)
	return s
}

// withPictures gives the screen the real Pictures service: e-mail parts
// read by the mail parser, remote pictures fetched into cache.
func withPictures(cache string) option {
	return func(h *harness) {
		h.pictures = func(ws *coretest.Workspace) Pictures {
			return coreinbox.NewPictures(coreinbox.PicturesParams{Store: ws.Store, MailPart: mailparse.AttachmentData,
				Fetcher: webpic.New(cache)})
		}
	}
}

// images are the pictures the open thread shows.
func (h *harness) images() []*canvas.Image {
	var out []*canvas.Image
	for _, o := range test.LaidOutObjects(h.s.thread.messages) {
		// A picture, not an icon drawn from the theme's resources.
		if img, ok := o.(*canvas.Image); ok && img.Image != nil && img.Resource == nil && o.Visible() {
			out = append(out, img)
		}
	}
	return out
}

func (h *harness) alwaysChecks() []*widget.Check {
	var out []*widget.Check
	for _, o := range test.LaidOutObjects(h.s.thread.messages) {
		if c, ok := o.(*widget.Check); ok && c.Text == "Always load pictures from this person" {
			out = append(out, c)
		}
	}
	return out
}

// settle lets the background work of the open thread finish.
func (h *harness) settle() {
	h.WaitFor("the thread's background work", func() bool { return h.Env.Idle() })
	h.Settle()
}

// An e-mail's attached picture shows as a thumbnail made from the stored
// copy of a real message; a tap opens it bigger.
func TestMailPictureThumbnail(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "mail", "attachment_with_quoted_filename.eml"))
	if err != nil {
		t.Fatal(err)
	}
	mail := mailparse.Parse(raw)
	mail.Account, mail.State, mail.CreatedAt = "work@example.com", core.StateNew, uitest.Now.Add(-time.Hour)
	h := newHarness(t, withItems([]core.Item{mail}), withPictures(t.TempDir()))
	h.selectID(h.items[0].ID)
	h.WaitFor("the thumbnail", func() bool { return len(h.images()) == 1 })
	if b := h.images()[0].Image.Bounds(); b.Dx() != 50 || b.Dy() != 50 {
		t.Errorf("thumbnail of %v, want the 50x50 photo as it is", b)
	}
	if got := strings.Join(uitest.LabelsIn(h.s.thread.messages), " "); !strings.Contains(got, "Eelanalüüsi päring.jpg") {
		t.Errorf("labels %q, want the picture's name under it", got)
	}
	var tap *kit.TapArea
	for _, o := range test.LaidOutObjects(h.s.thread.messages) {
		if a, ok := o.(*kit.TapArea); ok {
			tap = a
		}
	}
	tap.Tapped(&fyne.PointEvent{})
	h.WaitFor("the picture opened bigger", func() bool { return h.Canvas().Overlays().Top() != nil })
	found := false
	for _, o := range test.LaidOutObjects(h.Canvas().Overlays().Top()) {
		if img, ok := o.(*canvas.Image); ok && img.Image != nil {
			found = true
		}
	}
	if !found {
		t.Fatal("the dialog shows no picture")
	}
}

// vkPhotoComment is a VK comment by a member with a photo at url.
func vkPhotoComment(author, addr, text, url string, ago time.Duration) core.Item {
	return core.Item{Account: "Hearth VK", Kind: core.ItemVKComment, Text: text, State: core.StateNew,
		Author: core.Person{Name: author, Address: addr}, CreatedAt: uitest.Now.Add(-ago),
		ThreadRefs: []string{"post:" + addr + text},
		Attachments: []core.Attachment{{Name: "photo" + addr + ".jpg", MIMEType: "image/jpeg", URL: url,
			Width: 1280, Height: 960}}}
}

// A VK photo stays on VK until a person clicks Load: opening the thread
// asks nothing of the web; Load fetches it once; opening the thread again
// shows it from the workspace's cache.
func TestRemotePictureLoadsOnlyOnClick(t *testing.T) {
	srv := newPictureServer(t)
	h := newHarness(t, withItems([]core.Item{
		vkPhotoComment("Анна Петрова", "101", "Вот наш стол!", srv.URL+"/photo/1.jpg", time.Hour),
		vkPhotoComment("Борис", "102", "А вот наш", srv.URL+"/photo/2.jpg", 2*time.Hour),
	}), withPictures(t.TempDir()))
	anna, boris := h.items[0].ID, h.items[1].ID
	h.selectID(anna)
	h.settle()
	if n := srv.gets.Load(); n != 0 || len(h.images()) != 0 {
		t.Fatalf("%d requests and %d pictures before the click, want none", n, len(h.images()))
	}
	if got := strings.Join(uitest.LabelsIn(h.s.thread.messages), " "); !strings.Contains(got, "Photo from VK · 1280×960") {
		t.Errorf("labels %q, want the placeholder to say what the picture is", got)
	}
	test.Tap(uitest.Button(t, h.s.thread.messages, "Load"))
	h.WaitFor("the picture", func() bool { return len(h.images()) == 1 })
	if n := srv.gets.Load(); n != 1 {
		t.Fatalf("%d requests after the click, want 1", n)
	}
	h.selectID(boris)
	h.settle()
	h.selectID(anna)
	h.WaitFor("the picture again", func() bool { return len(h.images()) == 1 })
	h.settle()
	if n := srv.gets.Load(); n != 1 {
		t.Fatalf("%d requests after opening the thread again, want still 1 (the cache)", n)
	}
}

// "Always load pictures from this person" loads that person's pictures
// without a click, in every conversation, and no one else's; unticked in
// the same place, a click is needed again.
func TestAlwaysLoadPicturesOfOnePerson(t *testing.T) {
	srv := newPictureServer(t)
	h := newHarness(t, withItems([]core.Item{
		vkPhotoComment("Анна Петрова", "101", "Первый стол", srv.URL+"/photo/1.jpg", time.Hour),
		vkPhotoComment("Анна Петрова", "101", "Второй стол", srv.URL+"/photo/2.jpg", 2*time.Hour),
		vkPhotoComment("Борис", "102", "Мой стол", srv.URL+"/photo/3.jpg", 3*time.Hour),
		vkPhotoComment("Анна Петрова", "101", "Третий стол", srv.URL+"/photo/4.jpg", 4*time.Hour),
	}), withPictures(t.TempDir()))
	first, second, boris, third := h.items[0].ID, h.items[1].ID, h.items[2].ID, h.items[3].ID
	h.selectID(first)
	h.settle()
	checks := h.alwaysChecks()
	if len(checks) != 1 || checks[0].Checked {
		t.Fatalf("%d always-load boxes, want one, unticked", len(checks))
	}
	checks[0].SetChecked(true)
	h.WaitFor("Anna's picture, loaded at once", func() bool { return len(h.images()) == 1 })
	h.selectID(second)
	h.WaitFor("Anna's other picture, without a click", func() bool { return len(h.images()) == 1 })
	h.selectID(boris)
	h.settle()
	if n := srv.gets.Load(); n != 2 || len(h.images()) != 0 {
		t.Fatalf("%d requests, %d pictures on Boris's comment; want Anna's two only", n, len(h.images()))
	}
	h.selectID(second)
	h.settle()
	checks = h.alwaysChecks()
	if len(checks) != 1 || !checks[0].Checked {
		t.Fatal("the always-load box is not ticked on Anna's comment")
	}
	checks[0].SetChecked(false)
	h.settle()
	h.selectID(third)
	h.settle()
	if n := srv.gets.Load(); n != 2 || len(h.images()) != 0 {
		t.Fatalf("%d requests after unticking, want still 2 (a click again)", n)
	}
	on, err := coreinbox.NewPictures(coreinbox.PicturesParams{Store: h.ws.Store}).AlwaysLoad(context.Background(), h.item(third))
	if err != nil || on {
		t.Fatalf("always load Anna stored as %v (%v), want off", on, err)
	}
}

// A reply we sent with a photo shows the picture from its file, and still
// does once the channel lists the photo (a re-sync), without the web.
func TestSentPhotoShownFromItsFile(t *testing.T) {
	srv := newPictureServer(t)
	photo := filepath.Join(t.TempDir(), "table.png")
	writePNG(t, photo)
	asked := core.Item{Account: "Hearth VK", Kind: core.ItemVKComment, RemoteID: "c0", Text: "Покажите стол!",
		State: core.StateNew, Author: core.Person{Name: "Анна", Address: "101"}, CreatedAt: uitest.Now.Add(-2 * time.Hour)}
	ours := core.Item{Account: "Hearth VK", Kind: core.ItemVKComment, RemoteID: "c1", Text: "Наш стол", Outgoing: true,
		State: core.StateDone, Seen: true, Author: core.Person{Name: "You"}, CreatedAt: uitest.Now.Add(-time.Hour),
		ThreadRefs:  []string{"c0"},
		Attachments: []core.Attachment{{Name: "table.png", MIMEType: "image/png", Path: photo}}}
	h := newHarness(t, withItems([]core.Item{asked, ours}), withPictures(t.TempDir()))
	// The next sync lists the comment with VK's photo.
	again := ours
	again.Attachments = []core.Attachment{{Name: "photo-1_2.jpg", MIMEType: "image/jpeg", URL: srv.URL + "/photo/2.jpg", Width: 604, Height: 453}}
	h.ws.AddItems(t, h.items[1].AccountID, again)
	h.selectID(h.items[0].ID)
	h.WaitFor("our picture", func() bool { return len(h.images()) == 1 })
	h.settle()
	if n := srv.gets.Load(); n != 0 {
		t.Fatalf("%d requests for our own picture, want none", n)
	}
}
