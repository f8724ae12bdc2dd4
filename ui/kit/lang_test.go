package kit

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/assets"
)

// localeEnv sets the locale variables for one test, the unset ones unset.
func localeEnv(t *testing.T, env map[string]string) {
	t.Helper()
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		t.Setenv(k, env[k]) // registers the restore
		if env[k] == "" {
			_ = os.Unsetenv(k)
		}
	}
	t.Cleanup(func() { _, _ = UseLanguage("en") })
}

// The language follows the system's locale as gettext reads it, English
// when the system's is C or one Hearth does not speak.
func TestUseLanguageFollowsTheSystem(t *testing.T) {
	for _, tc := range []struct {
		name   string
		env    map[string]string
		want   string
		cancel string // Fyne's own "Cancel" in the language it picked
	}{
		{"LANG ru", map[string]string{"LANG": "ru_RU.UTF-8"}, "ru", "Отмена"},
		{"LANG fr", map[string]string{"LANG": "fr_FR.UTF-8"}, "fr", "Annuler"},
		{"LANG bg, which Fyne lacks", map[string]string{"LANG": "bg_BG.UTF-8"}, "bg", "Отказ"},
		{"LC_ALL wins over LANG", map[string]string{"LC_ALL": "fr_CA.UTF-8", "LANG": "ru_RU.UTF-8"}, "fr", "Annuler"},
		{"LANGUAGE lists bg before ru", map[string]string{"LANG": "de_DE.UTF-8", "LANGUAGE": "bg:ru"}, "bg", "Отказ"},
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, "en", "Cancel"},
		{"nothing set", map[string]string{}, "en", "Cancel"},
		{"POSIX ignores LANGUAGE", map[string]string{"LC_ALL": "POSIX", "LANGUAGE": "ru"}, "en", "Cancel"},
		{"German: Hearth in English, Fyne's dialogs German", map[string]string{"LANG": "de_DE.UTF-8"}, "en", "Abbrechen"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			localeEnv(t, tc.env)
			got, err := UseLanguage("")
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want || Language() != tc.want {
				t.Errorf("in use %q (Language %q), want %q", got, Language(), tc.want)
			}
			if c := lang.L("Cancel"); c != tc.cancel {
				t.Errorf("Cancel reads %q, want %q", c, tc.cancel)
			}
		})
	}
}

// A language chosen in settings overrides the system's and leaves the
// environment as it was (child processes see the user's locale).
func TestUseLanguageChosen(t *testing.T) {
	localeEnv(t, map[string]string{"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr"})
	for _, tc := range []struct{ code, cancel, monday string }{
		{"ru", "Отмена", "Понедельник"},
		{"bg", "Отказ", "Понеделник"},
		{"en", "Cancel", "Monday"},
		{"fr", "Annuler", "lundi"},
	} {
		got, err := UseLanguage(tc.code)
		if err != nil || got != tc.code {
			t.Fatalf("UseLanguage(%q) = %q, %v", tc.code, got, err)
		}
		if c := lang.L("Cancel"); c != tc.cancel {
			t.Errorf("%s: Cancel reads %q, want %q", tc.code, c, tc.cancel)
		}
		if m := lang.L("monday"); m != tc.monday {
			t.Errorf("%s: Fyne's calendar says %q, want %q", tc.code, m, tc.monday)
		}
	}
	if os.Getenv("LANGUAGE") != "fr" || os.Getenv("LANG") != "fr_FR.UTF-8" {
		t.Errorf("environment changed: LANGUAGE=%q LANG=%q", os.Getenv("LANGUAGE"), os.Getenv("LANG"))
	}
	if _, ok := os.LookupEnv("LC_ALL"); ok {
		t.Errorf("LC_ALL left set to %q", os.Getenv("LC_ALL"))
	}
}

// Fyne's Russian has Tuesday and Thursday swapped; Hearth's file corrects
// it for the date picker.
func TestRussianWeekdaysCorrected(t *testing.T) {
	localeEnv(t, nil)
	if _, err := UseLanguage("ru"); err != nil {
		t.Fatal(err)
	}
	if got := lang.L("tuesday.short") + " " + lang.L("thursday.short"); got != "Вт Чт" {
		t.Errorf("tuesday, thursday = %q, want Вт Чт", got)
	}
}

func TestUseLanguageUnknown(t *testing.T) {
	localeEnv(t, nil)
	if _, err := UseLanguage("ru"); err != nil {
		t.Fatal(err)
	}
	got, err := UseLanguage("de")
	if err == nil {
		t.Fatal("German accepted")
	}
	if got != "ru" || Language() != "ru" {
		t.Errorf("a refused language changed the one in use to %q", got)
	}
}

// Only the language in use and English, its fallback, are parsed: every
// feature's file of each, and none of another language.
func TestTranslationFilesOfOneLanguage(t *testing.T) {
	all, err := assets.Translations.ReadDir(assets.TranslationsDir)
	if err != nil {
		t.Fatal(err)
	}
	features := map[string]bool{}
	for _, f := range all {
		if name := f.Name(); strings.HasSuffix(name, ".en.json") {
			features[strings.TrimSuffix(name, ".en.json")] = true
		}
	}
	for _, code := range Languages {
		names, err := translationFiles(code)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, n := range names {
			got[n] = true
			if !strings.HasSuffix(n, "."+code+".json") && !strings.HasSuffix(n, ".en.json") {
				t.Errorf("%s: %s loaded too", code, n)
			}
		}
		for f := range features {
			for _, l := range []string{"en", code} {
				if n := f + "." + l + ".json"; !got[n] {
					t.Errorf("%s: %s not loaded", code, n)
				}
			}
		}
	}
}
