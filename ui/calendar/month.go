package calendar

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/hearthhq/hearth/ui/kit"
)

// Month grid geometry.
const (
	dayHeaderHeight = 22 // the day number
	bandHeight      = 16 // one campaign lane
	monthLanes      = 2  // campaign lanes shown in a month
	chipGap         = 2
)

// monthView is the month grid: a row per week, Monday first; each day
// lists its posts and meetups in time order under the campaign bands, and
// today stands out.
type monthView struct {
	s       *Screen
	grid    *fyne.Container
	cells   []*dayCell
	content fyne.CanvasObject
}

func newMonthView(s *Screen) *monthView {
	m := &monthView{s: s, grid: container.New(&spanLayout{cols: 7})}
	m.content = container.NewBorder(weekdayHeader(), nil, nil, nil, m.grid)
	return m
}

func weekdayHeader() fyne.CanvasObject {
	var cols []fyne.CanvasObject
	for i := range 7 { // Monday first
		cols = append(cols, newMutedCentred(kit.WeekdayName(time.Weekday((i+1)%7), true)))
	}
	return container.NewGridWithColumns(7, cols...)
}

func newMutedCentred(text string) *widget.RichText {
	st := kit.MutedStyle()
	st.Alignment = fyne.TextAlignCenter
	return widget.NewRichText(&widget.TextSegment{Text: text, Style: st})
}

// show redraws the grid for d.
func (m *monthView) show(d calData) {
	spans := d.campaignSpans(monthLanes)
	l := &spanLayout{cols: 7, rows: d.days() / 7, spots: map[fyne.CanvasObject]spot{}}
	m.cells = m.cells[:0]
	var objs []fyne.CanvasObject
	for i, evs := range d.byDay() {
		day := addDays(d.from, i)
		c := newDayCell(m.s, day, day.Month() == m.s.anchor.Month(), kit.SameDay(day, d.today), dayHeaderHeight+float32(lanes(spans))*bandHeight)
		for _, ev := range evs {
			ch := m.s.chip(ev, d)
			if ev.post != nil {
				ch.onDrop = m.dropped
			}
			c.add(ch)
		}
		m.cells = append(m.cells, c)
		l.spots[c] = spot{row: i / 7, col: i % 7, span: 1}
		objs = append(objs, c)
	}
	objs = append(objs, bands(m.s, spans, l, 7)...)
	m.grid.Layout = l
	m.grid.Objects = objs
	m.grid.Refresh()
}

// dropped moves the post of a chip let go over another day to that day,
// at the same time of day; let go over its own day or outside the grid, it
// goes back in place.
func (m *monthView) dropped(ch *calChip) {
	drv := fyne.CurrentApp().Driver()
	centre := drv.AbsolutePositionForObject(ch).Add(fyne.NewPos(ch.Size().Width/2, ch.Size().Height/2))
	for _, c := range m.cells {
		pos, size := drv.AbsolutePositionForObject(c), c.Size()
		if centre.X < pos.X || centre.Y < pos.Y || centre.X >= pos.X+size.Width || centre.Y >= pos.Y+size.Height {
			continue
		}
		local := ch.post.At.In(c.day.Location())
		if kit.SameDay(local, c.day) {
			break
		}
		at := time.Date(c.day.Year(), c.day.Month(), c.day.Day(), local.Hour(), local.Minute(), 0, 0, c.day.Location())
		m.s.move(ch.post, at)
		return
	}
	m.grid.Refresh()
}

// bands draws the campaign spans as labelled bands, cut at row ends, into
// a spanLayout with the given row length.
func bands(s *Screen, spans []campaignSpan, l *spanLayout, rowLen int) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, sp := range spans {
		for first := sp.first; first <= sp.last; {
			last := min(sp.last, (first/rowLen+1)*rowLen-1)
			b := newCampaignBand(s, sp.c.Name, sp.c.Goal, first == sp.first)
			l.spots[b] = spot{row: first / rowLen, col: first % rowLen, span: last - first + 1, lane: sp.lane, band: true}
			out = append(out, b)
			first = last + 1
		}
	}
	return out
}

