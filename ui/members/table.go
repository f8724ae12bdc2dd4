package members

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// column is one column of the members table: its title, its preferred
// width and the sort its header sets ("" for none).
type column struct {
	title string
	width float32
	sort  core.MemberSort
}

// memberCols are the table's columns; the name column (flexCol) takes what
// the others leave.
var memberCols = []column{
	{"", 40, ""},
	{"member.name", 0, core.SortName}, // a person's name: "Имя", not the "Название" of a rule
	{"Tags", 150, ""},
	{"Activity", 96, core.SortActivity},
	{"Loyalty", 92, core.SortLoyalty},
	{"Quadrant", 104, ""},
	{"Cohort", 124, ""},
	{"Last seen", 112, core.SortLastSeen},
	{"Followers", 108, core.SortFollowers},
}

const flexCol = 1

// dropFirst are the columns a window too narrow for every title leaves
// out, in this order (the dossier still shows them): in Russian and
// Bulgarian at 1024x700 the cohort goes, rather than every title being cut.
var dropFirst = []int{6, 2, 5}

func droppable(i int) bool {
	for _, d := range dropFirst {
		if d == i {
			return true
		}
	}
	return false
}

// nameSample is a long name of 20 characters: the name column always shows
// at least that much, however narrow the window.
const nameSample = "Jean-Baptiste Martin"

// flexMinWidth is the narrowest the name column gets: 20 characters and
// the channel marks beside them.
func flexMinWidth() float32 {
	text := fyne.MeasureText(nameSample, theme.TextSize(), fyne.TextStyle{}).Width
	marks := float32(len(rowChannels)) * (theme.IconInlineSize() + theme.Padding())
	return text + marks + 4*theme.InnerPadding()
}

// columns lays out one object per column: fixed columns at their width,
// the flexible one in the rest. widths are the columns' widths in the
// language in use, sorted the column that has the sort arrow. In a narrow
// window the fixed columns give up their slack first (down to their
// title's width, and the arrow's), then shrink in proportion; the name
// column keeps its 20 characters, and the table never widens the window.
type columns struct {
	widths []float32
	sorted *int
}

func (columns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(flexMinWidth()*2, h)
}

func (l columns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	widths := columnWidths(l.widths, size.Width, *l.sorted)
	x := float32(0)
	for i, o := range objects {
		if droppable(i) { // a dropped column's cell is hidden, not squeezed to nothing
			if widths[i] == 0 {
				o.Hide()
			} else if !o.Visible() {
				o.Show()
			}
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(widths[i], size.Height))
		x += widths[i]
	}
}

// columnWidths shares a row's width between the columns, each at most as
// wide as base says; the sorted column (an index of memberCols) keeps room
// for its title and arrow, as wide apart from the next title as the others.
func columnWidths(base []float32, total float32, sorted int) []float32 {
	var fixed, least float32
	mins := make([]float32, len(memberCols))
	for i, c := range memberCols {
		if i == flexCol {
			continue
		}
		mins[i] = min(base[i], columnMin(c))
		if i == sorted {
			mins[i] = max(mins[i], sortedMin(c))
		}
		fixed += base[i]
		least += mins[i]
	}
	avail := max(total-flexMinWidth(), 0)
	dropped := map[int]bool{}
	for _, d := range dropFirst {
		if avail >= least {
			break
		}
		dropped[d] = true
		fixed -= base[d]
		least -= mins[d]
	}
	out := make([]float32, len(memberCols))
	used := float32(0)
	for i := range memberCols {
		if i == flexCol || dropped[i] {
			continue
		}
		switch {
		case avail >= fixed:
			out[i] = base[i]
		case avail >= least:
			give := (fixed - avail) / (fixed - least)
			out[i] = base[i] - (base[i]-mins[i])*give
		default:
			out[i] = mins[i] * avail / least
		}
		used += out[i]
	}
	out[flexCol] = max(total-used, 0)
	return out
}

// sortedMin is the width a sorted column's header needs: its title, the
// arrow after it, and the same padding as a title without one.
func sortedMin(c column) float32 {
	return kit.FlatButton(lang.L(c.title), theme.MoveDownIcon(), nil).MinSize().Width
}

// quadrantCol is the column of the quadrant badges, which never shrink:
// it is as wide as the widest badge in the language ("случайный гость").
const quadrantCol = 5

