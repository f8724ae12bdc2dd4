package accounts

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	coreaccounts "github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/ui/kit"
)

// Screen lists the connected accounts with their sync status and
// holds the form that adds an e-mail account.
type Screen struct {
	u       *env
	rows    *fyne.Container
	note    *widget.Label
	banner  *kit.Banner
	form    *accountForm
	vk, x   *channelForm
	feed    *channelForm
	add     *widget.Button
	adds    *fyne.Container // the Add buttons, hidden while a form is open
	reload  *kit.Refresher
	scroll  *container.Scroll
	content fyne.CanvasObject
}

// New builds the accounts screen; changed is called after an account was
// added or removed.
func New(e *kit.Env, b Backend, changed func()) *Screen {
	u := &env{Env: e, b: b, changed: changed}
	s := &Screen{u: u, rows: container.NewVBox(), banner: kit.NewBanner(), note: widget.NewLabel("")}
	s.reload = kit.NewRefresher(s.load)
	s.note.Importance = widget.SuccessImportance
	s.note.Wrapping = fyne.TextWrapWord
	s.note.Hide()
	s.form = newAccountForm(u, s.added, s.edited, s.formClosed)
	s.add = widget.NewButtonWithIcon(lang.L("Add e-mail account"), theme.ContentAddIcon(), s.openForm)
	s.vk = newVKForm(u, u.b.Accounts, s.added, s.edited, s.formClosed)
	s.x = newXForm(u, u.b.Accounts, s.added, s.edited, s.formClosed)
	s.feed = newFeedForm(u, u.b.Accounts, s.added, s.edited, s.formClosed)
	// The four buttons take two lines rather than widen the window in a
	// language with long words.
	s.adds = kit.NewWrapRow(s.add,
		widget.NewButtonWithIcon(lang.L("Add VK community"), kit.VKIcon, func() { s.openChannel(s.vk) }),
		widget.NewButtonWithIcon(lang.L("Add X account"), kit.XIcon, func() { s.openChannel(s.x) }),
		widget.NewButtonWithIcon(lang.L("Watch a feed"), kit.FeedIcon, func() { s.openChannel(s.feed) }))
	s.content = s.layout()
	return s
}

func (s *Screen) layout() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("Accounts"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	page := container.NewVBox(title, s.banner.Content, s.note, s.rows, s.adds, s.form.content)
	for _, f := range []*channelForm{s.vk, s.x, s.feed} {
		if f != nil {
			page.Add(f.content)
		}
	}
	s.scroll = container.NewVScroll(container.New(kit.MaxWidth{Width: 820}, container.NewPadded(page)))
	return s.scroll
}

// Shown reloads when the screen comes to the front.
func (s *Screen) Shown() { s.reload.Request() }

// Content is the screen's widget tree.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Start does nothing: the list loads when the screen is first shown.
func (s *Screen) Start() {}

// Changed re-reads the list when an account's status changed or accounts
// came or went.
func (s *Screen) Changed(c kit.Changes) {
	if c.Has(core.EventStatus, core.EventAccount) {
		s.reload.Request()
	}
}

// Close has nothing to save: a half-filled form is not kept.
func (s *Screen) Close() {}

