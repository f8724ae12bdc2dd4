package calendar

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/hearthhq/hearth/ui/kit"
)

// The week grid's hours: 07:00 to midnight, one row an hour; a drop snaps
// to a quarter of an hour.
const (
	firstHour   = 7
	weekHours   = 24 - firstHour
	hourLabelW  = 48
	snapMinutes = 15
	weekLanes   = 2
)

// weekView is seven day columns by the hours of the day: each post at its
// local time. A post's chip can be dragged to another day or hour; the
// drop moves the post.
type weekView struct {
	s       *Screen
	header  *fyne.Container
	grid    *fyne.Container
	layout  *weekLayout
	from    time.Time
	chips   []*calChip
	content fyne.CanvasObject
}

func newWeekView(s *Screen) *weekView {
	w := &weekView{s: s, header: container.New(&weekHeaderLayout{}), layout: &weekLayout{}}
	w.grid = container.New(w.layout)
	w.content = container.NewBorder(w.header, nil, nil, nil, w.grid)
	return w
}

// show redraws the week for d.
func (w *weekView) show(d calData) {
	w.from = d.from
	spans := d.campaignSpans(weekLanes)
	w.layout.top = float32(lanes(spans)) * bandHeight
	w.layout.spots = map[fyne.CanvasObject]weekSpot{}
	w.chips = w.chips[:0]
	objs := w.background(d)
	for day, evs := range d.byDay() {
		objs = append(objs, w.place(d, day, evs)...)
	}
	bl := &spanLayout{cols: 7, rows: 1, spots: map[fyne.CanvasObject]spot{}}
	for _, b := range bands(w.s, spans, bl, 7) {
		sp := bl.spots[b]
		w.layout.spots[b] = weekSpot{kind: spotBand, day: sp.col, span: sp.span, lane: sp.lane}
		objs = append(objs, b)
	}
	w.grid.Objects = objs
	w.grid.Refresh()
	w.showHeader(d)
}

// background is the today tint, the hour lines and labels, and the day
// dividers.
func (w *weekView) background(d calData) []fyne.CanvasObject {
	v := kit.Variant()
	line := theme.Color(theme.ColorNameSeparator)
	var objs []fyne.CanvasObject
	if i := dayIndex(d.from, d.today); i >= 0 && i < 7 {
		tint := canvas.NewRectangle(withAlpha(theme.Current().Color(theme.ColorNamePrimary, v), 0x1c))
		w.layout.spots[tint] = weekSpot{kind: spotTint, day: i}
		objs = append(objs, tint)
	}
	for h := range weekHours {
		l := canvas.NewLine(line)
		w.layout.spots[l] = weekSpot{kind: spotHourLine, row: h}
		label := canvas.NewText(fmt.Sprintf("%02d:00", firstHour+h), theme.Color(theme.ColorNamePlaceHolder))
		label.TextSize = theme.CaptionTextSize()
		w.layout.spots[label] = weekSpot{kind: spotHourLabel, row: h}
		objs = append(objs, l, label)
	}
	for day := range 8 {
		l := canvas.NewLine(line)
		w.layout.spots[l] = weekSpot{kind: spotDayLine, day: day}
		objs = append(objs, l)
	}
	return objs
}

// place makes the chips of one day; chips in the same hour share it side
// by side.
func (w *weekView) place(d calData, day int, evs []calEvent) []fyne.CanvasObject {
	perHour := map[int]int{}
	for _, ev := range evs {
		perHour[slotRow(ev.at)]++
	}
	lane := map[int]int{}
	var objs []fyne.CanvasObject
	for _, ev := range evs {
		row := slotRow(ev.at)
		c := w.s.chip(ev, d)
		if ev.post != nil {
			c.onDrop = w.dropped
		}
		w.layout.spots[c] = weekSpot{kind: spotChip, day: day, minute: clampMinute(ev.at), lane: lane[row], lanes: perHour[row]}
		lane[row]++
		w.chips = append(w.chips, c)
		objs = append(objs, c)
	}
	return objs
}

// slotRow is the hour row a time falls in; earlier hours go to the first.
func slotRow(t time.Time) int { return max(t.Hour()-firstHour, 0) }

// clampMinute is a time's minute of the day, kept inside the grid.
func clampMinute(t time.Time) int {
	return min(max(t.Hour()*60+t.Minute(), firstHour*60), 24*60-snapMinutes)
}

