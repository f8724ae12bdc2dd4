package inbox

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	text := kit.NewMutedWrapped(s.Line(), fyne.TextAlignLeading)
	if !s.Applied() {
		return text
	}
	undo := kit.FlatButton("Undo", theme.ContentUndoIcon(), func() { l.t.undoRule(s) })
	return container.NewBorder(nil, nil, nil, undo, text)
}

// undoRule reverts a rule's step and re-reads the conversation.
func (t *threadView) undoRule(s core.RuleStep) {
	kit.BackgroundErr(t.u.Env, "undo rule", func(ctx context.Context) error {
		return t.u.b.Rules.Undo(ctx, s.ID)
	}, func(err error) {
		if err != nil {
			t.setStatus("Could not undo: "+kit.ErrorText(err), true)
			return
		}
		t.setStatus("Undone: "+s.Line()+".", false)
		t.reload()
	})
}