func (s *Screen) load(done func()) {
	kit.Background(s.u.Env, "list accounts", func(ctx context.Context) ([]core.Account, error) {
		return s.u.b.Accounts.List(ctx)
	}, func(accts []core.Account, err error) {
		defer done()
		if err != nil {
			s.banner.Show(lang.L("Could not list the accounts: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		s.render(accts)
	})
}

func (s *Screen) render(accts []core.Account) {
	s.rows.RemoveAll()
	if len(accts) == 0 {
		s.rows.Add(kit.NewMutedWrapped(lang.L("No accounts yet. Add an e-mail account below, or run hearth --demo to try Hearth with a demo workspace."), fyne.TextAlignLeading))
	}
	for _, a := range accts {
		s.rows.Add(s.row(a))
	}
	s.rows.Refresh()
}

// row is one account: kind, name, status line, and its buttons.
func (s *Screen) row(a core.Account) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(a.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	kind := kit.NewMuted(kindName(a.Kind))
	status := widget.NewLabel(statusLine(a.Status, s.u.Now()))
	status.Wrapping = fyne.TextWrapWord
	if a.Status.State == core.SyncError {
		status.Importance = widget.DangerImportance
	}
	sync := widget.NewButtonWithIcon(lang.L("Sync now"), theme.ViewRefreshIcon(), func() { s.syncNow(a) })
	edit := widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() { s.openEdit(a) })
	remove := widget.NewButtonWithIcon(lang.L("Remove"), theme.DeleteIcon(), func() { s.confirmRemove(a) })
	text := container.New(kit.TightRows{}, container.NewBorder(nil, nil, nil, kind, name), status)
	if line := watchLine(a); line != "" {
		text.Add(kit.NewMutedWrapped(line, fyne.TextAlignLeading)) // a long address wraps, never widening the window
	}
	icon := container.NewVBox(container.NewPadded(widget.NewIcon(kit.AccountIcon(a.Kind))))
	card := container.NewBorder(nil, nil, icon, container.NewVBox(container.NewHBox(sync, edit, remove)), text)
	return container.NewVBox(card, widget.NewSeparator())
}

func kindName(k core.AccountKind) string {
	switch k {
	case core.KindIMAP:
		return lang.L("E-mail (IMAP)")
	case core.KindVK:
		return lang.L("VK community")
	case core.KindX:
		return lang.L("X account")
	case core.KindFeed:
		return lang.L("Feed")
	default:
		return string(k)
	}
}

// statusLine is the account's status as a sentence.
func statusLine(st core.AccountStatus, now time.Time) string {
	// core's Line is the CLI's English; the window says the same in the
	// language in use, with the error's own words as the channel gave them.
	// IDs, not the English, key the lines: the watches screen says the same
	// English of a feed, in lower case where it ends a sentence.
	var line string
	switch st.State {
	case core.SyncRunning:
		line = lang.X("accounts.status.syncing", "Syncing")
		if st.Total > 0 {
			line = lang.X("accounts.status.progress", "Syncing {{.Done}}/{{.Total}}", map[string]any{"Done": st.Done, "Total": st.Total})
		}
	case core.SyncOK:
		line = lang.X("accounts.status.ok", "OK, synced {{.Ago}}", map[string]any{"Ago": kit.Ago(now, st.LastSync)})
		if st.Message != "" {
			// The audience (followers, members) was not read: the
			// channel's words, and the count kept.
			line = lang.L("OK, synced {{.Ago}}; the audience count was not updated ({{.Message}}), the last one is kept",
				map[string]any{"Ago": kit.Ago(now, st.LastSync), "Message": kit.StoredText(st.Message)})
		}
	case core.SyncError:
		msg := kit.StoredText(st.Message)
		line = lang.L("Error: {{.Message}}", map[string]any{"Message": msg})
		if st.Action != "" {
			line = lang.L("Error: {{.Message}} ({{.Action}})", map[string]any{"Message": msg, "Action": kit.StoredText(st.Action)})
		}
	default:
		line = lang.X("accounts.status.never", "Not synced yet")
	}
	return kit.Sentence(line)
}

func (s *Screen) syncNow(a core.Account) {
	kit.BackgroundErr(s.u.Env, "sync now", func(ctx context.Context) error {
		return s.u.b.Accounts.SyncNow(ctx, a.ID)
	}, func(err error) {
		if err != nil {
			s.banner.Show(lang.L("Could not start a sync of {{.Name}}: {{.Error}}", map[string]any{"Name": a.Name, "Error": kit.ErrorText(err)}))
			return
		}
		s.reload.Request()
	})
}

func (s *Screen) confirmRemove(a core.Account) {
	msg := lang.L("Remove {{.Name}}? Its messages and drafts are removed from Hearth.\nNothing is deleted on the server.", map[string]any{"Name": a.Name})
	d := dialog.NewConfirm(lang.L("Remove account"), msg, func(ok bool) {
		if ok {
			s.remove(a)
		}
	}, s.u.Win)
	d.SetConfirmText(lang.L("Remove"))
	d.SetDismissText(lang.L("Cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (s *Screen) remove(a core.Account) {
	kit.BackgroundErr(s.u.Env, "remove account", func(ctx context.Context) error {
		return s.u.b.Accounts.Remove(ctx, a.ID)
	}, func(err error) {
		if err != nil {
			s.banner.Show(lang.L("Could not remove {{.Name}}: {{.Error}}", map[string]any{"Name": a.Name, "Error": kit.ErrorText(err)}))
			return
		}
		s.showNote(lang.L("Removed {{.Name}}.", map[string]any{"Name": a.Name}))
		s.afterChange()
	})
}

func (s *Screen) openForm() {
	s.note.Hide()
	s.form.open()
	s.adds.Hide()
	s.toForm()
}

func (s *Screen) openChannel(f *channelForm) {
	s.note.Hide()
	f.open()
	s.adds.Hide()
	s.toForm()
}

// toForm scrolls the form that opened below the list into view, its
// buttons and their messages included, in a 1024x700 window too.
func (s *Screen) toForm() {
	s.scroll.Refresh()
	s.scroll.ScrollToBottom()
}

func (s *Screen) formClosed() { s.adds.Show() }

// openEdit opens the form of the account's kind on it, closing any other.
func (s *Screen) openEdit(a core.Account) {
	s.note.Hide()
	s.hideForms()
	switch a.Kind {
	case core.KindIMAP:
		s.form.openEdit(a)
	case core.KindVK:
		s.vk.openEdit(a)
	case core.KindX:
		s.x.openEdit(a)
	case core.KindFeed:
		s.feed.openEdit(a)
	default:
		s.banner.Show(lang.L("This version of Hearth cannot edit accounts of this kind ({{.Kind}}).", map[string]any{"Kind": kindName(a.Kind)}))
		return
	}
	s.adds.Hide()
	// The form opens below the list: bring its buttons into view.
	s.scroll.Refresh()
	s.scroll.ScrollToBottom()
}

// hideForms puts away whatever form is open, unsaved.
func (s *Screen) hideForms() {
	s.form.reset()
	s.form.content.Hide()
	for _, f := range []*channelForm{s.vk, s.x, s.feed} {
		f.reset()
		f.content.Hide()
	}
}

// edited runs after a form saved an edit.
func (s *Screen) edited(ed coreaccounts.Edited) {
	note := lang.L("Saved {{.Name}}. Its sync restarted with the new settings.", map[string]any{"Name": ed.Name})
	if ed.Resync != "" {
		note += " " + ed.Resync
	}
	s.showNote(note)
	s.adds.Show()
	s.afterChange()
}

// added runs after a form saved an account.
func (s *Screen) added(a core.Account) {
	s.showNote(lang.L("Added {{.Name}}. The first sync has started; its progress shows at the bottom of the window.", map[string]any{"Name": a.Name}))
	s.adds.Show()
	s.afterChange()
}

func (s *Screen) showNote(text string) {
	s.note.SetText(text)
	s.note.Show()
}

// afterChange refreshes everything that lists accounts.
func (s *Screen) afterChange() {
	s.reload.Request()
	s.u.changed()
}

// Add opens the form that adds an account of a kind (the welcome page's
// buttons), brought into view.
func (s *Screen) Add(k core.AccountKind) {
	s.hideForms()
	switch k {
	case core.KindVK:
		s.openChannel(s.vk)
	case core.KindX:
		s.openChannel(s.x)
	case core.KindFeed:
		s.openChannel(s.feed)
	default:
		s.openForm()
	}
}
