package calendar

import (
	"image/color"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core/media/mp4test"
)

// tileTexts are the words a file's box shows: a video tile's length and
// size; none for a picture's thumbnail.
func tileTexts(box *fyne.Container) []string {
	var out []string
	for _, o := range test.LaidOutObjects(box) {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

// A video dropped on the open post with a picture: its tile says its
// length and size, its alt text hint says where VK shows it; X takes a
// video alone, so the plan and X's preview say so and Schedule refuses,
// while VK's preview takes both. Without the picture the post schedules
// with its video.
func TestEditorVideo(t *testing.T) {
	h := newCalHarness(t)
	dir := t.TempDir()
	pic := drawPicture(t, dir, "harbour.png", 320, 200, color.RGBA{250, 200, 40, 255})
	clip := mp4test.Write(t, dir, "regatta.mp4", mp4test.Clip{Duration: 42 * time.Second, Audio: true, Bytes: 3 << 20})
	e := h.screen().editor
	h.screen().newPost()
	e.checks[h.accountID(vkName)].SetChecked(true)
	e.checks[h.accountID(xName)].SetChecked(true)
	test.Type(e.text, "The regatta in 42 seconds")
	e.media.addPath(pic)
	h.screen().Dropped([]string{clip})
	h.WaitFor("the video read", func() bool { _, ok := e.media.videos[clip]; return ok })
	h.WaitFor("the plan", func() bool { return e.media.refused != "" })
	if got := tileTexts(e.media.boxes[clip][0]); !slices.Equal(got, []string{"0:42", "3.0 MB"}) {
		t.Errorf("the video's tile says %q, want its length and size", got)
	}
	if got := tileTexts(e.media.boxes[pic][0]); len(got) != 0 {
		t.Errorf("the picture's box says %q, want its thumbnail alone", got)
	}
	if alts := entries(e.media.rows); len(alts) != 2 || alts[1].PlaceHolder != "Video description (for VK)" {
		t.Errorf("alt entries %d, want the video's hint on the second", len(alts))
	}
	const alone = "takes a video alone: send regatta.mp4 without the other pictures or videos"
	if !strings.Contains(e.media.plan.Text, alone) {
		t.Errorf("plan = %q", e.media.plan.Text)
	}
	for _, c := range cardTexts(e.preview) {
		joined := strings.Join(c, "|")
		if strings.HasPrefix(c[0], "X") != strings.Contains(joined, alone) {
			t.Errorf("card %q: X's should refuse the pair, VK's take it", joined)
		}
	}
	e.date.SetText("2025-03-20")
	e.clock.SetText("10:00")
	test.Tap(e.schedule)
	h.Settle()
	if !strings.Contains(e.note.Text, alone) {
		t.Errorf("note = %q, want Schedule refused", e.note.Text)
	}
	e.media.remove(0)
	h.WaitFor("the plan without the picture", func() bool { return e.media.refused == "" && e.media.planned != "" })
	for _, c := range cardTexts(e.preview) {
		if strings.Contains(strings.Join(c, "|"), "alone") {
			t.Errorf("card %q still refuses the video alone", c)
		}
	}
	h.WaitFor("the draft", func() bool {
		ps := h.postsLike("The regatta")
		return len(ps) == 1 && len(ps[0].Media) == 1 && ps[0].Media[0].Path == clip
	})
}

// A video too long for X is said with both lengths, under the list and in
// X's preview.
func TestEditorVideoTooLongForX(t *testing.T) {
	h := newCalHarness(t)
	clip := mp4test.Write(t, t.TempDir(), "talk.mp4", mp4test.Clip{Duration: 3 * time.Minute, Audio: true})
	e := h.screen().editor
	h.screen().newPost()
	e.checks[h.accountID(xName)].SetChecked(true)
	test.Type(e.text, "The whole talk")
	e.media.addPath(clip)
	h.WaitFor("the plan", func() bool { return e.media.refused != "" })
	const want = "talk.mp4 lasts 3:00; @hearth_game takes videos up to 2:20 (Hearth does not cut video: trim it first)"
	if !strings.Contains(e.media.plan.Text, want) {
		t.Errorf("plan = %q, want %q", e.media.plan.Text, want)
	}
	h.WaitFor("the tile", func() bool { _, ok := e.media.videos[clip]; return ok })
	cards := cardTexts(e.preview)
	if len(cards) != 1 || !strings.Contains(strings.Join(cards[0], "|"), "lasts 3:00") {
		t.Errorf("X's card %q, want the length refused", cards)
	}
}
