package calendar

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
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
		want       string // the Move call; "" for none
	}{
		// Summer time starts on Sunday 30 March: 09:00 is 07:00 UTC there.
		{"to the next day across the spring change", 1, 0, "Move 8 2025-03-30T07:00:00Z"},
		{"a week earlier", 0, -1, "Move 8 2025-03-22T08:00:00Z"},
		{"a small slip stays in place", 0.1, 0.1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newCalHarness(t, sampleCalendar())
			s := h.screen()
			s.setMode(monthMode)
			s.goTo(time.Date(2025, 3, 27, 0, 0, 0, 0, s.loc))
			h.waitLoaded()
			h.Relayout()
			c, cell := h.monthChip(8)
			c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(tt.cols*cell.Size().Width, tt.rows*cell.Size().Height)})
			c.DragEnd()
			if tt.want != "" {
				h.WaitFor("the move", func() bool { return len(h.cal.callsWith("Move")) > 0 })
			}
			h.waitLoaded()
			if got := h.cal.callsWith("Move"); tt.want == "" && len(got) > 0 || tt.want != "" && !slices.Equal(got, []string{tt.want}) {
				t.Fatalf("moves = %q, want %q", got, tt.want)
			}
		})
	}
}
