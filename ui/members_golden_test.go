package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// The member-file goldens were reviewed by eye (as PNG) before they were
// accepted, in the test theme and in the dark theme.

func TestMembersTableGolden(t *testing.T) {
	h := newMembersHarness(t, newFakeMembers())
	h.settle()
	h.relayout()
	test.AssertRendersToMarkup(t, "members_table.xml", h.canvas())
	test.AssertRendersToImage(t, "members_table.png", h.canvas())
}

func TestDossierGolden(t *testing.T) {
	h := newMembersHarness(t, newFakeMembers())
	openClaire(t, h)
	h.settle()
	h.relayout()
	test.AssertRendersToMarkup(t, "dossier_rich.xml", h.canvas())
	test.AssertRendersToImage(t, "dossier_rich.png", h.canvas())
}

func TestMembersDarkGoldens(t *testing.T) {
	h := newMembersHarness(t, newFakeMembers())
	test.ApplyTheme(t, theme.DarkTheme())
	h.settle()
	h.relayout()
	test.AssertRendersToImage(t, "members_table_dark.png", h.canvas())
	openClaire(t, h)
	h.settle()
	h.relayout()
	test.AssertRendersToImage(t, "dossier_rich_dark.png", h.canvas())
}

func TestMembersFitSmallestWindow(t *testing.T) {
	h := newMembersHarness(t, newFakeMembers())
	s := membersOf(h)
	check := func(what string) {
		t.Helper()
		h.settle()
		if m := h.ui.Win.Content().MinSize(); m.Width > minimumSize.Width || m.Height > minimumSize.Height {
			t.Errorf("%s needs %v, more than the smallest supported window %v", what, m, minimumSize)
		}
	}
	check("the members table")
	for _, it := range s.tabs.Items[1:] {
		s.tabs.Select(it)
		check(it.Text)
	}
	s.tabs.SelectIndex(0)
	openClaire(t, h)
	test.Tap(button(t, s.dossier.content, "Edit profile"))
	check("the dossier")
}
