package calendar

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/hearthhq/hearth/ui/kit"
)

// agendaView lists the posts and meetups ahead, grouped by day, with the
// state of each post on each of its channels.
type agendaView struct {
	s       *Screen
	list    *fyne.Container
	empty   *widget.RichText
	content fyne.CanvasObject
}

func newAgendaView(s *Screen) *agendaView {
	a := &agendaView{s: s, list: container.NewVBox(), empty: kit.NewMutedWrapped("", fyne.TextAlignCenter)}
	a.content = container.NewStack(container.NewVScroll(container.NewPadded(a.list)),
		container.New(kit.CenteredColumn{Width: 360}, a.empty))
	return a
}

// show lists d's days that hold something.
func (a *agendaView) show(d calData) {
	var objs []fyne.CanvasObject
	for i, evs := range d.byDay() {
		if len(evs) == 0 {
			continue
		}
		objs = append(objs, a.dayHeading(addDays(d.from, i), d))
		for _, ev := range evs {
			objs = append(objs, a.row(ev, d))
		}
	}
	a.list.Objects = objs
	a.list.Refresh()
	if len(objs) > 0 {
		a.empty.Hide()
		return
	}
	kit.SetSegment(a.empty, lang.L("Nothing planned for {{.Span}}. Double-click a day in the month view, or press New post.", map[string]any{"Span": spanTitle(d.from, addDays(d.to, -1))}))
	a.empty.Show()
}

func (a *agendaView) dayHeading(day time.Time, d calData) fyne.CanvasObject {
	text := kit.FormatTime(day, "Monday 2 January")
	if kit.SameDay(day, d.today) {
		text = lang.L("Today, {{.Day}}", map[string]any{"Day": text})
	}
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(widget.NewSeparator(), l)
}

// row is one post or meetup: its chip, then a badge per channel.
func (a *agendaView) row(ev calEvent, d calData) fyne.CanvasObject {
	chip := a.s.chip(ev, d)
	var badges []fyne.CanvasObject
	if ev.post != nil {
		for _, t := range ev.post.Targets {
			b := kit.NewBadge()
			b.Set(t.Account+": "+targetStateLabel(t.State), targetStateColour(t.State))
			badges = append(badges, container.NewCenter(b))
		}
		if ev.post.Skipped {
			b := kit.NewBadge()
			b.Set(lang.L("Skipped"), theme.ColorNameDisabled)
			badges = append(badges, container.NewCenter(b))
		}
	} else if ev.meetup.Place != "" {
		badges = append(badges, kit.NewMuted(ev.meetup.Place))
	}
	// Badges flow under the chip, so many channels never widen the window.
	return container.NewVBox(container.New(chipRow{}, chip), container.NewPadded(container.New(&flowLayout{}, spaced(badges)...)))
}

// chipRow gives a chip the full width and a comfortable row height.
type chipRow struct{}

func (chipRow) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(200, chipHeight+10) }

func (chipRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 4))
		o.Resize(fyne.NewSize(size.Width, size.Height-8))
	}
}

// spaced puts a little room after each object of a flowing row.
func spaced(objs []fyne.CanvasObject) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(objs))
	for i, o := range objs {
		out[i] = container.NewHBox(o, layout.NewSpacer())
	}
	return out
}
