package members

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// The member-file goldens were reviewed by eye (as PNG) before they were
// accepted, in the test theme and in the dark theme.

func TestMembersTableGolden(t *testing.T) {
	h := newMembersHarness(t)
	h.Settle()
	h.Relayout()
	test.AssertRendersToMarkup(t, "members_table.xml", h.Canvas())
	test.AssertRendersToImage(t, "members_table.png", h.Canvas())
}

func TestDossierGolden(t *testing.T) {
	h := newMembersHarness(t)
	openClaire(t, h)
	h.Settle()
	h.Relayout()
	test.AssertRendersToMarkup(t, "dossier_rich.xml", h.Canvas())
	test.AssertRendersToImage(t, "dossier_rich.png", h.Canvas())
}

func TestMembersDarkGoldens(t *testing.T) {
	h := newMembersHarness(t)
	test.ApplyTheme(t, theme.DarkTheme())
	h.Settle()
	h.Relayout()
	test.AssertRendersToImage(t, "members_table_dark.png", h.Canvas())
	openClaire(t, h)
	h.Settle()
	h.Relayout()
	test.AssertRendersToImage(t, "dossier_rich_dark.png", h.Canvas())
}

func TestMembersFitSmallestWindow(t *testing.T) {
	h := newMembersHarness(t)
	s := membersOf(h)
	check := func(what string) {
		t.Helper()
		h.Settle()
		if m := h.s.Content().MinSize(); m.Width > uitest.SmallestScreen.Width || m.Height > uitest.SmallestScreen.Height {
			t.Errorf("%s needs %v, more than a screen gets in the smallest supported window, %v", what, m, uitest.SmallestScreen)
		}
	}
	check("the members table")
	for _, it := range s.tabs.Items[1:] {
		s.tabs.Select(it)
		check(it.Text)
	}
	s.tabs.SelectIndex(0)
	openClaire(t, h)
	test.Tap(uitest.Button(t, s.dossier.content, "Edit profile"))
	check("the dossier")
}
