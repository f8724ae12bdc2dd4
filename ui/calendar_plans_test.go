package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// formEntries are the entries of the topmost dialog, in order.
func formEntries(h *calHarness) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range test.LaidOutObjects(h.canvas().Overlays().Top()) {
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
	test.Tap(overlayButton(t, h.harness, "Save"))
	h.waitFor("the meetup", func() bool {
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
	test.Tap(overlayButton(t, h.harness, "Save"))
	h.settle()
	if len(h.cal.callsWith("CreateCampaign")) > 0 {
		t.Fatal("a campaign ending before it starts was saved")
	}
	e = formEntries(h)
	e[3].SetText("2025-04-10")
	test.Tap(overlayButton(t, h.harness, "Save"))
	h.waitFor("the campaign", func() bool {
		c := h.cal.callsWith("CreateCampaign")
		return len(c) == 1 && c[0] == `CreateCampaign "Winter league" 2025-03-10 2025-04-10`
	})
}
