package inbox

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// attachedPaths are the files of the replies queued for an item.
func (h *harness) attachedPaths(id int64) [][]string {
	h.T.Helper()
	var out [][]string
	for _, e := range h.outbox(id, core.OpReply) {
		var p struct{ Attach []core.PostImage }
		if err := json.Unmarshal(e.Payload, &p); err != nil {
			h.T.Fatal(err)
		}
		var paths []string
		for _, a := range p.Attach {
			paths = append(paths, a.Path)
		}
		out = append(out, paths)
	}
	return out
}

// first is the id of the first seed item of kind k.
func (h *harness) first(k core.ItemKind) int64 {
	h.T.Helper()
	for _, it := range h.items {
		if it.Kind == k && !it.Outgoing {
			return it.ID
		}
	}
	h.T.Fatalf("no %s in the samples", k)
	return 0
}

func writePNG(t *testing.T, path string) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 64, 48))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A photo attached to the answer to a VK post goes with it, shown as a
// chip (its thumbnail, its name) until it is queued; the composer then
// empties, files included. A photo alone, without text, is an answer.
func TestReplyWithAPhoto(t *testing.T) {
	h := newHarness(t)
	photo := filepath.Join(t.TempDir(), "table.png")
	writePNG(t, photo)
	id := h.first(core.ItemVKPost) // Сергей's VK post
	h.selectID(id)
	c := h.composer()
	h.WaitFor("the composer on the post", func() bool { return c.item.ID == id })
	if c.att.button.Hidden {
		t.Fatal("no Attach button on the answer to a VK post")
	}
	c.att.add(photo)
	h.WaitFor("the chip", func() bool { return !c.att.row.Hidden && len(c.att.chips.Objects) == 1 })
	if got := strings.Join(uitest.LabelsIn(c.att.chips), " "); !strings.Contains(got, "table.png") {
		t.Errorf("chip labels %q, want the file's name", got)
	}
	h.WaitFor("the thumbnail", func() bool { return c.att.thumb(photo) != nil })
	c.entry.TypedShortcut(uitest.CtrlEnter)
	h.WaitFor("the reply in the outbox", func() bool { return len(h.attachedPaths(id)) == 1 })
	if got := h.attachedPaths(id)[0]; len(got) != 1 || got[0] != photo {
		t.Errorf("attached %v, want the photo", got)
	}
	h.WaitFor("the composer to empty", func() bool { return len(c.att.files) == 0 && c.att.row.Hidden })
}

// A file that is no picture cannot go on a VK comment: the bar says why
// and Send refuses with the same sentence; nothing is queued. On an
// e-mail the same file is fine.
func TestAttachRefusedOnVKAcceptedOnMail(t *testing.T) {
	h := newHarness(t)
	notes := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notes, []byte("18:00 doors"), 0o600); err != nil {
		t.Fatal(err)
	}
	vk := h.first(core.ItemVKPost)
	h.selectID(vk)
	c := h.composer()
	h.WaitFor("the composer on the post", func() bool { return c.item.ID == vk })
	c.att.add(notes)
	h.WaitFor("the refusal", func() bool { return strings.Contains(c.att.why.Text, "is neither a picture nor a video") })
	h.TypeKeys("r")
	h.TypeKeys("Программа вечера")
	c.entry.TypedShortcut(uitest.CtrlEnter)
	h.Settle()
	if n := len(h.attachedPaths(vk)); n != 0 {
		t.Fatalf("%d replies queued with a file VK does not take", n)
	}
	if !strings.Contains(c.note.Text, "is neither a picture nor a video") {
		t.Errorf("note %q, want why", c.note.Text)
	}

	mail := h.first(core.ItemEmail)
	h.selectID(mail)
	h.WaitFor("the composer on the e-mail", func() bool { return c.item.ID == mail })
	if len(c.att.files) != 0 {
		t.Fatal("files stayed attached to another item's answer")
	}
	c.att.add(notes)
	h.TypeKeys("r")
	h.TypeKeys("The plan attached.")
	c.entry.TypedShortcut(uitest.CtrlEnter)
	h.WaitFor("the reply in the outbox", func() bool { return len(h.attachedPaths(mail)) == 1 })
	if got := h.attachedPaths(mail)[0]; len(got) != 1 || got[0] != notes {
		t.Errorf("attached %v", got)
	}
}