// spot is where an object sits in a spanLayout: a cell, or a band over
// span cells in a lane under the day header.
type spot struct {
	row, col, span, lane int
	band                 bool
}

// spanLayout lays cells on a grid without gaps, so a band over several
// days reads as one, and bands above the cells.
type spanLayout struct {
	cols, rows int
	top        float32 // where lane 0 starts in a cell
	spots      map[fyne.CanvasObject]spot
}

func (l *spanLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(l.cols)*60, float32(max(l.rows, 1))*(dayHeaderHeight+chipHeight+8))
}

func (l *spanLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if l.cols == 0 || l.rows == 0 {
		return
	}
	w, h := size.Width/float32(l.cols), size.Height/float32(l.rows)
	top := l.top
	if top == 0 {
		top = dayHeaderHeight
	}
	for _, o := range objs {
		sp := l.spots[o]
		x, y := float32(sp.col)*w, float32(sp.row)*h
		if !sp.band {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(w, h))
			continue
		}
		o.Move(fyne.NewPos(x+2, y+top+float32(sp.lane)*bandHeight))
		o.Resize(fyne.NewSize(float32(sp.span)*w-4, bandHeight-2))
	}
}

// campaignBand is a campaign across its days: the name on its first day
// (and where a row begins again, after a small arrow).
type campaignBand struct {
	widget.BaseWidget
	name, goal string
	start      bool
	s          *Screen
}

func newCampaignBand(s *Screen, name, goal string, start bool) *campaignBand {
	b := &campaignBand{name: name, goal: goal, start: start, s: s}
	b.ExtendBaseWidget(b)
	return b
}

// Tapped shows the campaign's goal.
func (b *campaignBand) Tapped(*fyne.PointEvent) { b.s.showCampaign(b.name, b.goal) }

func (b *campaignBand) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(withAlpha(campaignColour, 0x55))
	bg.CornerRadius = 3
	label := canvas.NewText("", color.Black)
	return &bandRenderer{b: b, bg: bg, label: label}
}

type bandRenderer struct {
	b     *campaignBand
	bg    *canvas.Rectangle
	label *canvas.Text
}

func (r *bandRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	text := r.b.name
	if !r.b.start {
		text = "… " + text
	}
	th := r.b.Theme()
	r.label.TextSize = th.Size(theme.SizeNameCaptionText)
	r.label.TextStyle = fyne.TextStyle{Bold: true}
	r.label.Color = th.Color(theme.ColorNameForeground, kit.Variant())
	r.label.Text = kit.FitWords(text, r.label.TextSize, r.label.TextStyle, size.Width-8)
	ts := r.label.MinSize()
	r.label.Move(fyne.NewPos(4, (size.Height-ts.Height)/2))
	r.label.Resize(ts)
}

func (r *bandRenderer) MinSize() fyne.Size { return fyne.NewSize(20, bandHeight-2) }
func (r *bandRenderer) Refresh() {
	r.Layout(r.b.Size())
	r.label.Refresh()
	r.bg.Refresh()
}
func (r *bandRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.label} }
func (r *bandRenderer) Destroy()                     {}

// dayCell is one day of the month grid: its number (ringed when it is
// today), then its chips; those that do not fit become "+N more", and a
// tap on the day opens its week.
type dayCell struct {
	widget.BaseWidget
	s       *Screen
	day     time.Time
	inMonth bool
	today   bool
	top     float32 // the day number and the campaign lanes
	chips   []*calChip
}

func newDayCell(s *Screen, day time.Time, inMonth, today bool, top float32) *dayCell {
	c := &dayCell{s: s, day: day, inMonth: inMonth, today: today, top: top}
	c.ExtendBaseWidget(c)
	return c
}

func (c *dayCell) add(ch *calChip) { c.chips = append(c.chips, ch) }

