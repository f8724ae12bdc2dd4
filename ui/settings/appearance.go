package settings

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core/settings"
	"github.com/hearthhq/hearth/ui/kit"
)

// appearance is the language and the theme. The theme applies at once;
// the language at the next start, as the screen says.
type appearance struct {
	s        *Screen
	language *kit.Select
	theme    *widget.RadioGroup
	langNote *widget.Label
	problem  *widget.Label
	loaded   bool
	langs    []string // the language codes, in the order of the choices
	themes   []string
}

// languageNames are the languages in their own words, the way a person
// looks for theirs in a list.
var languageNames = map[string]string{"en": "English", "fr": "Français", "ru": "Русский", "bg": "Български"}

func newAppearance(s *Screen) *appearance {
	a := &appearance{s: s, langs: settings.Languages, themes: settings.Themes}
	var names []string
	for _, l := range a.langs {
		if l == settings.LanguageSystem {
			names = append(names, lang.L("The desktop's language"))
		} else {
			names = append(names, languageNames[l])
		}
	}
	a.language = kit.NewSelect(names, nil)
	a.language.OnChanged = func(string) { a.saveLanguage() }
	themeNames := []string{lang.L("As the desktop"), lang.L("Light"), lang.L("Dark")}
	a.theme = widget.NewRadioGroup(themeNames, nil)
	a.theme.Horizontal = true
	a.theme.Required = true
	a.theme.OnChanged = func(string) { a.saveTheme() }
	a.langNote = widget.NewLabel(lang.L("A new language applies at the next start of Hearth."))
	a.langNote.Wrapping = fyne.TextWrapWord
	a.langNote.Importance = widget.LowImportance
	a.problem = kit.DangerLabel("")
	a.problem.Wrapping = fyne.TextWrapWord
	a.problem.Hide()
	return a
}

func (a *appearance) section() Section {
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Language"), container.NewVBox(a.language, a.langNote)),
		widget.NewFormItem(lang.L("Theme"), a.theme),
	)
	return Section{Title: lang.L("Appearance"), About: lang.L("The language and the colours of the window."),
		Content: container.NewVBox(form, a.problem), Start: a.load}
}

type appearanceValues struct{ lang, theme string }

func (a *appearance) load() {
	kit.Background(a.s.env, "read the language and theme", func(ctx context.Context) (appearanceValues, error) {
		l, err := a.s.b.Prefs.Language(ctx)
		if err != nil {
			return appearanceValues{}, err
		}
		t, err := a.s.b.Prefs.Theme(ctx)
		return appearanceValues{l, t}, err
	}, func(v appearanceValues, err error) {
		if err != nil {
			a.say(lang.L("Could not read the settings: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		a.language.SetSelectedIndex(index(a.langs, v.lang))
		a.theme.SetSelected(a.theme.Options[index(a.themes, v.theme)])
		a.loaded = true
	})
}

func index(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return 0
}

// saveLanguage stores the choice; it shows from the next start.
func (a *appearance) saveLanguage() {
	if !a.loaded {
		return
	}
	l := a.langs[a.language.SelectedIndex()]
	kit.BackgroundErr(a.s.env, "save the language", func(ctx context.Context) error {
		return a.s.b.Prefs.SetLanguage(ctx, l)
	}, func(err error) {
		if err != nil {
			a.say(lang.L("The language was not saved: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		a.say("")
		a.langNote.Importance = widget.WarningImportance
		a.langNote.SetText(lang.L("Saved. The new language applies at the next start of Hearth."))
	})
}

// saveTheme applies the theme at once and stores it for the next start.
func (a *appearance) saveTheme() {
	if !a.loaded || a.theme.Selected == "" {
		return
	}
	t := a.themes[index(a.theme.Options, a.theme.Selected)]
	if a.s.cb.ApplyTheme != nil {
		a.s.cb.ApplyTheme(t)
	}
	kit.BackgroundErr(a.s.env, "save the theme", func(ctx context.Context) error {
		return a.s.b.Prefs.SetTheme(ctx, t)
	}, func(err error) {
		if err != nil {
			a.say(lang.L("The theme was not saved: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		a.say("")
	})
}

func (a *appearance) say(problem string) {
	a.problem.SetText(problem)
	a.problem.Hidden = problem == ""
	a.problem.Refresh()
}
