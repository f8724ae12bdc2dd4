package ui

import (
	"fmt"
	"unicode/utf8"

	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/posttext"
)

// replyLimit is the length limit of a reply on the item's channel and how
// the channel counts it; max 0 means no limit worth showing (e-mail).
func replyLimit(k core.ItemKind) (max int, weigh func(string) int) {
	switch k {
	case core.ItemXMention, core.ItemXReply:
		return posttext.XMaxWeighted, posttext.XLength
	case core.ItemVKComment, core.ItemVKPost:
		return posttext.VKCommentMax, utf8.RuneCountInString
	case core.ItemVKMessage:
		return posttext.VKMessageMax, utf8.RuneCountInString
	}
	return 0, nil
}

// replyCount is the composer's counter: its text, its colour and whether
// the reply is over the limit. X replies always show it; long limits only
// once the text nears them.
func replyCount(k core.ItemKind, text string) (label string, imp widget.Importance, over bool) {
	max, weigh := replyLimit(k)
	if max == 0 {
		return "", widget.MediumImportance, false
	}
	used := weigh(text)
	left := max - used
	switch {
	case left < 0:
		return fmt.Sprintf("%d/%d, %d over", used, max, -left), widget.DangerImportance, true
	case left <= max/14: // 20 of X's 280
		return fmt.Sprintf("%d/%d, %d left", used, max, left), widget.WarningImportance, false
	case max <= posttext.XMaxWeighted:
		return fmt.Sprintf("%d/%d", used, max), widget.MediumImportance, false
	}
	return "", widget.MediumImportance, false
}
