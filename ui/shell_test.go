package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

func TestMain(m *testing.M) {
	// Relative times are computed in local time: pin it.
	time.Local = time.UTC
	os.Exit(m.Run())
}

// shell is the whole window on the real core services over a temporary
// workspace: three accounts and a few messages.
type shell struct {
	*uitest.Window
	ws    *coretest.Workspace
	u     *UI
	accts []core.Account
	items []core.Item
}

type shellOption func(*Backend, *coretest.Workspace)

// withMembers gives the window member files.
func withMembers(b *Backend, ws *coretest.Workspace) { b.Members = ws.Members }

// withCalendar gives the window its calendar.
func withCalendar(b *Backend, ws *coretest.Workspace) { b.Calendar = ws.Calendar }

func newShell(t *testing.T, opts ...shellOption) *shell {
	t.Helper()
	now := func() time.Time { return uitest.Now }
	ws := coretest.Open(t, now)
	s := &shell{ws: ws}
	s.accts = []core.Account{
		ws.AddAccount(t, core.Account{Kind: core.KindIMAP, Name: "work@example.com",
			Status: core.AccountStatus{State: core.SyncOK, LastSync: uitest.Now.Add(-2 * time.Minute)}}),
		ws.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Hearth VK",
			Status: core.AccountStatus{State: core.SyncRunning, Done: 120, Total: 400, LastSync: uitest.Now.Add(-time.Hour)}}),
		ws.AddAccount(t, core.Account{Kind: core.KindX, Name: "@hearth_game",
			Status: core.AccountStatus{State: core.SyncError, Message: "the token was revoked", Action: "paste a new token"}}),
	}
	s.items = ws.AddItems(t, s.accts[0].ID,
		core.Item{Kind: core.ItemEmail, Subject: "Rencontre samedi ?", Text: "Bonjour, la rencontre de samedi est-elle maintenue ?",
			Author: core.Person{Name: "Claire Martin", Address: "claire@example.fr"}, State: core.StateNew, CreatedAt: uitest.Now.Add(-12 * time.Minute)},
		core.Item{Kind: core.ItemEmail, Subject: "Вопрос о модах", Text: "Здравствуйте! Когда выйдет редактор карт?",
			Author: core.Person{Name: "Дмитрий", Address: "dmitri@example.ru"}, State: core.StateNew, CreatedAt: uitest.Now.Add(-time.Hour)},
	)
	b := Backend{Inbox: ws.Inbox, Accounts: ws.Accounts, Events: ws.Engine, Now: now}
	for _, o := range opts {
		o(&b, ws)
	}
	q := &uitest.Queue{}
	s.u = newUI(test.NewTempApp(t), b, q.Do)
	s.Window = uitest.Attach(t, q, s.u.Env)
	s.u.start()
	s.u.Win.Show()
	s.WaitFor("the inbox", func() bool { return slices.Contains(uitest.LabelsIn(s.u.inbox.Content()), "Rencontre samedi ?") })
	return s
}

// showing is the title of the screen in front.
func (s *shell) showing() string { return s.u.nav.screens[s.u.nav.front].title }

// show brings a screen to the front by its title, as a tap on the
// navigation does.
func (s *shell) show(t *testing.T, title string) {
	t.Helper()
	for i, e := range s.u.nav.screens {
		if e.title == title {
			s.u.nav.list.Select(i)
			s.Settle()
			return
		}
	}
	t.Fatalf("no %q in the navigation", title)
}

func TestScreensGetTheAreaTheirTestsAssume(t *testing.T) {
	s := newShell(t)
	if got := s.u.nav.stack.Size(); got != uitest.ScreenSize {
		t.Errorf("a screen gets %v in the default window; the screen tests assume %v", got, uitest.ScreenSize)
	}
	s.u.Win.Resize(minimumSize)
	s.Settle()
	if got := s.u.nav.stack.Size(); got != uitest.SmallestScreen {
		t.Errorf("a screen gets %v in the smallest window; the screen tests assume %v", got, uitest.SmallestScreen)
	}
}

func TestWindowFitsSmallestSize(t *testing.T) {
	s := newShell(t, withMembers, withCalendar)
	// The desktop's theme, not the test theme: its fonts and paddings are
	// what a 1024x700 screen must hold.
	s.u.app.Settings().SetTheme(theme.DefaultTheme())
	s.u.Win.Resize(minimumSize)
	for _, e := range s.u.nav.screens {
		s.show(t, e.title)
		s.Settle()
		s.u.Win.Content().Refresh()
		s.Relayout()
		// The canvas pads its content on each side: the window's minimum is
		// the content's and the padding.
		m := s.u.Win.Content().MinSize().AddWidthHeight(2*theme.Padding(), 2*theme.Padding())
		if m.Width > minimumSize.Width || m.Height > minimumSize.Height {
			t.Errorf("%s needs %v, more than the smallest supported window %v", e.title, m, minimumSize)
		}
		for _, cut := range cutTitles(e.screen.Content()) {
			t.Errorf("%s at %v: the title %q is cut", e.title, minimumSize, cut)
		}
	}
}

