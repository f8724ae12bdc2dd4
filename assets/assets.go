// Package assets holds Hearth's bundled resources. It imports nothing of the
// GUI toolkit so that any layer (cmd, ui, a packager script) can use the raw
// bytes; the ui wraps them in a fyne.Resource.
package assets

import (
	"embed"
	_ "embed"
)

// IconPNG is the 512x512 application icon, rasterised from icon.svg by
// scripts/icon.sh.
//
//go:embed icon.png
var IconPNG []byte

// Translations holds the window's strings in every language, one go-i18n
// JSON file per ui package and language: translations/<feature>.<lang>.json,
// keyed by the English text (docs/translations.md). ui/kit gives Fyne's
// lang the files of the language in use and of English, and Fyne merges
// the files of a language.
//
//go:embed translations/*.json
var Translations embed.FS

// TranslationsDir is the directory of Translations that holds the files.
const TranslationsDir = "translations"
