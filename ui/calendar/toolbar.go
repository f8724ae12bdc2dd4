package calendar

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/ui/kit"
)

// Choices of the toolbar's selects.
const (
	allChannels    = "All channels"
	colourChannels = "By channel"
	colourAgendas  = "By agenda"
)

// calToolbar moves through time (previous, today, next), names the
// period, and switches view, channel filter and colouring.
type calToolbar struct {
	s       *Screen
	title   *widget.Label
	modes   []*widget.Button
	filter  *kit.Select
	colour  *kit.Select
	ids     map[string]int64 // filter choice -> account id
	content fyne.CanvasObject
}

func newCalToolbar(s *Screen) *calToolbar {
	b := &calToolbar{s: s, title: widget.NewLabel(""), ids: map[string]int64{}}
	b.title.TextStyle = fyne.TextStyle{Bold: true}
	b.title.SizeName = theme.SizeNameSubHeadingText
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { s.step(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.step(1) })
	today := widget.NewButton(lang.L("Today"), s.today)
	for i, name := range calModeNames {
		b.modes = append(b.modes, widget.NewButton(lang.L(name), func() { s.setMode(calMode(i)) }))
	}
	b.filter = kit.NewSelect([]string{lang.L(allChannels)}, b.filterChosen)
	b.filter.SetSelected(lang.L(allChannels))
	b.colour = kit.NewSelect([]string{lang.L(colourChannels), lang.L(colourAgendas)}, b.colourChosen)
	b.colour.SetSelected(lang.L(colourChannels))
	add := widget.NewButtonWithIcon(lang.L("New post"), theme.ContentAddIcon(), s.newPost)
	add.Importance = widget.HighImportance
	modes := container.NewHBox(b.modes[0], b.modes[1], b.modes[2])
	var plan *widget.Button
	plan = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), func() { s.planMenu(plan) })
	// In a small window the groups wrap onto a second line: the period's
	// title is never cut ("Dec...").
	b.content = kit.NewWrapRow(container.NewHBox(prev, today, next, b.title), modes,
		container.NewHBox(kit.WideSelect(b.filter), kit.WideSelect(b.colour)), container.NewHBox(add, plan))
	return b
}

// update shows the period's title and the view in front.
func (b *calToolbar) update() {
	b.title.SetText(periodTitle(b.s.mode, b.s.anchor))
	for i, m := range b.modes {
		imp := widget.LowImportance
		if calMode(i) == b.s.mode {
			imp = widget.MediumImportance
		}
		if m.Importance != imp {
			m.Importance = imp
			m.Refresh()
		}
	}
}

// setAccounts offers the channels in the filter.
func (b *calToolbar) setAccounts(accts []core.Account) {
	opts := []string{lang.L(allChannels)}
	b.ids = map[string]int64{}
	for _, a := range accts {
		opts = append(opts, a.Name)
		b.ids[a.Name] = a.ID
	}
	b.filter.SetOptions(opts)
}

func (b *calToolbar) filterChosen(name string) {
	if id := b.ids[name]; id != b.s.account {
		b.s.setAccount(id)
	}
}

func (b *calToolbar) colourChosen(name string) {
	by := calendar.ByChannel
	if name == lang.L(colourAgendas) {
		by = calendar.ByAgenda
	}
	b.s.setColourBy(by)
}
