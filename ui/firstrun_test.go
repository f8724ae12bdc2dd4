package ui

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// newEmptyShell is the window over a workspace with nothing in it.
func newEmptyShell(t *testing.T) *shell {
	t.Helper()
	now := func() time.Time { return uitest.Now }
	ws := coretest.Open(t, now)
	s := &shell{ws: ws}
	b := Backend{Inbox: ws.Inbox, Accounts: ws.Accounts, Events: ws.Engine, Now: now, Members: ws.Members}
	q := &uitest.Queue{}
	s.u = newUI(test.NewTempApp(t), b, q.Do)
	s.Window = uitest.Attach(t, q, s.u.Env)
	s.u.start()
	s.u.Win.Show()
	return s
}

func TestEmptyWorkspaceWelcomes(t *testing.T) {
	s := newEmptyShell(t)
	page := s.u.first.page.Content()
	s.WaitFor("the welcome page", page.Visible)
	if s.u.nav.stack.Visible() {
		t.Fatal("the screens show behind the welcome page")
	}
	test.Tap(uitest.Button(t, page, "Add a VK community"))
	s.Settle()
	if page.Visible() || s.showing() != "Accounts" {
		t.Fatalf("after Add a VK community: welcome shown %v, %s in front", page.Visible(), s.showing())
	}
	if !slices.Contains(uitest.LabelsIn(s.u.Win.Content()), "Add a VK community") {
		t.Errorf("the VK form is not open")
	}
}

func TestWorkspaceWithAnAccountDoesNotWelcome(t *testing.T) {
	s := newShell(t)
	s.Settle()
	if s.u.first.page.Content().Visible() {
		t.Errorf("a workspace with %d accounts shows the welcome page", len(s.accts))
	}
}

func TestWelcomeLeadsToTheMemberImport(t *testing.T) {
	s := newEmptyShell(t)
	page := s.u.first.page.Content()
	s.WaitFor("the welcome page", page.Visible)
	test.Tap(uitest.Button(t, page, "Import members"))
	s.Settle()
	if s.showing() != "Members" || !s.u.nav.stack.Visible() {
		t.Fatalf("%s in front", s.showing())
	}
}
