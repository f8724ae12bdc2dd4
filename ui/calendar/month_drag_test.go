package calendar

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// monthChip finds a post's chip in the month grid and the cell holding it.
func (h *calHarness) monthChip(id int64) (*calChip, *dayCell) {
	h.T.Helper()
	for _, cell := range h.screen().month.cells {
		for _, c := range cell.chips {
			if c.post.ID == id {
				return c, cell
			}
		}
	}
	h.T.Fatalf("post %d is not in the month", id)
	return nil, nil
}

func TestMonthDragMovesPostToAnotherDayAtTheSameTime(t *testing.T) {
	tests := []struct {
		name       string
		cols, rows float32
		want       string // the post's time after the drop, UTC; "" for no move
	}{
		// Summer time starts on Sunday 30 March: 09:00 is 07:00 UTC there.
		{"to the next day across the spring change", 1, 0, "2025-03-30T07:00:00Z"},
		{"a week earlier", 0, -1, "2025-03-22T08:00:00Z"},
		{"a small slip stays in place", 0.1, 0.1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newCalHarness(t)
			s := h.screen()
			s.setMode(monthMode)
			s.goTo(time.Date(2025, 3, 27, 0, 0, 0, 0, s.loc))
			h.waitLoaded()
			h.Relayout()
			id := h.post("Saturday build along").ID
			c, cell := h.monthChip(id)
			c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(tt.cols*cell.Size().Width, tt.rows*cell.Size().Height)})
			c.DragEnd()
			h.expectMove(id, at("2025-03-29T09:00"), tt.want)
		})
	}
}

// expectMove waits for a dropped post to reach its new time (UTC, RFC
// 3339) in the store and the screen to reload; with want "", it checks
// that no move was asked for and the post kept its time, before.
func (h *calHarness) expectMove(id int64, before time.Time, want string) {
	h.T.Helper()
	if want != "" {
		h.WaitFor("the move to "+want, func() bool { return h.byID(id).At.UTC().Format(time.RFC3339) == want })
	}
	h.waitLoaded()
	if want == "" && (h.cal.moveCalls() > 0 || !h.byID(id).At.Equal(before)) {
		h.T.Fatalf("a small slip moved the post: %d moves, now at %s", h.cal.moveCalls(), h.byID(id).At)
	}
	if want != "" && h.cal.moveCalls() != 1 {
		h.T.Errorf("%d moves asked for, want one", h.cal.moveCalls())
	}
	if p := h.byID(id); p.Zone != calZone || p.State() != core.TargetScheduled {
		h.T.Errorf("after the drop the post is %s in %q, want still scheduled in %s", p.State(), p.Zone, calZone)
	}
}

// A post dragged to the wrong day goes back with Undo (Ctrl+Z sends the
// screen's Undo), at its exact time.
func TestMonthDragCanBeUndone(t *testing.T) {
	h := newCalHarness(t)
	s := h.screen()
	s.setMode(monthMode)
	s.goTo(time.Date(2025, 3, 27, 0, 0, 0, 0, s.loc))
	h.waitLoaded()
	h.Relayout()
	id := h.post("Saturday build along").ID
	before := h.byID(id).At
	c, cell := h.monthChip(id)
	c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(cell.Size().Width, 0)})
	c.DragEnd()
	h.WaitFor("the move", func() bool { return !h.byID(id).At.Equal(before) })
	h.WaitFor("the toast", func() bool { return s.toast.Message() != "" })
	if got := s.toast.Message(); got != "Moved “Saturday build along: the harbour crane” to Sun 30 Mar, 09:00." {
		t.Errorf("toast = %q", got)
	}
	var _ kit.Undoer = s
	s.Undo()
	h.WaitFor("the post back", func() bool { return h.byID(id).At.Equal(before) })
}
