package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
)

// calendarScreen plans posts: a toolbar (period, view, channel filter,
// colouring), the month, week or agenda view, the agenda balance of the
// visible period, and the post editor on the right.
type calendarScreen struct {
	u   *UI
	cal Calendar
	loc *time.Location // the calendar's zone: every day and hour is read in it

	mode     calMode
	anchor   time.Time // a day inside the period shown
	by       calendar.ColourBy
	account  int64          // the channel filter; 0 is all
	accounts []core.Account // the channels posts can go to (VK, X)
	data     calData
	loaded   bool
	gen      int
	reload   *refresher

	bar     *calToolbar
	banner  *banner
	month   *monthView
	week    *weekView
	agenda  *agendaView
	balance *balanceStrip
	editor  *postEditor
	views   *fyne.Container
	content fyne.CanvasObject
}

func newCalendarScreen(u *UI, cal Calendar) *calendarScreen {
	s := &calendarScreen{u: u, cal: cal, loc: zoneOf(cal), banner: newBanner(), balance: newBalanceStrip()}
	s.anchor = dayStart(u.now().In(s.loc))
	s.reload = newRefresher(s.load)
	s.bar = newCalToolbar(s)
	s.month, s.week, s.agenda = newMonthView(s), newWeekView(s), newAgendaView(s)
	s.editor = newPostEditor(s)
	s.views = container.NewStack(s.month.content, s.week.content, s.agenda.content)
	s.content = s.layout()
	s.showMode()
	return s
}

// zoneOf loads the calendar's zone; an unknown name falls back to the
// machine's, which is what the core does too.
func zoneOf(cal Calendar) *time.Location {
	if loc, err := time.LoadLocation(cal.Zone()); err == nil {
		return loc
	}
	return time.Local
}

func (s *calendarScreen) layout() fyne.CanvasObject {
	top := container.NewVBox(s.bar.content, s.banner.content)
	bottom := container.NewVBox(widget.NewSeparator(), s.balance.content)
	main := container.NewBorder(nil, container.NewPadded(bottom), nil, nil, container.NewPadded(s.views))
	return container.NewBorder(container.NewPadded(top), nil, nil, s.editor.content, main)
}

// start loads the channels and the first period, and follows changes.
func (s *calendarScreen) start() {
	s.loadAccounts()
	s.reload.request()
	s.listen()
}

// now is the backend's clock in the calendar's zone.
func (s *calendarScreen) now() time.Time { return s.u.now().In(s.loc) }

// load reads the period shown; the refresher runs one load at a time.
func (s *calendarScreen) load(done func()) {
	s.gen++
	gen := s.gen
	from, to := period(s.mode, s.anchor)
	f := calendar.Filter{}
	if s.account != 0 {
		f.Accounts = []int64{s.account}
	}
	background(s.u, "load calendar", func(ctx context.Context) (calendar.View, error) {
		return s.cal.Range(ctx, from, to, f, s.loc)
	}, func(v calendar.View, err error) {
		defer done()
		if gen != s.gen {
			return
		}
		if err != nil {
			s.banner.show("Could not load the calendar: " + errorText(err))
			return
		}
		s.loaded = true
		s.data = calData{from: from, to: to, today: s.now(), view: v, by: s.by, variant: fyne.CurrentApp().Settings().ThemeVariant()}
		s.redraw()
		s.editor.refreshed(v)
	})
}

// redraw draws the loaded data in the view in front.
func (s *calendarScreen) redraw() {
	s.data.by = s.by
	switch s.mode {
	case monthMode:
		s.month.show(s.data)
	case weekMode:
		s.week.show(s.data)
	default:
		s.agenda.show(s.data)
	}
	s.balance.show(s.data.view.Balance)
}

func (s *calendarScreen) loadAccounts() {
	background(s.u, "list channels", s.u.b.Accounts.List, func(accts []core.Account, err error) {
		if err != nil {
			s.banner.show("Could not list the channels: " + errorText(err))
			return
		}
		s.accounts = s.accounts[:0]
		for _, a := range accts {
			if a.Kind == core.KindVK || a.Kind == core.KindX {
				s.accounts = append(s.accounts, a)
			}
		}
		s.bar.setAccounts(s.accounts)
		s.editor.setAccounts(s.accounts)
	})
}