// cutTitles lists the bold labels (titles, column headers) under o that
// are too narrow for their text.
func cutTitles(o fyne.CanvasObject) []string {
	if !o.Visible() {
		return nil
	}
	var out []string
	switch w := o.(type) {
	case *widget.Label:
		if w.TextStyle.Bold && w.Text != "" {
			size := theme.Size(w.SizeName)
			if w.SizeName == "" {
				size = theme.TextSize()
			}
			need := fyne.MeasureText(w.Text, size, w.TextStyle).Width + 2*theme.InnerPadding()
			if need > w.Size().Width+1 {
				out = append(out, w.Text)
			}
		}
		return out
	case *fyne.Container:
		for _, c := range w.Objects {
			out = append(out, cutTitles(c)...)
		}
		return out
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			out = append(out, cutTitles(c)...)
		}
	}
	return out
}

func TestStatusBar(t *testing.T) {
	s := newShell(t)
	b := s.u.status
	s.WaitFor("the status", func() bool { return b.sync.Text != "" && b.unread.Text != "" })
	if b.sync.Text != "Syncing Hearth VK 120/400" || !b.progress.Visible() || b.progress.Value != 0.3 {
		t.Errorf("sync = %q, progress %v (visible %v)", b.sync.Text, b.progress.Value, b.progress.Visible())
	}
	if b.problem.Text != "@hearth_game: error: the token was revoked (paste a new token)" || b.problem.Importance != widget.DangerImportance {
		t.Errorf("problem = %q", b.problem.Text)
	}
	if b.unread.Text != "2 unread" {
		t.Errorf("unread = %q", b.unread.Text)
	}
	if err := s.ws.Store.SetAccountStatus(t.Context(), s.accts[1].ID, core.AccountStatus{State: core.SyncOK, LastSync: uitest.Now}); err != nil {
		t.Fatal(err)
	}
	s.ws.Engine.Publish(core.Event{Kind: core.EventStatus, AccountID: s.accts[1].ID})
	s.WaitFor("the status event", func() bool { return !b.progress.Visible() })
	if b.sync.Text != "2 of 3 accounts synced 2 min ago" {
		t.Errorf("sync after the event = %q", b.sync.Text)
	}
}

func TestNewItemsReachTheInboxThroughTheOnePump(t *testing.T) {
	s := newShell(t)
	s.ws.AddItems(t, s.accts[0].ID, core.Item{Kind: core.ItemEmail, Subject: "Just arrived", Text: "Hello",
		Author: core.Person{Name: "Nouvelle", Address: "n@example.org"}, State: core.StateNew, CreatedAt: uitest.Now})
	for range 20 {
		s.ws.Engine.Publish(core.Event{Kind: core.EventItems, AccountID: s.accts[0].ID})
	}
	s.WaitFor("the new item in the list", func() bool {
		return slices.Contains(uitest.LabelsIn(s.u.inbox.Content()), "Just arrived")
	})
	s.WaitFor("the unread count", func() bool { return s.u.status.unread.Text == "3 unread" })
}

func TestOpenItemBringsTheInboxToTheFront(t *testing.T) {
	s := newShell(t, withMembers)
	s.show(t, "Members")
	s.u.openItem(s.items[1].ID)
	if s.showing() != "Inbox" {
		t.Fatalf("showing %s, want the inbox", s.showing())
	}
	s.WaitFor("the message in the thread", func() bool {
		return slices.ContainsFunc(uitest.LabelsIn(s.u.inbox.Content()), func(l string) bool {
			return strings.Contains(l, "Когда выйдет редактор карт?")
		})
	})
}

func TestAddedAccountReachesTheInboxFilter(t *testing.T) {
	s := newShell(t)
	if _, err := s.ws.Store.CreateAccount(t.Context(), core.Account{Kind: core.KindIMAP, Name: "Support"}); err != nil {
		t.Fatal(err)
	}
	s.u.accountsChanged()
	s.WaitFor("the account in the filter", func() bool {
		for _, o := range test.LaidOutObjects(s.u.inbox.Content()) {
			if sel, ok := o.(*kit.Select); ok && slices.Contains(sel.Options, "Support") {
				return true
			}
		}
		return false
	})
}

func TestPlaceholdersSayNotBuilt(t *testing.T) {
	tests := []struct{ screen, want string }{
		{"Calendar", calendarNotBuilt},
		{"Members", membersNotBuilt},
		{"Dashboard", dashboardNotBuilt},
	}
	s := newShell(t)
	for _, tt := range tests {
		t.Run(tt.screen, func(t *testing.T) {
			s.show(t, tt.screen)
			shown := s.u.nav.stack.Objects[s.u.nav.front]
			if !shown.Visible() || !slices.Contains(uitest.LabelsIn(shown), tt.want) {
				t.Errorf("%s shows %q", tt.screen, uitest.LabelsIn(shown))
			}
			if !strings.Contains(tt.want, "not built yet") {
				t.Errorf("%q does not say it is not built yet", tt.want)
			}
		})
	}
}

