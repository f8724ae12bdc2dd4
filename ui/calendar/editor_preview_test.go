package calendar

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// cardTexts are the labels of each channel's card in the preview.
func cardTexts(p *preview) [][]string {
	var out [][]string
	for _, card := range p.box.Objects {
		out = append(out, uitest.LabelsIn(card.(*fyne.Container)))
	}
	return out
}

// thumbsIn counts the thumbnail boxes of a card: one picture each, as
// wide as a preview thumbnail.
func thumbsIn(card fyne.CanvasObject) int {
	n := 0
	for _, o := range test.LaidOutObjects(card) {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 1 && c.MinSize().Width == previewThumb {
			n++
		}
	}
	return n
}

// Each chosen channel shows what it will take: X cuts a 290-character text
// at 280 (the rest in red) and keeps four of five pictures; VK takes the
// whole text and all five.
func TestEditorPreviewPerChannel(t *testing.T) {
	h := newCalHarness(t)
	e, paths := threePictures(t, h)
	e.media.addPath(paths[0])
	e.media.addPath(paths[1])
	text := strings.Repeat("a", 280) + " and more"
	e.text.SetText(text)
	h.Settle()
	if e.preview.acc.Hidden {
		t.Fatal("no preview with two channels chosen")
	}
	cards := cardTexts(e.preview)
	if len(cards) != 2 {
		t.Fatalf("%d cards, want VK's and X's", len(cards))
	}
	byTitle := map[string][]string{}
	for _, c := range cards {
		byTitle[strings.SplitN(c[0], " ·", 2)[0]] = c
	}
	x, vk := strings.Join(byTitle["X"], "|"), strings.Join(byTitle["VK"], "|")
	if !strings.Contains(x, "Past the limit, not taken:  and more") || !strings.Contains(x, "Pictures left out: 1") {
		t.Errorf("X card %q, want the cut and one picture left out", x)
	}
	if !strings.Contains(vk, text) || strings.Contains(vk, "Past the limit") || strings.Contains(vk, "left out") {
		t.Errorf("VK card %q, want the whole text and every picture", vk)
	}
	for _, card := range e.preview.box.Objects {
		title := uitest.LabelsIn(card.(*fyne.Container))[0]
		want := 5
		if strings.HasPrefix(title, "X") {
			want = 4
		}
		if n := thumbsIn(card); n != want {
			t.Errorf("%s shows %d pictures, want %d", title, n, want)
		}
	}
}

// Pictures dropped on the window go to the post open in the editor; a
// file that is no picture is left out, and the editor says so.
func TestDropAddsPicturesToTheOpenPost(t *testing.T) {
	h := newCalHarness(t)
	e, paths := threePictures(t, h)
	notes := filepath.Join(t.TempDir(), "notes.txt")
	h.screen().Dropped([]string{paths[2], notes})
	if got := len(e.media.items); got != 4 {
		t.Fatalf("%d pictures after the drop, want 4", got)
	}
	if e.note.Hidden || !strings.Contains(e.note.Text, "notes.txt") || e.note.Importance != widget.WarningImportance {
		t.Errorf("note %q, want the file left out named", e.note.Text)
	}
}
