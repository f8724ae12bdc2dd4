package kit

import (
	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/message"
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
		return lang.L("Abusive"), theme.ColorNameError
	case t.Label() == core.ToneNegative:
		return lang.L("Negative"), theme.ColorNameWarning
	case t.Label() == core.TonePositive:
		return lang.L("Positive"), theme.ColorNameSuccess
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
	language := strings.ToUpper(t.Lang)
	if language == "" {
		language = "?"
	}
	text, c := ToneBadge(it)
	if text == "" {
		return language, theme.ColorNameDisabled
	}
	return language + " · " + text + " " + message.NewPrinter(LanguageTag()).Sprintf("%+.2f", t.Sentiment), c
}
