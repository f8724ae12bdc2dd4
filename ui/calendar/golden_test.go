package calendar

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// The calendar goldens were looked at as PNGs before they were accepted.

func TestCalendarMonthGolden(t *testing.T) {
	h := newCalHarness(t)
	h.Relayout()
	test.AssertRendersToMarkup(t, "month.xml", h.Canvas())
	test.AssertRendersToImage(t, "month.png", h.Canvas())
}

func TestCalendarWeekGolden(t *testing.T) {
	h := newCalHarness(t)
	h.screen().setMode(weekMode)
	h.waitLoaded()
	h.Relayout()
	test.AssertRendersToMarkup(t, "week.xml", h.Canvas())
	test.AssertRendersToImage(t, "week.png", h.Canvas())
}

func TestCalendarEditorGolden(t *testing.T) {
	h := newCalHarness(t)
	h.screen().editor.open(h.post("Patch 2.4.1"))
	h.Canvas().Unfocus()
	h.Settle()
	h.Relayout()
	test.AssertRendersToImage(t, "editor.png", h.Canvas())
}

func TestCalendarAgendaGolden(t *testing.T) {
	h := newCalHarness(t)
	h.screen().setMode(agendaMode)
	h.waitLoaded()
	h.Relayout()
	test.AssertRendersToImage(t, "agenda.png", h.Canvas())
}
