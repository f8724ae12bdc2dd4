package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// The screens behind the inbox are built the first time they come to the
// front, not while the inbox's first page paints: before that nothing of
// theirs is in the window, and events that arrive meanwhile are not lost
// (a screen reads what it shows when built). Once shown each one works.
func TestScreensAreBuiltWhenFirstShown(t *testing.T) {
	s := newShell(t, withEverything)
	for _, e := range s.u.nav.screens[1:] {
		if objs := test.LaidOutObjects(e.screen.Content()); len(objs) > 1 {
			t.Errorf("%s: %d objects in the window before it was ever shown", e.title, len(objs))
		}
	}
	// A new author arrives while the member files are not built.
	_, ids := s.ws.AddIdentities(t, s.accts[0].ID, core.Identity{Kind: core.IdentityEmail, Address: "ann@example.org", Name: "Ann Lee"})
	s.ws.RefreshMembers(t)
	s.ws.Engine.Publish(core.Event{Kind: core.EventItems, AccountID: s.accts[0].ID})
	s.Settle()

	s.show(t, "Members")
	members := s.u.nav.stack.Objects[s.u.nav.front]
	s.WaitFor("the member files listing Ann", func() bool { return slices.Contains(uitest.LabelsIn(members), "Ann Lee") })
	for _, e := range s.u.nav.screens[1:] {
		s.show(t, e.title)
		s.WaitFor(e.title+" drawn", func() bool { return len(uitest.LabelsIn(e.screen.Content())) > 0 })
		if s.showing() != e.title {
			t.Errorf("showing %s after choosing %s", s.showing(), e.title)
		}
	}

	// From a conversation, the author's name opens the member's file
	// (here on a member files screen already built, and below on one
	// that is not).
	s.show(t, "Inbox")
	s.u.inbox.OpenMember(ids[0])
	s.WaitFor("Ann's file", func() bool {
		return s.showing() == "Members" && slices.ContainsFunc(uitest.LabelsIn(members), func(l string) bool { return strings.Contains(l, "ann@example.org") })
	})
}

// An author's name in a conversation opens the member's file even when the
// member files were never shown: they are built then, at that member.
func TestAuthorOpensMemberFilesNeverShown(t *testing.T) {
	s := newShell(t, withMembers)
	_, ids := s.ws.AddIdentities(t, s.accts[0].ID, core.Identity{Kind: core.IdentityEmail, Address: "ann@example.org", Name: "Ann Lee"})
	s.u.inbox.OpenMember(ids[0])
	s.WaitFor("Ann's file", func() bool {
		return s.showing() == "Members" && slices.ContainsFunc(uitest.LabelsIn(s.u.nav.stack), func(l string) bool { return strings.Contains(l, "ann@example.org") })
	})
}

// The shell hears once that the inbox's first page is in the list, not
// at each reload: the application holds its background work until then.
func TestFirstPageIsToldOnce(t *testing.T) {
	told := 0
	s := newShell(t, func(b *Backend, _ *coretest.Workspace) { b.FirstPage = func() { told++ } })
	if told != 1 {
		t.Fatalf("told %d times once the first page was in the list, want 1", told)
	}
	s.ws.AddItems(t, s.accts[0].ID, core.Item{Kind: core.ItemEmail, Subject: "Just arrived", Text: "Hello",
		Author: core.Person{Name: "Nouvelle", Address: "n@example.org"}, State: core.StateNew, CreatedAt: uitest.Now})
	s.ws.Engine.Publish(core.Event{Kind: core.EventItems, AccountID: s.accts[0].ID})
	s.WaitFor("the new item in the list", func() bool { return slices.Contains(uitest.LabelsIn(s.u.inbox.Content()), "Just arrived") })
	if told != 1 {
		t.Errorf("told %d times after a reload, want 1", told)
	}
}
