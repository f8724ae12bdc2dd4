package members

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// filterEntryWidth is the width of the tag, interest and expertise boxes.
const filterEntryWidth = 150

// segment is one clickable count above the table: a quadrant, a cohort or
// a channel.
type segment struct {
	label    string
	quadrant core.Quadrant
	cohort   core.Cohort
	channel  core.IdentityKind
	button   *widget.Button
}

// segments lists the chips in the order shown. Regular members are the
// rest of the cohorts: no chip, nobody asks for them.
func segments() []*segment {
	return []*segment{
		{label: lang.L("Advocates"), quadrant: core.QuadrantAdvocate},
		{label: lang.L("Quiet fans"), quadrant: core.QuadrantQuietFan},
		{label: lang.L("Critics"), quadrant: core.QuadrantCritic},
		{label: lang.L("Passers-by"), quadrant: core.QuadrantPasserBy},
		{label: lang.X("members.new", "New"), cohort: core.CohortNew}, // an id: kit's "New" is a message's state
		{label: lang.L("Drifting away"), cohort: core.CohortDrifting},
		{label: lang.L("Dead souls"), cohort: core.CohortDeadSoul},
		{label: lang.L("E-mail"), channel: core.IdentityEmail},
		{label: "VK", channel: core.IdentityVK},
		{label: "X", channel: core.IdentityX},
	}
}

func (g *segment) count(c core.SegmentCounts) int {
	switch {
	case g.quadrant != "":
		return c.Quadrants[g.quadrant]
	case g.cohort != "":
		return c.Cohorts[g.cohort]
	default:
		return c.Channels[g.channel]
	}
}

// memberFilters are the segment chips, the search box and the tag,
// interest and expertise boxes above the members table.
type memberFilters struct {
	changed   func()
	all       *widget.Button
	chips     []*segment
	search    *kit.Entry
	tag       *kit.Entry
	interest  *kit.Entry
	expertise *kit.Entry
	counts    core.SegmentCounts

	quadrant core.Quadrant
	cohort   core.Cohort
	channel  core.IdentityKind
	set      *core.MemberSet // a list the dashboard opened; nil: none
	setChip  *widget.Button  // names the set; a tap clears it
	applied  [4]string       // search, tag, interest, expertise as last applied
	content  fyne.CanvasObject
}

func newMemberFilters(changed func()) *memberFilters {
	f := &memberFilters{changed: changed, chips: segments()}
	f.all = widget.NewButton(lang.L("All"), f.clearSegments)
	f.setChip = widget.NewButtonWithIcon("", theme.CancelIcon(), f.clearSet)
	f.setChip.Importance = widget.HighImportance
	f.setChip.IconPlacement = widget.ButtonIconTrailingText
	for _, g := range f.chips {
		g.button = widget.NewButton(g.label, func() { f.toggle(g) })
	}
	f.search = f.entry(lang.L("Search name, address or handle"))
	f.tag = f.entry(lang.L("Tag"))
	f.interest = f.entry(lang.L("Interest"))
	f.expertise = f.entry(lang.L("Expertise"))
	f.content = f.layout()
	f.paint()
	return f
}

// entry is a filter box: Enter applies it, and so does emptying it.
func (f *memberFilters) entry(placeholder string) *kit.Entry {
	e := kit.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.OnSubmitted = func(string) { f.apply() }
	e.OnChanged = func(t string) {
		if t == "" {
			f.apply()
		}
	}
	return e
}

func (f *memberFilters) layout() fyne.CanvasObject {
	chips := []fyne.CanvasObject{f.setChip, f.all}
	for _, g := range f.chips {
		chips = append(chips, g.button)
	}
	boxes := container.NewHBox()
	for _, e := range []*kit.Entry{f.tag, f.interest, f.expertise} {
		boxes.Add(container.New(kit.FixedWidth{Width: filterEntryWidth}, e))
	}
	row := container.NewBorder(nil, nil, nil, boxes, f.search)
	return container.NewVBox(row, newWrapRow(chips...))
}

// apply runs the box filters if they changed since last applied.
func (f *memberFilters) apply() {
	now := [4]string{trimmed(f.search), trimmed(f.tag), trimmed(f.interest), trimmed(f.expertise)}
	if now == f.applied {
		return
	}
	f.applied = now
	f.changed()
}

func trimmed(e *kit.Entry) string { return strings.TrimSpace(e.Text) }

// toggle selects a chip's segment, or clears it when already selected: one
// quadrant, one cohort and one channel at a time.
func (f *memberFilters) toggle(g *segment) {
	switch {
	case g.quadrant != "":
		f.quadrant = toggled(f.quadrant, g.quadrant)
	case g.cohort != "":
		f.cohort = toggled(f.cohort, g.cohort)
	default:
		f.channel = toggled(f.channel, g.channel)
	}
	f.paint()
	f.changed()
}

func toggled[T comparable](have, tapped T) T {
	var zero T
	if have == tapped {
		return zero
	}
	return tapped
}

func (f *memberFilters) clearSegments() {
	f.quadrant, f.cohort, f.channel, f.set = "", "", "", nil
	f.paint()
	f.changed()
}

func (f *memberFilters) clearSet() {
	f.set = nil
	f.paint()
	f.changed()
}

func (f *memberFilters) active(g *segment) bool {
	return (g.quadrant != "" && g.quadrant == f.quadrant) || (g.cohort != "" && g.cohort == f.cohort) ||
		(g.channel != "" && g.channel == f.channel)
}

// setCounts shows the latest counts on the chips.
func (f *memberFilters) setCounts(c core.SegmentCounts) {
	f.counts = c
	f.paint()
}

// paint writes counts and highlights the selected chips.
func (f *memberFilters) paint() {
	f.all.SetText(lang.L("All · {{.Count}}", map[string]any{"Count": f.counts.Total}))
	setImportance(f.all, f.quadrant == "" && f.cohort == "" && f.channel == "" && f.set == nil)
	if f.set == nil {
		f.setChip.Hide()
	} else {
		f.setChip.SetText(f.set.Name + " · " + kit.Number(len(f.set.IDs)))
		f.setChip.Show()
	}
	for _, g := range f.chips {
		g.button.SetText(g.label + " · " + kit.Number(g.count(f.counts)))
		setImportance(g.button, f.active(g))
	}
}

func setImportance(b *widget.Button, on bool) {
	want := widget.MediumImportance
	if on {
		want = widget.HighImportance
	}
	if b.Importance != want {
		b.Importance = want
		b.Refresh()
	}
}

// filter is the table's filter without paging and sort.
func (f *memberFilters) filter() core.MemberFilter {
	return core.MemberFilter{
		Query: f.applied[0], Tag: f.applied[1], Interest: f.applied[2], Expertise: f.applied[3],
		Quadrant: f.quadrant, Cohort: f.cohort, Channel: f.channel, Set: f.set,
	}
}

// isDefault reports whether nothing narrows the table.
func (f *memberFilters) isDefault() bool {
	return f.filter() == core.MemberFilter{}
}