// dropped moves the post of a chip let go on the grid to the slot under
// it; a chip let go on its own slot goes back in place.
func (w *weekView) dropped(c *calChip) {
	at := w.slotTime(c.Position(), c.Size())
	if at.Equal(c.post.At) {
		w.grid.Refresh()
		return
	}
	w.s.move(c.post, at)
}

// slotTime is the instant of the slot where a chip's top centre lies.
func (w *weekView) slotTime(pos fyne.Position, size fyne.Size) time.Time {
	colW, rowH := w.layout.cell(w.grid.Size())
	day := int((pos.X + size.Width/2 - hourLabelW) / colW)
	day = min(max(day, 0), 6)
	quarters := int((pos.Y-1-w.layout.top)/rowH*(60/snapMinutes) + 0.5) // chips sit 1 below their slot
	minute := min(max(firstHour*60+quarters*snapMinutes, firstHour*60), 24*60-snapMinutes)
	date := addDays(w.from, day)
	return time.Date(date.Year(), date.Month(), date.Day(), 0, minute, 0, 0, date.Location())
}

// showHeader writes the day names over the columns, today in bold.
func (w *weekView) showHeader(d calData) {
	objs := []fyne.CanvasObject{widget.NewLabel("")}
	for i := range 7 {
		day := addDays(d.from, i)
		l := widget.NewLabel(kit.FormatTime(day, "Mon 2"))
		l.Alignment = fyne.TextAlignCenter
		if kit.SameDay(day, d.today) {
			l.TextStyle = fyne.TextStyle{Bold: true}
			l.Importance = widget.HighImportance
		}
		objs = append(objs, l)
	}
	w.header.Objects = objs
	w.header.Refresh()
}

// weekSpotKind says what an object of the week grid is.
type weekSpotKind int

const (
	spotChip weekSpotKind = iota
	spotBand
	spotTint
	spotHourLine
	spotHourLabel
	spotDayLine
)

type weekSpot struct {
	kind                   weekSpotKind
	day, span, row, minute int
	lane, lanes            int
}

// weekLayout places the week grid's objects: the hour labels in a left
// column, the campaign lanes on top, the hours below.
type weekLayout struct {
	top   float32 // height of the campaign lanes
	spots map[fyne.CanvasObject]weekSpot
}

func (l *weekLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(hourLabelW+7*50, l.top+weekHours*(chipHeight+2))
}

// cell is the width of a day and the height of an hour.
func (l *weekLayout) cell(size fyne.Size) (colW, rowH float32) {
	return (size.Width - hourLabelW) / 7, (size.Height - l.top) / weekHours
}

func (l *weekLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	colW, rowH := l.cell(size)
	for _, o := range objs {
		sp := l.spots[o]
		x := hourLabelW + float32(sp.day)*colW
		switch sp.kind {
		case spotChip:
			w := colW / float32(max(sp.lanes, 1))
			y := l.top + float32(sp.minute-firstHour*60)/60*rowH
			o.Move(fyne.NewPos(x+float32(sp.lane)*w+1, y+1))
			o.Resize(fyne.NewSize(w-2, min(rowH-2, 2*chipHeight)))
		case spotBand:
			o.Move(fyne.NewPos(x+2, float32(sp.lane)*bandHeight))
			o.Resize(fyne.NewSize(float32(sp.span)*colW-4, bandHeight-2))
		case spotTint:
			o.Move(fyne.NewPos(x, 0))
			o.Resize(fyne.NewSize(colW, size.Height))
		case spotHourLine:
			y := l.top + float32(sp.row)*rowH
			o.Move(fyne.NewPos(hourLabelW, y))
			o.Resize(fyne.NewSize(size.Width-hourLabelW, 0))
		case spotHourLabel:
			o.Move(fyne.NewPos(4, l.top+float32(sp.row)*rowH+1))
			o.Resize(o.MinSize())
		case spotDayLine:
			o.Move(fyne.NewPos(x, l.top))
			o.Resize(fyne.NewSize(0, size.Height-l.top))
		}
	}
}

// weekHeaderLayout puts the day names over the columns of a weekLayout.
type weekHeaderLayout struct{}

func (weekHeaderLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(hourLabelW+7*50, h)
}

func (weekHeaderLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	colW := (size.Width - hourLabelW) / 7
	for i, o := range objs {
		if i == 0 {
			o.Move(fyne.NewPos(0, 0))
			o.Resize(fyne.NewSize(hourLabelW, size.Height))
			continue
		}
		o.Move(fyne.NewPos(hourLabelW+float32(i-1)*colW, 0))
		o.Resize(fyne.NewSize(colW, size.Height))
	}
}