// columnMin is the width a column's title needs (the check box column's
// is its width; the quadrant's, its widest badge's).
func columnMin(c column) float32 {
	if c.title == "" {
		return c.width
	}
	w := fyne.MeasureText(lang.L(c.title), theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
	switch c.title {
	case memberCols[quadrantCol].title:
		w = max(w, widestBadge())
	case memberCols[lastSeenCol].title:
		w = max(w, widestText(agoSamples(time.Now(), kit.AgoShort)))
	}
	return w
}

// cohortCol and lastSeenCol hold short words: the cohort's column is as
// wide as its longest name when there is room ("Отдаляются") and cut
// after a word below; the last seen one never narrower than its short
// form ("5 дн"), or left out when the window is too narrow.
const (
	cohortCol   = 6
	lastSeenCol = 7
)

func cohortNames() []string {
	out := make([]string, 0, len(core.Cohorts))
	for _, c := range core.Cohorts {
		out = append(out, cohortName(c))
	}
	return out
}

// agoSamples are the longest texts the "last seen" column shows in the
// form ago gives: now, each relative form at its longest count, a date of
// this year with a long month, and never. The column fits kit.AgoShort
// ("5 дн", "28 нояб."), so the quadrant keeps its column in Russian at
// 1024 px; a cell says kit.Ago ("5 дней назад") when it fits, and on hover.
func agoSamples(now time.Time, ago func(now, t time.Time) string) []string {
	var out []string
	for _, d := range []time.Duration{30 * time.Second, 59 * time.Minute, 23 * time.Hour, 26 * time.Hour, 6 * 24 * time.Hour, 5 * 24 * time.Hour} {
		out = append(out, ago(now, now.Add(-d)))
	}
	for m := time.January; m <= time.December; m++ {
		out = append(out, kit.FormatTime(time.Date(now.Year(), m, 28, 12, 0, 0, 0, time.Local), "2 Jan"))
	}
	return append(out, ago(now, time.Time{})) // never
}

// widestText is the width of the widest text in a cell.
func widestText(texts []string) float32 {
	w := float32(0)
	for _, t := range texts {
		w = max(w, fyne.MeasureText(t, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return w + 2*theme.InnerPadding() + 2 // 2: rounding, so it is never cut by a pixel
}

// widestBadge is the width of the widest quadrant badge in its cell.
func widestBadge() float32 {
	w := float32(0)
	b := kit.NewBadge()
	for _, q := range core.Quadrants {
		b.Set(quadrantBadge(q))
		w = max(w, b.MinSize().Width)
	}
	return w + 2*theme.Padding()
}

// memberTable is the header with its sort buttons and the virtualised list
// of member rows.
type memberTable struct {
	s       *Screen
	list    *widget.List
	headers []*widget.Button
	// headerBox lays the headers out: a change of sort moves the arrow,
	// and the column widths with it.
	headerBox *fyne.Container
	sort      core.MemberSort
	desc      bool
	content   fyne.CanvasObject
}

func newMemberTable(s *Screen) *memberTable {
	t := &memberTable{s: s, sort: core.SortActivity, desc: true}
	t.list = widget.NewList(t.length, func() fyne.CanvasObject { return newMemberRow(s) }, t.update)
	t.list.OnSelected = t.selected
	t.content = container.NewBorder(container.NewVBox(t.header(), widget.NewSeparator()), nil, nil, nil, t.list)
	t.paintHeader()
	return t
}

func (t *memberTable) header() fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(memberCols))
	t.headers = make([]*widget.Button, len(memberCols))
	for i, c := range memberCols {
		if c.sort == "" {
			title := c.title // "" over the check boxes
			if title != "" {
				title = lang.L(title)
			}
			cells[i] = boldLabel(title)
			continue
		}
		b := kit.FlatButton(lang.L(c.title), nil, func() { t.sortBy(c.sort) })
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		t.headers[i] = b
		cells[i] = b
	}
	t.headerBox = container.New(columns{t.s.colWidths, &t.s.sortCol}, cells...)
	return t.headerBox
}

// baseWidths are the columns' widths in the language in use: a fixed
// column is as wide as its preferred width, or as its title and the sort
// arrow need when the title is longer ("Активность ↓" does not fit 96).
func baseWidths() []float32 {
	ws := make([]float32, len(memberCols))
	for i, c := range memberCols {
		ws[i] = c.width
		if i == flexCol || c.title == "" {
			continue
		}
		var icon fyne.Resource
		if c.sort != "" {
			icon = theme.MoveDownIcon()
		}
		ws[i] = max(ws[i], kit.FlatButton(lang.L(c.title), icon, nil).MinSize().Width, columnMin(c))
		if i == cohortCol {
			ws[i] = max(ws[i], widestText(cohortNames()))
		}
	}
	return ws
}

func boldLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// sortBy sorts by a column; a second tap on the same header reverses it.
// Names start A to Z, numbers and dates highest or latest first.
func (t *memberTable) sortBy(by core.MemberSort) {
	if t.sort == by {
		t.desc = !t.desc
	} else {
		t.sort, t.desc = by, by != core.SortName
	}
	t.paintHeader()
	t.s.restart()
}

// paintHeader marks the sorted column with an arrow and gives it the
// room for it, in the header and the rows.
func (t *memberTable) paintHeader() {
	for i, b := range t.headers {
		if b == nil {
			continue
		}
		var icon fyne.Resource
		if memberCols[i].sort == t.sort {
			t.s.sortCol = i
			icon = theme.MoveUpIcon()
			if t.desc {
				icon = theme.MoveDownIcon()
			}
		}
		b.SetIcon(icon)
	}
	if t.headerBox != nil {
		t.headerBox.Refresh()
	}
}

func (t *memberTable) length() int { return len(t.s.rows) }

func (t *memberTable) update(id widget.ListItemID, o fyne.CanvasObject) {
	rows := t.s.rows
	if id < 0 || id >= len(rows) {
		return
	}
	m := rows[id]
	o.(*memberRow).set(m, t.s.cohort(m), t.s.checked[m.ID], t.s.u.Now())
	if id >= len(rows)-kit.PageAhead {
		t.s.loadMore()
	}
}

// selected opens the member's dossier; the row does not stay selected.
func (t *memberTable) selected(id widget.ListItemID) {
	t.list.UnselectAll()
	if id >= 0 && id < len(t.s.rows) {
		t.s.openDossier(t.s.rows[id].ID)
	}
}

func (t *memberTable) refresh() { t.list.Refresh() }
