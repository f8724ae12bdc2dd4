package kit

import (
	"fmt"
	"os"
	"path"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/language"

	"github.com/hearthhq/hearth/assets"
	"github.com/hearthhq/hearth/core/locale"
)

// Languages are the languages Hearth's window is translated into, in the
// order a language choice lists them (the reports' too).
var Languages = locale.Languages

var (
	langMu sync.RWMutex
	inUse  = "en"
)

// UseLanguage loads the window's translations and makes code the language of
// every lang.L/N/X call and of kit's dates and numbers: "en", "fr", "ru" or
// "bg", or "" for the system's (LC_ALL, LC_MESSAGES, LANG, LANGUAGE, as
// Fyne reads them). It returns the language in use: English when the
// system's is none of Hearth's. Call it before the window is built: Fyne's
// localizer is a plain variable that lang.L reads without a lock, so a
// language chosen in settings applies at the next start.
func UseLanguage(code string) (string, error) {
	want := strings.ToLower(strings.TrimSpace(code))
	if want != "" && !knownLanguage(want) {
		// untranslated: a programming or settings error, logged
		return Language(), fmt.Errorf("no %q translation: Hearth speaks %s", code, strings.Join(Languages, ", "))
	}
	force := want
	if want == "" {
		force = systemLanguage()
	}
	// Fyne picks its localizer from the environment each time translations
	// are added and has no other way in, so the choice is made by the
	// environment for the length of the call. "" leaves it alone: a system
	// language Hearth lacks (de_DE) still gets Fyne's own German dialogs.
	restore := func() {}
	if force != "" {
		restore = setLocaleEnv(force)
	}
	used := force
	if used == "" {
		used = "en"
	}
	err := addTranslations(used)
	restore()
	langMu.Lock()
	inUse = used
	langMu.Unlock()
	if err != nil {
		return used, fmt.Errorf("translations: %w", err) // untranslated: logged
	}
	return used, nil
}

// addTranslations gives Fyne the files of one language and of English,
// the fallback of a key a file lacks. Only those: go-i18n keeps each
// message it parsed as templates: the four languages held 3.8 MB of the
// window's heap, English alone holds 1.0 MB, French and English 1.9 MB
// (docs/benchmarks.md). A language chosen in the
// settings applies at the next start, so no other is ever asked for.
func addTranslations(code string) error {
	names, err := translationFiles(code)
	if err != nil {
		return err
	}
	var first error
	for _, name := range names {
		data, err := assets.Translations.ReadFile(path.Join(assets.TranslationsDir, name))
		if err == nil {
			err = lang.AddTranslations(fyne.NewStaticResource(name, data))
		}
		if err != nil && first == nil {
			first = fmt.Errorf("%s: %w", name, err) // untranslated: logged
		}
	}
	return first
}

// translationFiles names the bundled files of code and of English
// (<feature>.<lang>.json).
func translationFiles(code string) ([]string, error) {
	files, err := assets.Translations.ReadDir(assets.TranslationsDir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range files {
		parts := strings.Split(f.Name(), ".")
		if len(parts) < 2 || parts[len(parts)-1] != "json" {
			continue
		}
		if l := parts[len(parts)-2]; l == code || l == "en" {
			names = append(names, f.Name())
		}
	}
	return names, nil
}

// Language is the language in use ("en" until UseLanguage says otherwise).
func Language() string {
	langMu.RLock()
	defer langMu.RUnlock()
	return inUse
}

// LanguageTag is Language as a tag, for golang.org/x/text formatting.
func LanguageTag() language.Tag {
	return language.Make(Language())
}

func knownLanguage(code string) bool {
	for _, l := range Languages {
		if l == code {
			return true
		}
	}
	return false
}

// systemLanguage is the first of Hearth's languages the environment asks
// for (core/locale.System): "en" for C, POSIX, C.UTF-8 or nothing set,
// "" when the system asks for another language only.
func systemLanguage() string { return locale.System(Languages) }

// setLocaleEnv makes the environment ask for code alone and returns what
// puts it back.
func setLocaleEnv(code string) (restore func()) {
	keys := []string{"LC_ALL", "LANGUAGE"}
	old := make(map[string]*string, len(keys))
	for _, k := range keys {
		if v, ok := os.LookupEnv(k); ok {
			old[k] = &v
		} else {
			old[k] = nil
		}
		_ = os.Setenv(k, code)
	}
	return func() {
		for _, k := range keys {
			if v := old[k]; v != nil {
				_ = os.Setenv(k, *v)
			} else {
				_ = os.Unsetenv(k)
			}
		}
	}
}
