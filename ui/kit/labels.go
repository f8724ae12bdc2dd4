package kit

import (
	"fyne.io/fyne/v2/lang"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/hearthhq/hearth/core"
)

// MaxRowTags is how many tags a list row shows before "+N".
const MaxRowTags = 3

// TruncLabel is a one-line label that ends in "…" when cut.
func TruncLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// TagStyle is how a tag reads inside rich text.
func TagStyle() widget.RichTextStyle {
	return widget.RichTextStyle{ColorName: theme.ColorNamePrimary, Inline: true, SizeName: theme.SizeNameCaptionText}
}

// KindLabel stands in for a subject where the channel has none.
func KindLabel(k core.ItemKind) string {
	switch k {
	case core.ItemVKPost:
		return lang.L("VK post")
	case core.ItemVKComment:
		return lang.L("VK comment")
	case core.ItemVKMessage:
		return lang.L("VK message")
	case core.ItemXMention:
		return lang.L("Mention on X")
	case core.ItemXReply:
		return lang.L("Reply on X")
	case core.ItemXDM:
		return lang.L("X direct message")
	case core.ItemFeed:
		return lang.L("Feed entry")
	default:
		return lang.L("(no subject)")
	}
}

// TagsLabel renders tags as "#a #b +2".
func TagsLabel(tags []string) string {
	shown := tags
	if len(shown) > MaxRowTags {
		shown = shown[:MaxRowTags]
	}
	parts := make([]string, 0, len(shown)+1)
	for _, t := range shown {
		parts = append(parts, "#"+t)
	}
	if extra := len(tags) - len(shown); extra > 0 {
		parts = append(parts, "+"+strconv.Itoa(extra))
	}
	return strings.Join(parts, " ")
}

// DangerLabel is a wrapped label in the error colour.
func DangerLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}
