// Package ui is Hearth's desktop window (Fyne): the shell that holds the
// navigation, the status bar and the one event pump, and wires the screens
// of the feature packages (ui/inbox, ui/calendar, ui/members, ui/accounts)
// together through callbacks. Screens share only ui/kit; they talk to the
// application core through the interfaces in backend.go, never to SQL or
// integrations. Widgets change only on the UI goroutine; backend calls run
// in goroutines and come back through kit.Env.Do.
package ui

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/accounts"
	"github.com/hearthhq/hearth/ui/calendar"
	"github.com/hearthhq/hearth/ui/dashboard"
	"github.com/hearthhq/hearth/ui/inbox"
	"github.com/hearthhq/hearth/ui/kit"
	"github.com/hearthhq/hearth/ui/members"
)

// Default and smallest supported window sizes.
var (
	defaultSize = fyne.NewSize(1280, 800)
	minimumSize = fyne.NewSize(1024, 700)
)

// UI is Hearth's main window and its screens.
type UI struct {
	*kit.Env
	app    fyne.App
	b      Backend
	cancel context.CancelFunc
	// screen is the usable area of the screen (zero: unknown); nil in
	// tests, which have no monitor.
	screen func() fyne.Size

	nav    *nav
	inbox  *inbox.Screen
	status *statusBar
	first  *firstRun

	unsubscribe func()
	// hidden is set while the window is closed to the tray: nothing is on
	// screen then.
	hidden bool
	// flushTimer sends what the notifications' rate limit held back.
	flushTimer *time.Timer
	// tray is Hearth's tray icon, nil when the desktop has no tray;
	// hasTray asks the desktop.
	tray    *tray
	hasTray func() bool
}

// New builds the window for a backend. Call Show, then a.Run().
func New(a fyne.App, b Backend) *UI {
	u := newUI(a, b, fyne.Do)
	u.screen = func() fyne.Size { return workArea(a) }
	u.restoreSize()
	return u
}

func newUI(a fyne.App, b Backend, do func(func())) *UI {
	ctx, cancel := context.WithCancel(context.Background())
	u := &UI{app: a, b: b, cancel: cancel, hasTray: trayHost}
	u.Env = &kit.Env{Ctx: ctx, Do: do, Log: slog.Default(), Clock: b.Now, Win: a.NewWindow("Hearth")}
	u.build()
	u.restoreSize()
	u.Win.SetOnClosed(u.close)
	return u
}

// build makes the screens and wires what crosses between them: the member
// files open items in the inbox; added accounts reach the filters and the
// status bar.
func (u *UI) build() {
	u.status = newStatusBar(u)
	var experts kit.Mentioner
	var memberFiles inbox.MemberFiles
	if u.b.Members != nil {
		experts, memberFiles = u.b.Members, u.b.Members
	}
	u.nav = newNav(u)
	u.inbox = inbox.New(u.Env, inbox.Backend{Inbox: u.b.Inbox, Accounts: u.b.Accounts, Experts: experts, Members: memberFiles, Saved: u.b.Inbox,
		Views: u.b.Views, Rules: u.b.Rules, Pictures: u.b.Pictures},
		func() bool { return u.nav.current() == kit.Screen(u.inbox) })
	u.inbox.OnFirstPage = u.b.FirstPage
	u.nav.add(lang.L("Inbox"), kit.InboxIcon(), u.inbox)
	u.inbox.OnUnread = func(n int) {
		u.nav.setCount(u.inbox, n)
		if u.tray != nil {
			u.tray.setCount(n)
		}
	}
	// Every screen but the inbox is built the first time it is shown
	// (lazy.go): the inbox's first page paints without waiting for them.
	u.nav.add(lang.L("Calendar"), kit.CalendarIcon(), u.calendarScreen(experts))
	files, membersBuilt := u.membersScreen()
	if membersBuilt != nil {
		u.inbox.OpenMember = func(id int64) {
			u.nav.show(files)
			membersBuilt().OpenMember(id)
		}
	}
	u.nav.add(lang.L("Members"), kit.MembersIcon(), files)
	u.nav.add(lang.L("Dashboard"), kit.DashboardIcon(), u.dashboardScreen(files, membersBuilt))
	u.nav.add(lang.L("Watches"), watchesIcon(), u.watchesScreen())
	u.nav.add(lang.L("Rules"), rulesIcon(), u.rulesScreen())
	accts := newLazy(func() kit.Screen {
		return accounts.New(u.Env, accounts.Backend{Accounts: u.b.Accounts, Guess: u.b.MailGuess, Defaults: u.b.Settings.Prefs}, u.accountsChanged)
	})
	u.nav.add(lang.L("Accounts"), kit.AccountsIcon(), accts)
	u.nav.add(lang.L("Settings"), settingsIcon(), u.settingsScreen())
	u.nav.build()
	u.first = newFirstRun(u, accts, func() *accounts.Screen { return accts.screen().(*accounts.Screen) }, files, membersBuilt)
	// Ctrl+Z (Cmd+Z) takes back the last step of the screen in front: the
	// desktop driver delivers it as fyne's Undo shortcut. Registered after
	// the screens, it replaces the inbox's own.
	c := u.Win.Canvas()
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) {
		if un, ok := u.nav.current().(kit.Undoer); ok && c.Overlays().Top() == nil {
			un.Undo()
		}
	})
	// While a dialog or menu is open the keys are its own: Escape closes
	// it, and nothing reaches the screen behind (with a picture open over
	// a conversation, e must not mark the conversation done).
	onRune, onKey := c.OnTypedRune(), c.OnTypedKey()
	c.SetOnTypedRune(func(r rune) {
		if c.Overlays().Top() == nil && onRune != nil {
			onRune(r)
		}
	})
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if top := c.Overlays().Top(); top != nil {
			if e.Name == fyne.KeyEscape {
				top.Hide()
			}
			return
		}
		if onKey != nil {
			onKey(e)
		}
	})
	u.Win.SetOnDropped(u.dropped)
	u.Win.SetContent(kit.WithTips(container.NewBorder(nil, u.status.content, u.nav.content, nil, u.first.content()), u.Win.Canvas()))
}

