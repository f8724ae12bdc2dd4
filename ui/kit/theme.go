package kit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// ThemeFor is the window's theme for a setting: "light" and "dark" force
// that variant of Fyne's theme whatever the desktop prefers; anything else
// ("system") follows the desktop.
func ThemeFor(setting string) fyne.Theme {
	switch setting {
	case "light":
		return forcedVariant{Theme: theme.DefaultTheme(), variant: theme.VariantLight}
	case "dark":
		return forcedVariant{Theme: theme.DefaultTheme(), variant: theme.VariantDark}
	}
	return theme.DefaultTheme()
}

// forcedVariant is a theme whose colours are always of one variant.
type forcedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t forcedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// Variant is the variant the window is drawn in: the forced one of the
// theme setting, else the desktop's. Code that picks its own colours asks
// this, not the app's settings, which report the desktop's preference.
func Variant() fyne.ThemeVariant {
	a := fyne.CurrentApp()
	if a == nil {
		return theme.VariantLight
	}
	if f, ok := a.Settings().Theme().(forcedVariant); ok {
		return f.variant
	}
	return a.Settings().ThemeVariant()
}