// Tapped opens the week of the day.
func (c *dayCell) Tapped(*fyne.PointEvent) { c.s.openWeek(c.day) }

// DoubleTapped starts a new post on the day.
func (c *dayCell) DoubleTapped(*fyne.PointEvent) { c.s.newPostOn(c.day) }

func (c *dayCell) CreateRenderer() fyne.WidgetRenderer {
	r := &dayCellRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), ring: canvas.NewCircle(color.Transparent),
		num: canvas.NewText(strconv.Itoa(c.day.Day()), color.Black), more: canvas.NewText("", color.Black)}
	r.Refresh()
	return r
}

type dayCellRenderer struct {
	c    *dayCell
	bg   *canvas.Rectangle
	ring *canvas.Circle
	num  *canvas.Text
	more *canvas.Text
}

func (r *dayCellRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	ns := r.num.MinSize()
	d := float32(dayHeaderHeight - 2)
	r.ring.Move(fyne.NewPos(3, 2))
	r.ring.Resize(fyne.NewSize(max(d, ns.Width+6), d))
	r.num.Move(fyne.NewPos(3+(max(d, ns.Width+6)-ns.Width)/2, 2+(d-ns.Height)/2))
	r.num.Resize(ns)
	r.layoutChips(size)
}

// layoutChips stacks the chips under the header; those that do not fit
// are counted as "+N more" in the header.
func (r *dayCellRenderer) layoutChips(size fyne.Size) {
	y := r.c.top + chipGap
	fit := min(len(r.c.chips), max(int((size.Height-y)/(chipHeight+chipGap)), 0))
	for i, ch := range r.c.chips {
		if i >= fit {
			ch.Hide()
			continue
		}
		ch.Show()
		ch.Move(fyne.NewPos(3, y))
		ch.Resize(fyne.NewSize(size.Width-6, chipHeight))
		y += chipHeight + chipGap
	}
	r.more.Text = ""
	if hidden := len(r.c.chips) - fit; hidden > 0 {
		r.more.Text = lang.L("+{{.Count}} more", map[string]any{"Count": hidden})
	}
	ms := r.more.MinSize()
	r.more.Move(fyne.NewPos(size.Width-ms.Width-6, 2+(dayHeaderHeight-2-ms.Height)/2))
	r.more.Resize(ms)
}

func (r *dayCellRenderer) MinSize() fyne.Size {
	return fyne.NewSize(60, r.c.top+chipHeight+2*chipGap)
}

func (r *dayCellRenderer) Refresh() {
	th := r.c.Theme()
	v := kit.Variant()
	r.bg.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	r.bg.StrokeWidth = 1
	r.bg.FillColor = color.Transparent
	if !r.c.inMonth {
		r.bg.FillColor = withAlpha(th.Color(theme.ColorNameForeground, v), 0x08)
	}
	r.num.TextSize = th.Size(theme.SizeNameCaptionText)
	r.num.Color = th.Color(theme.ColorNameForeground, v)
	if !r.c.inMonth {
		r.num.Color = th.Color(theme.ColorNamePlaceHolder, v)
	}
	r.ring.FillColor = color.Transparent
	if r.c.today {
		r.bg.FillColor = withAlpha(th.Color(theme.ColorNamePrimary, v), 0x1c)
		r.bg.StrokeColor = th.Color(theme.ColorNamePrimary, v)
		r.bg.StrokeWidth = 2
		r.ring.FillColor = th.Color(theme.ColorNamePrimary, v)
		r.num.Color = th.Color(theme.ColorNameForegroundOnPrimary, v)
		r.num.TextStyle = fyne.TextStyle{Bold: true}
	}
	r.more.TextSize = th.Size(theme.SizeNameCaptionText)
	r.more.Color = th.Color(theme.ColorNamePlaceHolder, v)
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *dayCellRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.ring, r.num}
	for _, ch := range r.c.chips {
		objs = append(objs, ch)
	}
	return append(objs, r.more)
}

func (r *dayCellRenderer) Destroy() {}
