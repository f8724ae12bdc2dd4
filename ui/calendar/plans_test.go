package calendar

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

// formEntries are the entries of the topmost dialog, in order.
func formEntries(h *calHarness) []*kit.Entry {
	var out []*kit.Entry
	for _, o := range test.LaidOutObjects(h.Canvas().Overlays().Top()) {
		if e, ok := o.(*kit.Entry); ok {
			out = append(out, e)
		}
	}
	return out
}

func TestNewMeetupFromTheToolbar(t *testing.T) {
	h := newCalHarness(t)
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
	h.WaitFor("the meetup", func() bool { return len(h.meetups("Board-game night")) == 1 })
	m := h.meetups("Board-game night")[0]
	if !m.Start.Equal(at("2025-03-30T19:00")) || !m.Start.Equal(time.Date(2025, 3, 30, 17, 0, 0, 0, time.UTC)) ||
		m.Zone != calZone || len(m.Attendees) != 2 {
		t.Errorf("meetup saved at %s in %q with %d attendees, want 17:00 UTC in %s with 2", m.Start.UTC(), m.Zone,
			len(m.Attendees), calZone)
	}
}

// meetups are the stored meetups of March and April 2025 with a title.
func (h *calHarness) meetups(title string) []core.Meetup {
	h.T.Helper()
	all, err := h.ws.Store.Meetups(context.Background(), at("2025-03-01T00:00"), at("2025-05-01T00:00"))
	if err != nil {
		h.T.Fatalf("meetups: %v", err)
	}
	var out []core.Meetup
	for _, m := range all {
		if m.Title == title {
			out = append(out, m)
		}
	}
	return out
}

// campaigns are the stored campaigns of March and April 2025 with a name.
func (h *calHarness) campaigns(name string) []core.Campaign {
	h.T.Helper()
	all, err := h.ws.Store.Campaigns(context.Background(), time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 4, 30, 0, 0, 0, 0, time.UTC))
	if err != nil {
		h.T.Fatalf("campaigns: %v", err)
	}
	var out []core.Campaign
	for _, c := range all {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

func TestNewCampaignSaysWhatToFix(t *testing.T) {
	h := newCalHarness(t)
	h.screen().newCampaign()
	e := formEntries(h)
	e[0].SetText("Winter league")
	e[2].SetText("2025-03-10")
	e[3].SetText("2025-03-01")
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Save"))
	h.Settle()
	if len(h.campaigns("Winter league")) > 0 {
		t.Fatal("a campaign ending before it starts was saved")
	}
	e = formEntries(h)
	e[3].SetText("2025-04-10")
	for _, o := range test.LaidOutObjects(h.Canvas().Overlays().Top()) {
		if c, ok := o.(*widget.Check); ok && c.Text == "A joint project with the community" {
			c.SetChecked(true)
		}
	}
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Save"))
	h.WaitFor("the campaign", func() bool { return len(h.campaigns("Winter league")) == 1 })
	c := h.campaigns("Winter league")[0]
	if got := c.Start.Format(time.DateOnly) + " " + c.End.Format(time.DateOnly); got != "2025-03-10 2025-04-10" {
		t.Errorf("campaign saved from %s, want 2025-03-10 2025-04-10", got)
	}
	if !c.Joint {
		t.Error("the campaign was not saved as the joint project it was marked")
	}
}

func TestPostEditorOffersExpertsWithTheirXHandle(t *testing.T) {
	h := newCalHarnessWith(t, fakeExperts{})
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
