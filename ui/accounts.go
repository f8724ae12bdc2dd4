package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

const noAccounts = "No accounts yet. Add an e-mail account below, or run hearth --demo to try Hearth with a demo workspace."

// accountsScreen lists the connected accounts with their sync status and
// holds the form that adds an e-mail account.
type accountsScreen struct {
	u       *UI
	rows    *fyne.Container
	note    *widget.Label
	banner  *kit.Banner
	form    *accountForm
	vk, x   *channelForm // nil when the backend cannot add them
	add     *widget.Button
	adds    *fyne.Container // the Add buttons, hidden while a form is open
	reload  *kit.Refresher
	content fyne.CanvasObject
}

func newAccountsScreen(u *UI) *accountsScreen {
	s := &accountsScreen{u: u, rows: container.NewVBox(), banner: kit.NewBanner(), note: widget.NewLabel("")}
	s.reload = kit.NewRefresher(s.load)
	s.note.Importance = widget.SuccessImportance
	s.note.Wrapping = fyne.TextWrapWord
	s.note.Hide()
	s.form = newAccountForm(u, s.added, s.formClosed)
	s.add = widget.NewButtonWithIcon("Add e-mail account", theme.ContentAddIcon(), s.openForm)
	s.adds = container.NewHBox(s.add)
	if vk, ok := u.b.Accounts.(VKAccounts); ok {
		s.vk = newVKForm(u, vk, s.added, s.formClosed)
		s.adds.Add(widget.NewButtonWithIcon("Add VK community", kit.VKIcon, func() { s.openChannel(s.vk) }))
	}
	if x, ok := u.b.Accounts.(XAccounts); ok {
		s.x = newXForm(u, x, s.added, s.formClosed)
		s.adds.Add(widget.NewButtonWithIcon("Add X account", kit.XIcon, func() { s.openChannel(s.x) }))
	}
	s.content = s.layout()
	return s
}

func (s *accountsScreen) layout() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Accounts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	page := container.NewVBox(title, s.banner.Content, s.note, s.rows, s.adds, s.form.content)
	for _, f := range []*channelForm{s.vk, s.x} {
		if f != nil {
			page.Add(f.content)
		}
	}
	return container.NewVScroll(container.New(kit.MaxWidth{Width: 820}, container.NewPadded(page)))
}

// shown reloads when the screen comes to the front.
func (s *accountsScreen) shown() { s.reload.Request() }

func (s *accountsScreen) load(done func()) {
	kit.Background(s.u.Env, "list accounts", func(ctx context.Context) ([]core.Account, error) {
		return s.u.b.Accounts.List(ctx)
	}, func(accts []core.Account, err error) {
		defer done()
		if err != nil {
			s.banner.Show("Could not list the accounts: " + kit.ErrorText(err))
			return
		}
		s.render(accts)
	})
}

func (s *accountsScreen) render(accts []core.Account) {
	s.rows.RemoveAll()
	if len(accts) == 0 {
		s.rows.Add(kit.NewMutedWrapped(noAccounts, fyne.TextAlignLeading))
	}
	for _, a := range accts {
		s.rows.Add(s.row(a))
	}
	s.rows.Refresh()
}

// row is one account: kind, name, status line, and its buttons.
func (s *accountsScreen) row(a core.Account) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(a.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	kind := kit.NewMuted(kindName(a.Kind))
	status := widget.NewLabel(statusLine(a.Status, s.u.Now()))
	status.Wrapping = fyne.TextWrapWord
	if a.Status.State == core.SyncError {
		status.Importance = widget.DangerImportance
	}
	sync := widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), func() { s.syncNow(a) })
	remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { s.confirmRemove(a) })
	text := container.New(kit.TightRows{}, container.NewBorder(nil, nil, nil, kind, name), status)
	icon := container.NewVBox(container.NewPadded(widget.NewIcon(kit.AccountIcon(a.Kind))))
	card := container.NewBorder(nil, nil, icon, container.NewVBox(container.NewHBox(sync, remove)), text)
	return container.NewVBox(card, widget.NewSeparator())
}

func kindName(k core.AccountKind) string {
	switch k {
	case core.KindIMAP:
		return "E-mail (IMAP)"
	case core.KindVK:
		return "VK community"
	case core.KindX:
		return "X account"
	case core.KindFeed:
		return "Feed"
	default:
		return string(k)
	}
}

// statusLine is the account's status as a sentence.
func statusLine(st core.AccountStatus, now time.Time) string {
	line := st.Line(now)
	if st.State == core.SyncOK {
		line = strings.Replace(line, "ok", "OK", 1)
	}
	return kit.Sentence(kit.Capitalize(line))
}

func (s *accountsScreen) syncNow(a core.Account) {
	kit.BackgroundErr(s.u.Env, "sync now", func(ctx context.Context) error {
		return s.u.b.Accounts.SyncNow(ctx, a.ID)
	}, func(err error) {
		if err != nil {
			s.banner.Show(fmt.Sprintf("Could not start a sync of %s: %s", a.Name, kit.ErrorText(err)))
			return
		}
		s.reload.Request()
	})
}

func (s *accountsScreen) confirmRemove(a core.Account) {
	msg := fmt.Sprintf("Remove %s? Its messages and drafts are removed from Hearth.\nNothing is deleted on the server.", a.Name)
	d := dialog.NewConfirm("Remove account", msg, func(ok bool) {
		if ok {
			s.remove(a)
		}
	}, s.u.Win)
	d.SetConfirmText("Remove")
	d.SetDismissText("Cancel")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (s *accountsScreen) remove(a core.Account) {
	kit.BackgroundErr(s.u.Env, "remove account", func(ctx context.Context) error {
		return s.u.b.Accounts.Remove(ctx, a.ID)
	}, func(err error) {
		if err != nil {
			s.banner.Show(fmt.Sprintf("Could not remove %s: %s", a.Name, kit.ErrorText(err)))
			return
		}
		s.showNote("Removed " + a.Name + ".")
		s.afterChange()
	})
}

func (s *accountsScreen) openForm() {
	s.note.Hide()
	s.form.open()
	s.adds.Hide()
}

func (s *accountsScreen) openChannel(f *channelForm) {
	s.note.Hide()
	f.open()
	s.adds.Hide()
}

func (s *accountsScreen) formClosed() { s.adds.Show() }

// added runs after a form saved an account.
func (s *accountsScreen) added(a core.Account) {
	s.showNote("Added " + a.Name + ". The first sync has started; its progress shows at the bottom of the window.")
	s.adds.Show()
	s.afterChange()
}

func (s *accountsScreen) showNote(text string) {
	s.note.SetText(text)
	s.note.Show()
}

// afterChange refreshes everything that lists accounts.
func (s *accountsScreen) afterChange() {
	s.reload.Request()
	s.u.inbox.filters.loadAccounts()
	s.u.status.refresh()
}
