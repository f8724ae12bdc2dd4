// Package ui is Hearth's desktop interface (Fyne). It talks to the
// application core only through the interfaces in backend.go: never to SQL
// or to integrations. Widgets change only on the UI goroutine; backend calls
// run in goroutines and come back through UI.do (see async.go).
package ui

import (
	"context"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"github.com/hearthhq/hearth/ui/kit"
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

	nav      *nav
	inbox    *inboxScreen
	accounts *accountsScreen
	calendar *calendarScreen // nil without a Calendar backend
	status   *statusBar
	keys     *triageKeys

	unsubscribe func()
}

// New builds the window for a backend. Call Show, then a.Run().
func New(a fyne.App, b Backend) *UI {
	return newUI(a, b, fyne.Do)
}

func newUI(a fyne.App, b Backend, do func(func())) *UI {
	if b.Now == nil {
		b.Now = time.Now
	}
	ctx, cancel := context.WithCancel(context.Background())
	u := &UI{app: a, b: b, cancel: cancel}
	u.Env = &kit.Env{Ctx: ctx, Do: do, Log: slog.Default(), Clock: b.Now, Win: a.NewWindow("Hearth")}
	u.build()
	u.Win.Resize(defaultSize)
	u.Win.SetOnClosed(u.close)
	return u
}

func (u *UI) build() {
	u.status = newStatusBar(u)
	u.inbox = newInboxScreen(u)
	u.accounts = newAccountsScreen(u)
	u.nav = newNav(u, []screen{
		{title: "Inbox", icon: kit.InboxIcon(), content: u.inbox.content},
		u.calendarEntry(),
		u.membersEntry(),
		{title: "Dashboard", icon: kit.DashboardIcon(), content: dashboardPlaceholder()},
		{title: "Accounts", icon: kit.AccountsIcon(), content: u.accounts.content, shown: u.accounts.shown},
	})
	u.keys = newTriageKeys(u)
	u.keys.install(u.Win.Canvas())
	u.Win.SetContent(container.NewBorder(nil, u.status.content, u.nav.content, nil, u.nav.stack))
}

// calendarEntry is the calendar screen, or the placeholder until the
// backend has a calendar.
func (u *UI) calendarEntry() screen {
	if u.b.Calendar == nil {
		return screen{title: "Calendar", icon: kit.CalendarIcon(), content: calendarPlaceholder()}
	}
	u.calendar = newCalendarScreen(u, u.b.Calendar)
	return screen{title: "Calendar", icon: kit.CalendarIcon(), content: u.calendar.content, shown: u.calendar.reload.Request}
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.Win }

// Show starts listening for changes, loads the first data and shows the
// window.
func (u *UI) Show() {
	u.start()
	u.Win.Show()
}

// start subscribes to change events and loads the first data.
func (u *UI) start() {
	u.listen()
	u.inbox.filters.loadAccounts()
	u.inbox.reload.Request()
	u.status.refresh()
	u.status.startClock()
	if u.calendar != nil {
		u.calendar.start()
	}
}

// close stops background work, then saves the draft being written.
func (u *UI) close() {
	u.cancel()
	if u.unsubscribe != nil {
		u.unsubscribe()
	}
	u.inbox.composer.saveOnClose()
	if u.calendar != nil {
		u.calendar.editor.saveOnClose()
	}
}
