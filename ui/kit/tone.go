package kit

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/core"
)

// ToneBadge is the small badge of an item's tone in a list: Abusive in
// the error colour, Negative and Positive as the label says; a neutral
// item, our own, or one whose tone is not read yet, carries none.
func ToneBadge(it core.Item) (string, fyne.ThemeColorName) {
	t := it.Tone
	switch {
	case t == nil || it.Outgoing:
		return "", theme.ColorNameForeground
	case t.Abusive:
		return "Abusive", theme.ColorNameError
	case t.Label() == core.ToneNegative:
		return "Negative", theme.ColorNameWarning
	case t.Label() == core.TonePositive:
		return "Positive", theme.ColorNameSuccess
	}
	return "", theme.ColorNameForeground
}

// ToneDetail is the badge of a message card: the language as well, and
// the score ("RU · Negative −0.62"); neutral messages show their language
// only.
func ToneDetail(it core.Item) (string, fyne.ThemeColorName) {
	t := it.Tone
	if t == nil || it.Outgoing {
		return "", theme.ColorNameForeground
	}
	lang := strings.ToUpper(t.Lang)
	if lang == "" {
		lang = "?"
	}
	text, c := ToneBadge(it)
	if text == "" {
		return lang, theme.ColorNameDisabled
	}
	return fmt.Sprintf("%s · %s %+.2f", lang, text, t.Sentiment), c
}
