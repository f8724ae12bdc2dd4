package inbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/inbox"
)

// files writes a small PNG, an animated GIF and a text file.
func files(t *testing.T) (pic, anim, text string) {
	t.Helper()
	dir := t.TempDir()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
	pic = filepath.Join(dir, "table.png")
	write(t, pic, b.Bytes())
	g := &gif.GIF{}
	for range 2 {
		g.Image = append(g.Image, image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.White, color.Black}))
		g.Delay = append(g.Delay, 10)
	}
	b.Reset()
	if err := gif.EncodeAll(&b, g); err != nil {
		t.Fatal(err)
	}
	anim = filepath.Join(dir, "dice.gif")
	write(t, anim, b.Bytes())
	text = filepath.Join(dir, "plan.txt")
	write(t, text, []byte("18:00 doors, 18:30 first game"))
	return pic, anim, text
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// What may go with a reply on each channel, said before it is queued.
func TestCheckAttach(t *testing.T) {
	pic, anim, text := files(t)
	missing := filepath.Join(t.TempDir(), "gone.png")
	at := func(paths ...string) []core.PostImage { return core.Images(paths...) }
	tests := []struct {
		name string
		kind core.ItemKind
		att  []core.PostImage
		want string // "" for no error
	}{
		{"any file on an e-mail", core.ItemEmail, at(text, pic), ""},
		{"a missing file on an e-mail", core.ItemEmail, at(missing), "does not exist"},
		{"the same file twice", core.ItemEmail, at(text, text), "plan.txt is attached twice"},
		{"two pictures on a VK comment", core.ItemVKComment, at(pic, anim), ""},
		{"three on a VK comment", core.ItemVKComment, at(pic, anim, pic+"x"), "too many pictures for this answer (3 of 2)"},
		{"a text file on a VK comment", core.ItemVKComment, at(text), "is neither a picture nor a video"},
		{"a GIF with a picture on X", core.ItemXMention, at(pic, anim), "takes a GIF alone"},
		{"a GIF alone on X", core.ItemXMention, at(anim), ""},
		{"a picture in a VK message", core.ItemVKMessage, at(pic), "takes no pictures"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := inbox.CheckAttach(tt.kind, tt.att)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// A reply of files alone (no text) is queued with them; one with a file
// that is gone is refused and nothing is queued.
func TestSendWithFiles(t *testing.T) {
	svc, st, _, it := setup(t, `{"from":"club@example.org"}`)
	_, _, text := files(t)
	ctx := context.Background()
	if err := svc.Send(ctx, it.ID, core.Reply{Attach: core.Images(filepath.Join(t.TempDir(), "gone.pdf"))}); err == nil {
		t.Fatal("a reply with a missing file was queued")
	}
	if n := len(ops(t, st, it.ID)); n != 0 {
		t.Fatalf("%d entries queued after a refusal", n)
	}
	if err := svc.Send(ctx, it.ID, core.Reply{Attach: core.Images(text)}); err != nil {
		t.Fatal(err)
	}
	entries, err := st.Outbox(ctx, it.ID)
	if err != nil || len(entries) != 1 {
		t.Fatalf("outbox %v, %v", entries, err)
	}
	var p engine.ReplyPayload
	if err := json.Unmarshal(entries[0].Payload, &p); err != nil || len(p.Attach) != 1 || p.Attach[0].Path != text {
		t.Errorf("payload %+v (%v), want the file attached", p, err)
	}
}
