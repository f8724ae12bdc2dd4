package inbox

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/kit"
)

// A search says how many conversations it found and lights the words it
// found, in their forms, in the open thread; Esc puts both away.
func TestSearchCountsAndLightsItsWords(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("/")
	h.TypeKeys("обновление") // the mail says "обновления"
	h.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.WaitFor("the hit count", func() bool { return h.s.hits.Visible() })
	if got := kit.SegmentText(h.s.hits); got != "1 conversation matches “обновление”" {
		t.Errorf("the count says %q", got)
	}
	h.s.selectIndex(0)
	var lit []string
	h.WaitFor("the word lit in the thread", func() bool {
		lit = nil
		for _, o := range test.LaidOutObjects(h.s.thread.messages) {
			rt, ok := o.(*widget.RichText)
			if !ok || len(rt.Segments) < 2 { // a lit text is cut in segments
				continue
			}
			for _, seg := range rt.Segments {
				if ts, ok := seg.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold && ts.Style.ColorName != "" {
					lit = append(lit, ts.Text)
				}
			}
		}
		return len(lit) > 0
	})
	if !slices.Equal(lit, []string{"обновления"}) {
		t.Errorf("lit %q, want the word's form in the text", lit)
	}
	h.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.WaitFor("the list back", func() bool { return len(h.ids()) == len(samples) })
	if h.s.hits.Visible() || h.s.thread.lit != nil {
		t.Error("the count or the lighting stayed after Esc")
	}
}

func TestHitsLine(t *testing.T) {
	if got := hitsLine(hitCount{n: 1000, more: true}, "bug", false); got != "1000+ conversations match “bug”" {
		t.Errorf("capped: %q", got)
	}
	if got := hitsLine(hitCount{n: 23}, "встреча", false); got != "23 conversations match “встреча”" {
		t.Errorf("%q", got)
	}
	if got := hitsLine(hitCount{n: 1000, more: true}, "bug", true); got != "1000+ messages match “bug”" {
		t.Errorf("capped messages: %q", got)
	}
	if got := hitsLine(hitCount{n: 1}, "is:mine", true); got != "1 message matches “is:mine”" {
		t.Errorf("%q", got)
	}
}

// The dashboard's messages, and a watch's, open with nothing beside them:
// the conversation read before is none of theirs.
func TestShownFromAnotherScreenClosesTheOpenConversation(t *testing.T) {
	for _, c := range []struct {
		name string
		show func(*Screen)
	}{
		{"the dashboard's messages", func(s *Screen) { s.ShowMessagesIn("is:mine", nil) }},
		{"a watch's messages", func(s *Screen) { s.ShowSearch("турнир") }},
	} {
		h := newHarness(t)
		h.TypeKeys("j") // Claire's question is open
		if h.s.thread.itemID == 0 {
			t.Fatal("j opened nothing")
		}
		c.show(h.s)
		h.WaitFor("the hit count", func() bool { return h.s.hits.Visible() })
		if h.s.thread.itemID != 0 || h.s.thread.body.Visible() || h.s.openItem.ID != 0 || h.s.selectedIndex() >= 0 {
			t.Errorf("beside %s: thread of %d (shown %v), open item %d, selected row %d; want none", c.name,
				h.s.thread.itemID, h.s.thread.body.Visible(), h.s.openItem.ID, h.s.selectedIndex())
		}
		if it, _, ok := h.s.current(); ok {
			t.Errorf("beside %s the triage keys act on %d, want nothing", c.name, it.ID)
		}
		h.TypeKeys("j") // the first of the messages opens
		if len(h.s.items) == 0 || h.s.thread.itemID != h.s.items[0].ID {
			t.Errorf("beside %s j opened %d, want the first listed", c.name, h.s.thread.itemID)
		}
	}
}

// What the dashboard opens is messages: our reply to Claire, which no
// list of conversations shows (their face is her question), is listed
// and counted; the same query typed in the box lists conversations.
func TestShowMessagesListsEachMessage(t *testing.T) {
	h := newHarness(t)
	h.s.ShowMessagesIn("is:mine", nil)
	h.WaitFor("the hit count", func() bool { return h.s.hits.Visible() })
	if got := kit.SegmentText(h.s.hits); got != "1 message matches “is:mine”" {
		t.Errorf("the count says %q", got)
	}
	if len(h.s.items) != 1 || !h.s.items[0].Outgoing || h.s.items[0].RemoteID != "r902" {
		t.Errorf("listed %+v, want our reply r902", h.s.items)
	}
	h.s.ShowSearch("is:mine")
	h.WaitFor("the conversations' count", func() bool { return strings.Contains(kit.SegmentText(h.s.hits), "conversations") })
	if got := kit.SegmentText(h.s.hits); got != "0 conversations match “is:mine”" {
		t.Errorf("typed, the count says %q", got)
	}
}
