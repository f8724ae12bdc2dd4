package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// The calendar goldens were looked at as PNGs before they were accepted.

func TestCalendarMonthGolden(t *testing.T) {
	h := newCalHarness(t, sampleCalendar())
	h.relayout()
	test.AssertRendersToMarkup(t, "calendar_month.xml", h.canvas())
	test.AssertRendersToImage(t, "calendar_month.png", h.canvas())
}

func TestCalendarWeekGolden(t *testing.T) {
	h := newCalHarness(t, sampleCalendar())
	h.screen().setMode(weekMode)
	h.waitLoaded()
	h.relayout()
	test.AssertRendersToMarkup(t, "calendar_week.xml", h.canvas())
	test.AssertRendersToImage(t, "calendar_week.png", h.canvas())
}

func TestCalendarEditorGolden(t *testing.T) {
	h := newCalHarness(t, sampleCalendar())
	h.screen().editor.open(h.cal.post(3))
	h.canvas().Unfocus()
	h.settle()
	h.relayout()
	test.AssertRendersToImage(t, "calendar_editor.png", h.canvas())
}

func TestCalendarAgendaGolden(t *testing.T) {
	h := newCalHarness(t, sampleCalendar())
	h.screen().setMode(agendaMode)
	h.waitLoaded()
	h.relayout()
	test.AssertRendersToImage(t, "calendar_agenda.png", h.canvas())
}
