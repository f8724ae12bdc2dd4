package calendar

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/ui/kit"
)

// Screen plans posts: a toolbar (period, view, channel filter,
// colouring), the month, week or agenda view, the agenda balance of the
// visible period, and the post editor on the right.
type Screen struct {
	u   *env
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
	reload   *kit.Refresher

	bar     *calToolbar
	banner  *kit.Banner
	toast   *kit.Toast // what the last move did, with Undo
	month   *monthView
	week    *weekView
	agenda  *agendaView
	balance *balanceStrip
	editor  *postEditor
	views   *fyne.Container
	content fyne.CanvasObject
}

// New builds the calendar screen; Start loads it.
func New(e *kit.Env, b Backend) *Screen {
	u := &env{Env: e, b: b}
	cal := b.Calendar
	s := &Screen{u: u, cal: cal, loc: zoneOf(cal), banner: kit.NewBanner(), balance: newBalanceStrip(),
		toast: kit.NewToast(e)}
	s.anchor = dayStart(u.Now().In(s.loc))
	s.reload = kit.NewRefresher(s.load)
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

func (s *Screen) layout() fyne.CanvasObject {
	top := container.NewVBox(s.bar.content, s.banner.Content, s.toast.Content)
	bottom := container.NewVBox(widget.NewSeparator(), s.balance.content)
	// The agenda balance sits under the grid's own padding, with none
	// above it: at 1024x700 with the editor open and the toolbar on two
	// lines, every pixel of the month view counts.
	p := theme.Padding()
	main := container.NewBorder(nil, container.New(layout.NewCustomPaddedLayout(0, p, p, p), bottom), nil, nil, container.NewPadded(s.views))
	return container.NewBorder(container.NewPadded(top), nil, nil, s.editor.content, main)
}

// Content is the screen's widget tree.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Start loads the channels and the first period.
func (s *Screen) Start() {
	s.loadAccounts()
	s.reload.Request()
}

// Shown reloads: posts may have been published or failed meanwhile.
func (s *Screen) Shown() { s.reload.Request() }

// Changed reloads when the calendar changed elsewhere (the publishing
// engine, the command line) and the channel list when accounts changed.
func (s *Screen) Changed(c kit.Changes) {
	if c.Has(calendar.EventCalendar) {
		s.reload.Request()
	}
	if c.Has(core.EventAccount) {
		s.loadAccounts()
	}
}

// Close saves the post being written.
func (s *Screen) Close() { s.editor.saveOnClose() }

// now is the backend's clock in the calendar's zone.
func (s *Screen) now() time.Time { return s.u.Now().In(s.loc) }

// load reads the period shown; the Refresher runs one load at a time.
func (s *Screen) load(done func()) {
	s.gen++
	gen := s.gen
	from, to := period(s.mode, s.anchor)
	f := calendar.Filter{}
	if s.account != 0 {
		f.Accounts = []int64{s.account}
	}
	kit.Background(s.u.Env, "load calendar", func(ctx context.Context) (calendar.View, error) {
		return s.cal.Range(ctx, from, to, f, s.loc)
	}, func(v calendar.View, err error) {
		defer done()
		if gen != s.gen {
			return
		}
		if err != nil {
			s.banner.Show(lang.L("Could not load the calendar: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		s.loaded = true
		s.data = calData{from: from, to: to, today: s.now(), view: v, by: s.by, variant: kit.Variant()}
		s.redraw()
		s.editor.refreshed(v)
	})
}

// redraw draws the loaded data in the view in front.
func (s *Screen) redraw() {
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

func (s *Screen) loadAccounts() {
	kit.Background(s.u.Env, "list channels", s.u.b.Accounts.List, func(accts []core.Account, err error) {
		if err != nil {
			s.banner.Show(lang.L("Could not list the channels: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		s.accounts = s.accounts[:0]
		for _, a := range accts {
			if calendar.Publishes(a.Kind) {
				s.accounts = append(s.accounts, a)
			}
		}
		s.bar.setAccounts(s.accounts)
		s.editor.setAccounts(s.accounts)
	})
}

// setMode shows another view of the same period.
func (s *Screen) setMode(m calMode) {
	if m == s.mode {
		return
	}
	s.mode = m
	s.showMode()
	s.reload.Request()
}

func (s *Screen) showMode() {
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
func (s *Screen) step(dir int) { s.goTo(stepPeriod(s.mode, s.anchor, dir)) }

func (s *Screen) today() { s.goTo(dayStart(s.now())) }

func (s *Screen) goTo(anchor time.Time) {
	s.anchor = anchor
	s.bar.update()
	s.reload.Request()
}

// openWeek shows the week of a day.
func (s *Screen) openWeek(day time.Time) {
	s.anchor = day
	s.mode = weekMode
	s.showMode()
	s.reload.Request()
}

func (s *Screen) setAccount(id int64) {
	s.account = id
	s.reload.Request()
}

func (s *Screen) setColourBy(by calendar.ColourBy) {
	s.by = by
	if s.loaded {
		s.redraw()
	}
}

// chip makes the chip of a post or meetup.
func (s *Screen) chip(ev calEvent, d calData) *calChip {
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
func (s *Screen) move(p core.Post, at time.Time) {
	from := p.At
	kit.BackgroundErr(s.u.Env, "move post", func(ctx context.Context) error {
		return s.cal.Move(ctx, p.ID, at)
	}, func(err error) {
		if err != nil {
			s.banner.Show(lang.L("Could not move the post: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			s.reload.Request()
			return
		}
		s.reload.Request()
		s.toast.Show(lang.L("Moved {{.Post}} to {{.When}}.", map[string]any{"Post": postTitle(p), "When": kit.FormatTime(at.In(s.loc), "Mon 2 Jan, 15:04")}), func() {
			kit.BackgroundErr(s.u.Env, "undo move", func(ctx context.Context) error {
				return s.cal.Move(ctx, p.ID, from)
			}, func(err error) {
				if err != nil {
					s.banner.Show(lang.L("Could not move the post back: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
				}
				s.reload.Request()
			})
		})
	})
}

// Undo takes the last move back (Ctrl+Z).
func (s *Screen) Undo() { s.toast.Undo() }

// postTitle names a post in a sentence by its first words.
func postTitle(p core.Post) string {
	return kit.QuoteSubject(core.SnippetOf(p.Text, 40))
}

// newPostOn opens the editor on a new post at 09:00 of a day.
func (s *Screen) newPostOn(day time.Time) {
	s.editor.openNew(time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, s.loc))
}

// newPost opens the editor on a new post at the next whole hour.
func (s *Screen) newPost() {
	now := s.now()
	s.editor.openNew(time.Date(now.Year(), now.Month(), now.Day(), now.Hour()+1, 0, 0, 0, s.loc))
}

func (s *Screen) showCampaign(name, goal string) {
	if goal == "" {
		goal = lang.L("No goal written for this campaign yet.")
	}
	dialog.ShowInformation(name, goal, s.u.Win)
}

func (s *Screen) showMeetup(m core.Meetup) {
	lines := []string{kit.FormatTime(m.Start.In(s.loc), "Mon 2 Jan 2006, 15:04") + " - " + m.End.In(s.loc).Format("15:04")}
	if m.Place != "" {
		lines = append(lines, m.Place)
	}
	if len(m.Attendees) > 0 {
		names := make([]string, len(m.Attendees))
		for i, a := range m.Attendees {
			names[i] = a.Name
		}
		lines = append(lines, lang.L("Coming: {{.Names}}", map[string]any{"Names": strings.Join(names, ", ")}))
	}
	if m.Notes != "" {
		lines = append(lines, m.Notes)
	}
	dialog.ShowInformation(m.Title, strings.Join(lines, "\n"), s.u.Win)
}
