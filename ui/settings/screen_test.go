package settings

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core/settings"
)

func TestSettingsGolden(t *testing.T) {
	h := newHarness(t)
	h.Relayout()
	test.AssertRendersToImage(t, "settings.png", h.Canvas())
}

// The theme applies at once and is kept for the next start.
func TestThemeAppliesAndPersists(t *testing.T) {
	h := newHarness(t)
	h.s.appearance.theme.SetSelected("Dark")
	h.WaitFor("the theme saved", func() bool {
		th, _ := h.prefs.Theme(h.ctx())
		return th == settings.ThemeDark
	})
	if len(h.themes) != 1 || h.themes[0] != settings.ThemeDark {
		t.Errorf("ApplyTheme was asked %v; want dark once", h.themes)
	}
}

// The language is stored and the screen says when it applies.
func TestLanguageIsSavedForTheNextStart(t *testing.T) {
	h := newHarness(t)
	h.s.appearance.language.SetSelected("Русский")
	h.WaitFor("the language saved", func() bool {
		l, _ := h.prefs.Language(h.ctx())
		return l == "ru"
	})
	h.Settle()
	if got := h.s.appearance.langNote.Text; got != "Saved. The new language applies at the next start of Hearth." {
		t.Errorf("the note under the language says %q", got)
	}
}

// The sections of other parts of the window come after the built-in ones
// and can be brought to the front by title.
func TestAddSection(t *testing.T) {
	h := newHarness(t)
	started := false
	h.s.AddSection(Section{Title: "Notifications", Content: widget.NewLabel("Desktop notifications"), Start: func() { started = true }})
	if !started {
		t.Error("a section added after Start was not started")
	}
	if !h.s.Show("Notifications") || !h.s.body.Objects[len(h.s.body.Objects)-1].Visible() {
		t.Error("the added section could not be shown")
	}
	if h.s.Show("Nothing") {
		t.Error("Show found a section that does not exist")
	}
}
