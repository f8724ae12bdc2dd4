package inbox

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
)

// In a narrow list (a 1024 px window in French) the badges used to take
// the subject's line and leave it a word or two. The subject now keeps
// three fifths of the line, or its whole width when shorter, and badges
// that do not fit beside it leave the line, the least telling first; in
// a wide list every badge shows, right of the subject.
func TestRowBadgesLeaveBeforeTheSubject(t *testing.T) {
	test.NewTempApp(t)
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	long := "Trop de bruit le mercredi soir au local du club"
	item := func(subject string, tone *core.Tone) core.Item {
		return core.Item{Kind: core.ItemEmail, Subject: subject, State: core.StateNew, Tone: tone,
			Tags: []string{"bruit"}, Author: core.Person{Name: "Sarah Chevalier"}, CreatedAt: now.Add(-20 * time.Minute)}
	}
	warm := &core.Tone{Lang: "fr", Sentiment: 0.5}
	tests := []struct {
		name        string
		it          core.Item
		width       float32
		tone, state bool // badges shown
		tags        bool
		subjectMin  float32 // the subject's least width, as a part of the line
	}{
		{"narrow, long subject", item(long, warm), 260, true, false, false, subjectShare},
		{"wide, long subject", item(long, warm), 700, true, true, true, subjectShare},
		{"narrow, short subject", item("Merci", warm), 260, true, true, true, 0},
		{"no tone to show", item(long, nil), 700, false, true, true, subjectShare},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newItemRow()
			test.NewWindow(r) // builds the renderer and its second line
			r.set(tt.it, now, false)
			r.line2.Resize(fyne.NewSize(tt.width, r.line2.MinSize().Height))
			shown := func(o fyne.CanvasObject) bool { return o.Visible() && badgeWanted(o) }
			boxes := r.line2.Objects[1:]
			tone, tags, state := shown(boxes[0]), shown(boxes[2]), shown(boxes[3])
			if tone != tt.tone || state != tt.state || tags != tt.tags {
				t.Errorf("badges shown: tone %v, state %v, tags %v; want %v, %v, %v",
					tone, state, tags, tt.tone, tt.state, tt.tags)
			}
			sub := r.subject.Size().Width
			if sub < tt.subjectMin*tt.width {
				t.Errorf("the subject has %.0f of %.0f px (%q), want at least %.0f", sub, tt.width, r.subject.Text, tt.subjectMin*tt.width)
			}
			if tt.it.Subject == "Merci" && r.subject.Text != "Merci" {
				t.Errorf("short subject shows %q", r.subject.Text)
			}
			for _, b := range boxes {
				if shown(b) && (b.Position().X < sub || b.Position().X+b.Size().Width > tt.width+0.5) {
					t.Errorf("a badge at x %.0f..%.0f overlaps the subject (0..%.0f) or leaves the line (%.0f)",
						b.Position().X, b.Position().X+b.Size().Width, sub, tt.width)
				}
			}
		})
	}
}
