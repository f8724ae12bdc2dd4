package rules

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// row is one rule of the list: its switch, its place and name, what it
// does, and the buttons that move it.
func (s *Screen) row(r core.Rule, i, n int) fyne.CanvasObject {
	on := widget.NewCheck("", nil)
	on.SetChecked(r.Enabled)
	on.OnChanged = func(v bool) { s.setEnabled(r, v) }
	// Names and summaries are cut after a whole word, whole on hover.
	name := kit.NewWordLabel()
	name.Set(fmt.Sprintf("%d. %s", r.Position, r.Name), fyne.TextStyle{Bold: r.ID == s.editing})
	what := kit.NewMutedWords(summary(r))
	up := kit.NewTipButton("", lang.L("Move up: runs earlier"), theme.MoveUpIcon(), func() { s.move(r, -1) })
	down := kit.NewTipButton("", lang.L("Move down: runs later"), theme.MoveDownIcon(), func() { s.move(r, 1) })
	if i == 0 {
		up.Disable()
	}
	if i == n-1 {
		down.Disable()
	}
	edit := kit.NewTipButton("", lang.L("Edit the rule"), theme.DocumentCreateIcon(), func() { s.edit(r) })
	text := container.NewVBox(name, what)
	return container.NewBorder(nil, nil, on, container.NewHBox(up, down, edit), text)
}

// summary says what a rule does on one line: "when casino → state:spam, stop".
// The query and the actions are the rule's own syntax and stay as typed.
func summary(r core.Rule) string {
	do := core.RuleActionsString(r.Actions)
	if r.Stop {
		do += ", stop"
	}
	if r.Replies() && !r.AutoReply {
		do += " " + lang.L("(replies held)")
	}
	if !r.Enabled {
		do += " · " + lang.L("off")
	}
	return lang.L("when {{.Query}} → {{.Actions}}", map[string]any{"Query": r.Query, "Actions": do})
}
