package calendar

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// formEntries are the entries of the topmost dialog, in order.
func formEntries(h *calHarness) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range test.LaidOutObjects(h.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			out = append(out, e)
		}
	}
	return out
}

func TestNewMeetupFromTheToolbar(t *testing.T) {
	h := newCalHarness(t, sampleCalendar())
	s := h.screen()
	s.newMeetup()
	e := formEntries(h)
	if len(e) != 6 {
		t.Fatalf("the meetup form has %d entries, want 6", len(e))
	}
	e[0].SetText("Board-game night")
	e[2].SetText("2025-03-30") // the spring clock change in Paris
	e[3].SetText("19:00")
	e[5].SetText("Claire, Дмитрий")
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Save"))
	h.WaitFor("the meetup", func() bool {
		calls := h.cal.callsWith("CreateMeetup")
		return len(calls) == 1 && calls[0] == `CreateMeetup "Board-game night" 2025-03-30T17:00:00Z 2`
	})
}

func TestNewCampaignSaysWhatToFix(t *testing.T) {
	h := newCalHarness(t, sampleCalendar())
	h.screen().newCampaign()
	e := formEntries(h)
	e[0].SetText("Winter league")
	e[2].SetText("2025-03-10")
	e[3].SetText("2025-03-01")
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Save"))
	h.Settle()
	if len(h.cal.callsWith("CreateCampaign")) > 0 {
		t.Fatal("a campaign ending before it starts was saved")
	}
	e = formEntries(h)
	e[3].SetText("2025-04-10")
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Save"))
	h.WaitFor("the campaign", func() bool {
		c := h.cal.callsWith("CreateCampaign")
		return len(c) == 1 && c[0] == `CreateCampaign "Winter league" 2025-03-10 2025-04-10`
	})
}

func TestPostEditorOffersExpertsWithTheirXHandle(t *testing.T) {
	h := newCalHarnessWith(t, sampleCalendar(), fakeExperts{})
	s := h.screen()
	s.editor.openNew(uitest.Now.Add(24 * time.Hour))
	s.editor.text.SetText("Our modding tools got an update.")
	for _, a := range s.editor.accounts {
		if a.Kind == core.KindX {
			s.editor.checks[a.ID].SetChecked(true)
		}
	}
	var experts *widget.Button
	for _, b := range uitest.ButtonsIn(s.editor.content) {
		if b.Text == "Experts" {
			experts = b
		}
	}
	if experts == nil {
		t.Fatal("the post editor offers no Experts button")
	}
	test.Tap(experts)
	h.WaitFor("the experts menu", func() bool { return h.Canvas().Overlays().Top() != nil })
	test.Tap(uitest.MenuItem(t, h.Canvas().Overlays().Top(), "@claire_builds · expertise level 3; lists it as an interest"))
	if got := s.editor.text.Text; got != "Our modding tools got an update. @claire_builds " {
		t.Errorf("post text = %q", got)
	}
}