func TestStatusSummary(t *testing.T) {
	ok := func(name string, minsAgo int) core.Account {
		return core.Account{Name: name, Status: core.AccountStatus{State: core.SyncOK, LastSync: uitest.Now.Add(-time.Duration(minsAgo) * time.Minute)}}
	}
	running := func(name string, done, total int) core.Account {
		return core.Account{Name: name, Status: core.AccountStatus{State: core.SyncRunning, Done: done, Total: total}}
	}
	failed := core.Account{Name: "@hearth_game", Status: core.AccountStatus{State: core.SyncError, Message: "the token was revoked", Action: "paste a new token"}}
	tests := []struct {
		name  string
		accts []core.Account
		want  syncSummary
	}{
		{"none", nil, syncSummary{text: "No accounts yet"}},
		{"all ok", []core.Account{ok("a", 2), ok("b", 5)}, syncSummary{text: "All accounts synced 5 min ago"}},
		{"syncing", []core.Account{ok("a", 2), running("work@example.com", 120, 400)},
			syncSummary{text: "Syncing work@example.com 120/400", syncing: true, progress: 0.3}},
		{"two syncing", []core.Account{running("b", 0, 0), running("a", 10, 20)},
			syncSummary{text: "Syncing a 10/20 and 1 more", syncing: true, progress: 0.5}},
		{"error", []core.Account{ok("a", 1), failed},
			syncSummary{text: "1 of 2 accounts synced 1 min ago", problem: "@hearth_game: error: the token was revoked (paste a new token)"}},
		{"first sync", []core.Account{{Name: "new"}}, syncSummary{text: "Waiting for the first sync"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summarize(tt.accts, uitest.Now); got != tt.want {
				t.Errorf("summarize = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// Ctrl+Z goes to the screen in front: in the inbox it takes the last
// triage step back; on a screen with nothing to undo it changes nothing.
func TestCtrlZUndoesOnTheScreenInFront(t *testing.T) {
	s := newShell(t, withMembers)
	s.u.openItem(s.items[0].ID)
	// Open in the window, not only read in the store: e acts on what is shown.
	s.WaitFor("Claire's message open", func() bool {
		return slices.ContainsFunc(uitest.LabelsIn(s.u.inbox.Content()), func(l string) bool {
			return strings.Contains(l, "· 1 message") // the thread's line ("1 messages" until the translations load), not the list's
		})
	})
	s.TypeKeys("e")
	s.WaitFor("done", func() bool { return s.item(t, s.items[0].ID).State == core.StateDone })
	s.show(t, "Members")
	s.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	s.Settle()
	if s.item(t, s.items[0].ID).State != core.StateDone {
		t.Fatal("Ctrl+Z on the member files undid the inbox's step")
	}
	s.show(t, "Inbox")
	s.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	s.WaitFor("the conversation back", func() bool { return s.item(t, s.items[0].ID).State != core.StateDone })
}

// While a dialog is open the keys are the dialog's: a triage key does
// nothing to the conversation behind it, Escape closes the dialog, and
// the keys act again once it is gone.
func TestDialogTakesTheKeysAndEscapeClosesIt(t *testing.T) {
	s := newShell(t)
	s.u.openItem(s.items[0].ID)
	s.WaitFor("Claire's message open", func() bool {
		return slices.ContainsFunc(uitest.LabelsIn(s.u.inbox.Content()), func(l string) bool {
			return strings.Contains(l, "· 1 message")
		})
	})
	dialog.ShowInformation("Picture", "a picture, big", s.u.Win)
	s.TypeKeys("e")
	s.Settle()
	if st := s.item(t, s.items[0].ID).State; st == core.StateDone {
		t.Fatal("e behind an open dialog marked the conversation done")
	}
	s.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	s.PressKey(fyne.KeyEscape)
	if top := s.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("Escape left the dialog open (%T)", top)
	}
	s.TypeKeys("e")
	s.WaitFor("done once the dialog is closed", func() bool { return s.item(t, s.items[0].ID).State == core.StateDone })
}

func (s *shell) item(t *testing.T, id int64) core.Item {
	t.Helper()
	it, err := s.ws.Store.Item(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// Files dropped on the window go to the screen in front: with a message
// open in the inbox they are attached to the reply (a chip with the
// file's name); on a screen that takes no files nothing happens.
func TestDropGoesToTheScreenInFront(t *testing.T) {
	s := newShell(t, withMembers)
	s.u.openItem(s.items[0].ID)
	s.WaitFor("Claire's message open", func() bool {
		return slices.ContainsFunc(uitest.LabelsIn(s.u.inbox.Content()), func(l string) bool {
			return strings.Contains(l, "· 1 message")
		})
	})
	plan := filepath.Join(t.TempDir(), "plan-samedi.pdf")
	if err := os.WriteFile(plan, []byte("%PDF-1.4"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.show(t, "Members")
	s.u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(plan)})
	s.show(t, "Inbox")
	s.Settle()
	has := func() bool { return slices.Contains(uitest.LabelsIn(s.u.inbox.Content()), "plan-samedi.pdf") }
	if has() {
		t.Fatal("a file dropped on the member files reached the inbox's reply")
	}
	s.u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(plan)})
	s.WaitFor("the file attached to the reply", has)
}
