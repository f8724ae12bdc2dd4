package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/accounts"
	"github.com/hearthhq/hearth/ui/kit"
	"github.com/hearthhq/hearth/ui/members"
	"github.com/hearthhq/hearth/ui/welcome"
)

// firstRun is the welcome page a workspace with no account and no item
// shows in front of the screens, until the person picks a way to begin.
type firstRun struct {
	u    *UI
	page *welcome.Screen
}

// newFirstRun builds the welcome page over the screens it leads to: the
// accounts and the member files, entries of the navigation and the
// functions that build them (memberFiles nil: the placeholder).
func newFirstRun(u *UI, accts kit.Screen, acctScreen func() *accounts.Screen, files kit.Screen, memberFiles func() *members.Screen) *firstRun {
	f := &firstRun{u: u}
	add := func(k core.AccountKind) func() {
		return func() {
			f.hide()
			u.nav.show(accts)
			acctScreen().Add(k)
		}
	}
	a := welcome.Actions{TryDemo: u.b.TryDemo, AddMail: add(core.KindIMAP), AddVK: add(core.KindVK), AddX: add(core.KindX), Later: f.hide}
	if memberFiles != nil {
		a.ImportMembers = func() {
			f.hide()
			u.nav.show(files)
			memberFiles().ShowImport()
		}
	}
	f.page = welcome.New(u.Env, a)
	f.page.Content().Hide()
	return f
}

// check shows the page when the workspace has no account and no item.
func (f *firstRun) check() {
	kit.Background(f.u.Env, "check for a new workspace", func(ctx context.Context) (bool, error) {
		accts, err := f.u.b.Accounts.List(ctx)
		if err != nil || len(accts) > 0 {
			return false, err
		}
		n, err := f.u.b.Inbox.UnreadCounts(ctx)
		return len(n) == 0, err
	}, func(empty bool, err error) {
		if err == nil && empty {
			f.show()
		}
	})
}

func (f *firstRun) show() {
	f.page.Content().Show()
	f.u.nav.stack.Hide()
}

// hide puts the page away and shows the screen the navigation has.
func (f *firstRun) hide() {
	if !f.page.Content().Visible() {
		return
	}
	f.page.Content().Hide()
	f.u.nav.stack.Show()
}

// content is the area right of the navigation: the screens, and the page
// over them.
func (f *firstRun) content() fyne.CanvasObject {
	return container.NewStack(f.u.nav.stack, f.page.Content())
}
