// Package localeenv makes the locale environment readable by Fyne before
// Fyne reads it. Import it for its side effect from package main:
//
//	import _ "github.com/hearthhq/hearth/internal/localeenv"
//
// Why an import and not code in main: Fyne's lang package looks the user's
// locale up in its own init, before main runs, and logs three "Fyne error:
// Error parsing user locale C" lines to stderr when LANG or LC_ALL is
// C.UTF-8 (the default of servers and containers): "C" is no language tag,
// nor is what a modifier leaves (de_DE@euro). A headless command must print nothing it did not mean to,
// and Hearth is one binary for the window and the commands, so the GUI
// cannot be left out of it. Go initialises packages in import-path order
// among those whose imports are initialised (the spec, since Go 1.21). This
// package imports only os and strings; Fyne's lang package waits for
// golang.org/x/text/language, which imports fmt and so os: by then this
// package is ready too and sorts first. TestEnvironmentSetBeforeFyneReadsIt in
// cmd/hearth checks the order in the binary, TestQuietUnderEveryLocale the
// result.
//
// What it changes: only LANGUAGE, the message-language list of gettext,
// and only when Fyne would otherwise fail to parse the locale. For C and
// POSIX with an encoding that is "en", what C means for messages; for a
// locale with a modifier (de_DE@euro) it is the locale without it. The
// locale variables themselves stay, so child processes keep their charset.
package localeenv

import (
	"os"
	"strings"
)

func init() {
	if v, ok := Normalize(os.Getenv); ok {
		os.Setenv("LANGUAGE", v)
	}
}

// Normalize returns the LANGUAGE value to set so that Fyne parses the
// locale, and false when the environment is fine as it is. It follows
// github.com/jeandeaual/go-locale, which Fyne uses: the first non-empty of
// LC_ALL, LC_MESSAGES and LANG; plain C or POSIX mean English and are
// fine; otherwise LANGUAGE, when set, wins.
func Normalize(getenv func(string) string) (string, bool) {
	var loc string
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(k); loc != "" {
			break
		}
	}
	if loc == "" || loc == "C" || loc == "POSIX" || getenv("LANGUAGE") != "" {
		return "", false
	}
	loc, _, modified := strings.Cut(loc, "@")
	loc, _, _ = strings.Cut(loc, ".")
	lang, region, _ := strings.Cut(strings.ReplaceAll(loc, "-", "_"), "_")
	if !letters(lang, 2, 3) || (region != "" && !letters(region, 2, 2) && !digits(region, 3)) {
		return "en", true // C.UTF-8, POSIX.UTF-8 or nothing Fyne can read
	}
	if modified {
		return loc, true
	}
	return "", false
}

func letters(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