// dropped hands files dropped on the window to the screen in front (the
// post editor's pictures, a reply's attachments); other drops are ignored.
func (u *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	d, ok := u.nav.current().(kit.Dropper)
	if !ok {
		return
	}
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	if len(paths) > 0 {
		d.Dropped(paths)
	}
}

// dashboardScreen is the dashboard, or the placeholder until the backend
// has one; its numbers open the inbox on a search and the member table on
// a segment (files and memberFiles: membersScreen's).
func (u *UI) dashboardScreen(files kit.Screen, memberFiles func() *members.Screen) kit.Screen {
	if u.b.Dashboard == nil {
		return newPlaceholder(kit.DashboardIcon(), lang.L("Dashboard"), lang.L(dashboardNotBuilt))
	}
	drill := dashboard.Drill{Items: func(q, zone string) {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			loc = nil // the dashboard's zone is a valid setting; the clock's otherwise
		}
		u.nav.show(u.inbox)
		u.inbox.ShowMessagesIn(q, loc)
	}}
	if memberFiles != nil {
		drill.Members = func(q core.Quadrant, c core.Cohort, ch core.IdentityKind) {
			u.nav.show(files)
			memberFiles().ShowSegment(q, c, ch)
		}
		drill.MemberSet = func(set core.MemberSet) {
			u.nav.show(files)
			memberFiles().ShowMembers(set)
		}
	}
	open := func(uri fyne.URI) error { return u.app.OpenURL(&url.URL{Scheme: "file", Path: uri.Path()}) }
	return newLazy(func() kit.Screen {
		return dashboard.New(u.Env, dashboard.Backend{Stats: u.b.Dashboard, Open: open}, drill)
	})
}

// calendarScreen is the calendar, or the placeholder until the backend has
// one.
func (u *UI) calendarScreen(experts kit.Mentioner) kit.Screen {
	if u.b.Calendar == nil {
		return newPlaceholder(kit.CalendarIcon(), lang.L("Calendar"), lang.L(calendarNotBuilt))
	}
	return newLazy(func() kit.Screen {
		return calendar.New(u.Env, calendar.Backend{Calendar: u.b.Calendar, Accounts: u.b.Accounts, Experts: experts})
	})
}

// membersScreen is the member files' entry in the navigation, or the
// placeholder until the backend has them; get builds the screen if it is
// not yet and returns it (nil with the placeholder), for what opens a
// member from elsewhere.
func (u *UI) membersScreen() (entry kit.Screen, get func() *members.Screen) {
	if u.b.Members == nil {
		return newPlaceholder(kit.MembersIcon(), lang.L("Members"), lang.L(membersNotBuilt)), nil
	}
	var greetings members.Greetings // the templates of Settings, when it has them
	if u.b.Settings.Prefs != nil {
		greetings = u.b.Settings.Prefs
	}
	l := newLazy(func() kit.Screen {
		return members.New(u.Env, members.Backend{Members: u.b.Members, Writer: u.b.Writer, Greetings: greetings}, u.openItem)
	})
	return l, func() *members.Screen { return l.screen().(*members.Screen) }
}

// openItem shows an item in the inbox, whichever screen asked.
func (u *UI) openItem(itemID int64) {
	u.nav.show(u.inbox)
	u.inbox.OpenItem(itemID)
}

// accountsChanged tells every screen and the status bar that accounts came
// or went, as the engine's event would.
func (u *UI) accountsChanged() {
	c := kit.NewChanges()
	c.Kinds[core.EventAccount] = true
	u.applyChanges(c)
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.Win }

// Show starts listening for changes, loads the first data and shows the
// window.
func (u *UI) Show() {
	u.setupTray()
	u.start()
	u.Win.Show()
}

// start subscribes to change events and loads the first data.
func (u *UI) start() {
	u.listen()
	for _, s := range u.nav.screens {
		s.screen.Start()
	}
	u.status.refresh()
	u.status.startClock()
	u.startNotifications()
	u.first.check()
}

// close stops background work, then lets each screen save what is being
// written.
func (u *UI) close() {
	u.saveSize()
	u.cancel()
	if u.flushTimer != nil {
		u.flushTimer.Stop()
	}
	if u.unsubscribe != nil {
		u.unsubscribe()
	}
	for _, s := range u.nav.screens {
		s.screen.Close()
	}
}
