// Package assets holds Hearth's bundled resources. It imports nothing of the
// GUI toolkit so that any layer (cmd, ui, a packager script) can use the raw
// bytes; the ui wraps them in a fyne.Resource.
package assets

import _ "embed"

// IconPNG is the 512x512 application icon, rasterised from icon.svg by
// scripts/icon.sh.
//
//go:embed icon.png
var IconPNG []byte
