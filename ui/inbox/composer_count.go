package inbox

import (
	"fmt"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/posttext"
)

// replyCount is the composer's counter: its text, its colour and whether
// the reply is over the limit. The limits and the warning rule are the
// channel's, from posttext; X replies always show the counter, the long
// limits only once the text nears them.
func replyCount(k core.ItemKind, text string) (label string, imp widget.Importance, over bool) {
	ch := posttext.ForReply(k)
	c := posttext.Count(ch, text, 0)
	switch {
	case c.Limit == 0:
		return "", widget.MediumImportance, false
	case c.Over:
		return lang.L("{{.Used}}/{{.Limit}}, {{.Over}} over", map[string]any{"Used": c.Used, "Limit": c.Limit, "Over": -c.Left()}), widget.DangerImportance, true
	case c.Warn:
		return lang.L("{{.Used}}/{{.Limit}}, {{.Left}} left", map[string]any{"Used": c.Used, "Limit": c.Limit, "Left": c.Left()}), widget.WarningImportance, false

	case ch == posttext.XPost:
		return fmt.Sprintf("%d/%d", c.Used, c.Limit), widget.MediumImportance, false
	}
	return "", widget.MediumImportance, false
}
