package members

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	{"Name", 0, core.SortName},
	{"Tags", 150, ""},
	{"Activity", 96, core.SortActivity},
	{"Loyalty", 92, core.SortLoyalty},
	{"Quadrant", 104, ""},
	{"Cohort", 124, ""},
	{"Last seen", 112, core.SortLastSeen},
	{"Followers", 108, core.SortFollowers},
}

const (
	flexCol      = 1
	flexMinWidth = 160
)

// columns lays out one object per column: fixed columns at their width,
// the flexible one in the rest. In a narrow window the fixed columns
// shrink in proportion, so the table never widens the window.
type columns struct{}

func (columns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(flexMinWidth*2, h)
}

func (columns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	fixed := float32(0)
	for _, c := range memberCols {
		fixed += c.width
	}
	scale := float32(1)
	if avail := size.Width - flexMinWidth; avail < fixed {
		scale = max(avail, 0) / fixed
	}
	x := float32(0)
	for i, o := range objects {
		w := memberCols[i].width * scale
		if i == flexCol {
			w = size.Width - fixed*scale
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// memberTable is the header with its sort buttons and the virtualised list
// of member rows.
type memberTable struct {
	s       *Screen
	list    *widget.List
	headers []*widget.Button
	sort    core.MemberSort
	desc    bool
	content fyne.CanvasObject
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
			cells[i] = boldLabel(c.title)
			continue
		}
		b := kit.FlatButton(c.title, nil, func() { t.sortBy(c.sort) })
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		t.headers[i] = b
		cells[i] = b
	}
	return container.New(columns{}, cells...)
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

// paintHeader marks the sorted column with an arrow.
func (t *memberTable) paintHeader() {
	for i, b := range t.headers {
		if b == nil {
			continue
		}
		var icon fyne.Resource
		if memberCols[i].sort == t.sort {
			icon = theme.MoveUpIcon()
			if t.desc {
				icon = theme.MoveDownIcon()
			}
		}
		b.SetIcon(icon)
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