// listen reloads when the calendar changes elsewhere (the publishing
// engine, the command line) and the channel list when accounts change.
func (s *calendarScreen) listen() {
	if s.u.b.Events == nil {
		return
	}
	ch, cancel := s.u.b.Events.Subscribe()
	s.u.goSafe("calendar events", func() {
		defer cancel()
		for {
			set, open := gatherEvents(s.u.ctx, ch, eventWindow)
			if set.kinds[calendar.EventCalendar] {
				s.u.do(s.reload.request)
			}
			if set.kinds[core.EventAccount] {
				s.u.do(s.loadAccounts)
			}
			if !open {
				return
			}
		}
	})
}

// setMode shows another view of the same period.
func (s *calendarScreen) setMode(m calMode) {
	if m == s.mode {
		return
	}
	s.mode = m
	s.showMode()
	s.reload.request()
}

func (s *calendarScreen) showMode() {
	for i, o := range s.views.Objects {
		if calMode(i) == s.mode {
			o.Show()
		} else {
			o.Hide()
		}
	}
	s.views.Refresh()
	s.bar.update()
}

// step goes to the previous (-1) or next (1) period.
func (s *calendarScreen) step(dir int) { s.goTo(stepPeriod(s.mode, s.anchor, dir)) }

func (s *calendarScreen) today() { s.goTo(dayStart(s.now())) }

func (s *calendarScreen) goTo(anchor time.Time) {
	s.anchor = anchor
	s.bar.update()
	s.reload.request()
}

// openWeek shows the week of a day.
func (s *calendarScreen) openWeek(day time.Time) {
	s.anchor = day
	s.mode = weekMode
	s.showMode()
	s.reload.request()
}

func (s *calendarScreen) setAccount(id int64) {
	s.account = id
	s.reload.request()
}

func (s *calendarScreen) setColourBy(by calendar.ColourBy) {
	s.by = by
	if s.loaded {
		s.redraw()
	}
}

// chip makes the chip of a post or meetup.
func (s *calendarScreen) chip(ev calEvent, d calData) *calChip {
	if ev.meetup != nil {
		m := *ev.meetup
		return newCalChip(ev.chipText(), pinIcon, calendar.AgendaColour(core.AgendaLife), "", func() { s.showMeetup(m) })
	}
	p := *ev.post
	state := p.State()
	if p.Skipped {
		state = core.TargetDraft
	}
	c := newCalChip(ev.chipText(), postIcon(p), postColour(p, d.by, d.variant), state, func() { s.editor.open(p) })
	c.post = p
	return c
}

// move places a post at a new instant (a drop in the week view), then
// re-reads the period: the chip stays where it was let go meanwhile.
func (s *calendarScreen) move(p core.Post, at time.Time) {
	backgroundErr(s.u, "move post", func(ctx context.Context) error {
		return s.cal.Move(ctx, p.ID, at)
	}, func(err error) {
		if err != nil {
			s.banner.show("Could not move the post: " + errorText(err))
		}
		s.reload.request()
	})
}

// newPostOn opens the editor on a new post at 09:00 of a day.
func (s *calendarScreen) newPostOn(day time.Time) {
	s.editor.openNew(time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, s.loc))
}

// newPost opens the editor on a new post at the next whole hour.
func (s *calendarScreen) newPost() {
	now := s.now()
	s.editor.openNew(time.Date(now.Year(), now.Month(), now.Day(), now.Hour()+1, 0, 0, 0, s.loc))
}

func (s *calendarScreen) showCampaign(name, goal string) {
	if goal == "" {
		goal = "No goal written for this campaign yet."
	}
	dialog.ShowInformation(name, goal, s.u.win)
}

func (s *calendarScreen) showMeetup(m core.Meetup) {
	lines := []string{m.Start.In(s.loc).Format("Mon 2 Jan 2006, 15:04") + " - " + m.End.In(s.loc).Format("15:04")}
	if m.Place != "" {
		lines = append(lines, m.Place)
	}
	if len(m.Attendees) > 0 {
		names := make([]string, len(m.Attendees))
		for i, a := range m.Attendees {
			names[i] = a.Name
		}
		lines = append(lines, "Coming: "+strings.Join(names, ", "))
	}
	if m.Notes != "" {
		lines = append(lines, m.Notes)
	}
	dialog.ShowInformation(m.Title, strings.Join(lines, "\n"), s.u.win)
}
