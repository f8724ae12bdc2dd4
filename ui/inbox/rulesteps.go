package inbox

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// RuleSteps says what the rules did to the messages of a conversation and
// undoes a step (core/rules).
type RuleSteps interface {
	// Steps returns the steps taken on an item and the rest of its
	// conversation, oldest first.
	Steps(ctx context.Context, itemID int64) ([]core.RuleStep, error)
	Undo(ctx context.Context, stepID int64) error
}

// ruleLines are the lines under each message of the open conversation
// that say which rule did what to it, each with its Undo.
type ruleLines struct {
	t     *threadView
	boxes map[int64]*fyne.Container
}

func (t *threadView) newRuleLines() *ruleLines {
	return &ruleLines{t: t, boxes: map[int64]*fyne.Container{}}
}

// under puts the item's lines, once loaded, under its card.
func (l *ruleLines) under(card fyne.CanvasObject, itemID int64) fyne.CanvasObject {
	if l.t.u.b.Rules == nil {
		return card
	}
	box := container.NewVBox()
	box.Hide()
	l.boxes[itemID] = box
	return container.NewBorder(nil, box, nil, nil, card)
}

// load reads the conversation's steps off the UI goroutine and fills the
// lines.
func (l *ruleLines) load(th core.Thread) {
	if l.t.u.b.Rules == nil || len(th.Items) == 0 {
		return
	}
	id := th.Items[0].ID
	kit.Background(l.t.u.Env, "rule steps", func(ctx context.Context) ([]core.RuleStep, error) {
		return l.t.u.b.Rules.Steps(ctx, id)
	}, func(steps []core.RuleStep, err error) {
		if err != nil {
			return // the messages stand without their lines; the log has why
		}
		for _, s := range steps {
			if box := l.boxes[s.ItemID]; box != nil {
				box.Add(l.line(s))
				box.Show()
			}
		}
	})
}

// line is "Rule 'Links from new VK accounts' moved this to spam · Undo".
func (l *ruleLines) line(s core.RuleStep) fyne.CanvasObject {
	text := kit.NewMutedWrapped(ruleLine(s), fyne.TextAlignLeading)
	if !s.Applied() {
		return text
	}
	undo := kit.FlatButton(lang.L("Undo"), theme.ContentUndoIcon(), func() { l.t.undoRule(s) })
	return container.NewBorder(nil, nil, nil, undo, text)
}

// undoRule reverts a rule's step and re-reads the conversation.
func (t *threadView) undoRule(s core.RuleStep) {
	kit.BackgroundErr(t.u.Env, "undo rule", func(ctx context.Context) error {
		return t.u.b.Rules.Undo(ctx, s.ID)
	}, func(err error) {
		if err != nil {
			t.setStatus(lang.L("Could not undo: {{.Error}}", errData(err)), true)
			return
		}
		t.setStatus(lang.L("Undone: {{.Step}}.", map[string]any{"Step": ruleLine(s)}), false)

		t.reload()
	})
}

// ruleLine is core.RuleStep.Line in the language in use: "Rule 'Spam
// links' moved this to spam" (in English the same words).
func ruleLine(s core.RuleStep) string {
	data := map[string]any{"Rule": s.RuleName, "Action": s.Action.String(), "Arg": s.Action.Arg,
		"Outcome": ruleOutcome(s.Outcome), "For": snoozeSpan(s.Action.For), "Kind": string(s.Action.Kind)}
	if s.Outcome != "" {
		return lang.L("Rule '{{.Rule}}' did not act: {{.Action}} ({{.Outcome}})", data)
	}
	line := ruleDid(s.Action, data)
	if !s.UndoneAt.IsZero() {
		line = lang.L("{{.Step}} (undone)", map[string]any{"Step": line})
	}
	return line
}

// ruleDid says what a rule's action did to a message.
func ruleDid(a core.RuleAction, data map[string]any) string {
	switch a.Kind {
	case core.RuleTag:
		return lang.L("Rule '{{.Rule}}' tagged this {{.Arg}}", data)
	case core.RuleState:
		switch core.State(a.Arg) {
		case core.StateSnoozed:
			return lang.L("Rule '{{.Rule}}' snoozed this for {{.For}}", data)
		case core.StateDone:
			return lang.L("Rule '{{.Rule}}' moved this to done", data)
		case core.StateSpam:
			return lang.L("Rule '{{.Rule}}' moved this to spam", data)
		case core.StateHidden:
			return lang.L("Rule '{{.Rule}}' moved this to hidden", data)
		case core.StateOpen:
			return lang.L("Rule '{{.Rule}}' moved this to open", data)
		case core.StateNew:
			return lang.L("Rule '{{.Rule}}' moved this to new", data)
		}
		return lang.L("Rule '{{.Rule}}' moved this to {{.Arg}}", data)
	case core.RuleHide:
		return lang.L("Rule '{{.Rule}}' hid this on its channel", data)
	case core.RuleNotify:
		return lang.L("Rule '{{.Rule}}' asked for a notification", data)
	case core.RuleReply:
		return lang.L("Rule '{{.Rule}}' replied with '{{.Arg}}'", data)
	case core.RuleStop:
		return lang.L("Rule '{{.Rule}}' stop", data)
	}
	return lang.L("Rule '{{.Rule}}' {{.Kind}}", data)
}

// ruleOutcomes are why a rule's action did not apply (core/rules' guards
// and hide), kept in English with the step and translated where shown;
// written out, as the translation files name them (a test holds them to
// core/rules).
var ruleOutcomes = []string{
	"auto-replies are off for this rule",
	"the sender is automated",
	"it is our own message",
	"this author got an auto-reply in the last day",
	"a feed entry cannot be answered",
	"the author has no address to answer",
	"its channel cannot hide it",
}

// noSavedReply starts the outcome of an auto-reply whose saved reply is gone.
const noSavedReply = "no saved reply named "

func ruleOutcome(o string) string {
	if name, ok := strings.CutPrefix(o, noSavedReply); ok {
		return lang.L("no saved reply named {{.Name}}", map[string]any{"Name": name})
	}
	if slices.Contains(ruleOutcomes, o) {
		return lang.L(o)
	}
	return o
}

// snoozeSpan writes a rule's snooze as its action does ("1w", "3d",
// "1h30m"), with the units of the language in use.
func snoozeSpan(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d <= 0:
		return ""
	case d%(7*day) == 0:
		return lang.L("{{.N}}w", map[string]any{"N": int(d / (7 * day))})
	case d%day == 0:
		return lang.L("{{.N}}d", map[string]any{"N": int(d / day)})
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case m == 0:
		return lang.L("{{.N}}h", map[string]any{"N": h})
	case h == 0:
		return lang.L("{{.N}}m", map[string]any{"N": m})
	}
	return fmt.Sprintf("%s%s", lang.L("{{.N}}h", map[string]any{"N": h}), lang.L("{{.N}}m", map[string]any{"N": m}))
}
