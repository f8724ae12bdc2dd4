package rules

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/core/rules"
	"github.com/hearthhq/hearth/ui/kit"
)

// dryRunFirst is how many matches the dry run shows.
const dryRunFirst = 5

// Examples of the query language and of the actions, shown as
// placeholders: syntax, the same in every language.
const (
	queryExample   = "channel:vk has:link followers<20"
	actionsExample = "state:spam, tag:links, notify"
)

// dryRunDelay is how long typing must pause before the dry run runs.
const dryRunDelay = 300 * time.Millisecond

// editor writes one rule: name, query, actions, switches, and shows what
// the query would have matched in the last 30 days as it is typed.
type editor struct {
	s                    *Screen
	rule                 core.Rule
	name, query, actions *kit.Entry
	queryErr, actionsErr *widget.Label
	stop, autoReply, on  *widget.Check
	dry                  *widget.Label
	dryItems             *fyne.Container
	msg                  *widget.Label
	save, del            *widget.Button
	debounce             *kit.Debouncer
	gen                  int // the dry run whose answer is awaited
	content              fyne.CanvasObject
}

func newEditor(s *Screen) *editor {
	e := &editor{s: s}
	e.debounce = &kit.Debouncer{Env: s.env, Delay: dryRunDelay, Fn: e.dryRun}
	e.name = kit.NewEntry()
	e.name.SetPlaceHolder(lang.L("Links from new VK accounts"))
	e.query = kit.NewEntry()
	e.query.SetPlaceHolder(queryExample)
	e.query.OnChanged = func(string) { e.debounce.Poke() }
	e.queryErr = kit.DangerLabel("")
	e.actions = kit.NewEntry()
	e.actions.SetPlaceHolder(actionsExample)
	e.actions.OnChanged = func(string) { e.checkActions() }
	e.actionsErr = kit.DangerLabel("")
	// A check box's text never wraps: short labels, and what they mean in
	// a muted line below that wraps to the editor's width.
	e.stop = widget.NewCheck(lang.X("rules.stop", "Stop"), nil) // "Stop" alone reads "stop loading" in the inbox
	e.autoReply = widget.NewCheck(lang.L("Send its replies"), nil)
	e.on = widget.NewCheck(lang.L("On"), nil)
	e.dry = widget.NewLabel("")
	e.dry.Wrapping = fyne.TextWrapWord
	e.dryItems = container.NewVBox()
	e.msg = widget.NewLabel("")
	e.save = kit.PrimaryButton(lang.L("Save"), theme.DocumentSaveIcon(), e.doSave)
	e.del = kit.FlatButton(lang.L("Delete"), theme.DeleteIcon(), e.confirmDelete)
	help := kit.NewMutedWrapped(lang.L("Actions, comma-separated: tag:T · state:done, spam, hidden or snoozed:3h · hide (on VK or X) · notify · reply:SAVED REPLY · stop. Whatever a rule does, the message says so and it can be undone there."),
		fyne.TextAlignLeading)
	form := container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.name,
		widget.NewLabelWithStyle(lang.L("When a message matches"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.query, e.queryErr,
		widget.NewLabelWithStyle(lang.L("Do"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.actions, e.actionsErr, help,
		container.New(kit.TightRows{}, e.stop, kit.NewMutedWrapped(lang.L("The rules below do not see what this one matched."), fyne.TextAlignLeading)),
		container.New(kit.TightRows{}, e.autoReply, kit.NewMutedWrapped(lang.L("At most one a day to each author, never to robots or lists."), fyne.TextAlignLeading)),
		e.on,
		container.NewHBox(e.save, e.del, e.msg),
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("Dry run"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.dry, e.dryItems,
	)
	e.content = container.NewVScroll(container.NewPadded(form))
	return e
}

// open shows a rule (a new one has no ID).
func (e *editor) open(r core.Rule) {
	e.rule = r
	e.name.SetText(r.Name)
	e.query.SetText(r.Query)
	e.actions.SetText(core.RuleActionsString(r.Actions))
	e.stop.SetChecked(r.Stop)
	e.autoReply.SetChecked(r.AutoReply)
	e.on.SetChecked(r.Enabled)
	e.msg.SetText("")
	if r.ID == 0 {
		e.del.Hide()
	} else {
		e.del.Show()
	}
	e.checkActions()
	e.debounce.Cancel()
	e.dryRun()
}

// checkActions says at once what is wrong with the actions.
func (e *editor) checkActions() {
	_, err := core.ParseRuleActions(e.actions.Text)
	if err == nil || strings.TrimSpace(e.actions.Text) == "" {
		e.actionsErr.Hide()
		return
	}
	e.actionsErr.SetText(kit.Sentence(actionError(err)))
	e.actionsErr.Show()
}

// dryRun counts what the query would have matched; a query that does not
// parse says where.
func (e *editor) dryRun() {
	q := e.query.Text
	e.gen++
	gen := e.gen
	if strings.TrimSpace(q) == "" {
		e.queryErr.Hide()
		e.showDry(rules.DryRun{}, lang.L("Type a query to see what it would have matched in the last 30 days."))
		return
	}
	kit.Background(e.s.env, "dry run", func(ctx context.Context) (rules.DryRun, error) {
		return e.s.b.Rules.DryRun(ctx, q, dryRunFirst)
	}, func(d rules.DryRun, err error) {
		if gen != e.gen {
			return // the query changed meanwhile
		}
		var pe *query.Error
		switch {
		case errors.As(err, &pe):
			e.queryErr.SetText(columnLine(q, pe))
			e.queryErr.Show()
			e.showDry(rules.DryRun{}, "")
		case err != nil:
			e.queryErr.Hide()
			e.showDry(rules.DryRun{}, kit.ErrorText(err))
		default:
			e.queryErr.Hide()
			e.showDry(d, dryLine(d))
		}
	})
}

// columnLine says where a query goes wrong: the message, and the query
// with a marker at the column.
func columnLine(q string, pe *query.Error) string {
	rs := []rune(q)
	col := max(0, min(len(rs), pe.Col-1))
	return lang.L("Column {{.Col}}: {{.Msg}}", map[string]any{"Col": pe.Col, "Msg": coreText(pe.Msg)}) + "\n" + string(rs[:col]) + "▸" + string(rs[col:])
}

// dryLine says how much the query would have matched.
func dryLine(d rules.DryRun) string {
	data := map[string]any{"Count": d.Count, "Days": rules.DryRunDays}
	if d.More {
		return lang.L("Would have matched {{.Count}}+ messages in the last {{.Days}} days.", data)
	}
	return lang.N("Would have matched {{.Count}} messages in the last {{.Days}} days.", d.Count, data)
}

// coreMessages are the fixed messages of core's action and query parsers
// this screen shows, translated by value; one that quotes what was typed
// stays English (lang.L of an unknown key would log on every keystroke).
var coreMessages = []string{
	"a rule needs at least one action (tag:T, state:S, hide, notify, reply:NAME, stop)",
	"tag: needs a tag, as in tag:urgent", "reply: needs the name of a saved reply, as in reply:Thanks",
	"'\"' without a closing '\"'", "')' without '('", "'(' without ')'", "AND needs a term on each side",
	"OR needs a term on each side", "'-' or NOT needs a term after it", "empty parentheses", "a term is missing here",
	"the query has nothing to match on",
}

// coreText is one of core's messages in the person's language when it is
// a fixed one.
func coreText(s string) string {
	if slices.Contains(coreMessages, s) {
		return lang.L(s)
	}
	return s
}

// actionError is a rule's actions error in the person's language.
func actionError(err error) string {
	if w := core.AsWords(err); w != nil {
		return kit.Say(w)
	}
	return coreText(err.Error())
}

func (e *editor) showDry(d rules.DryRun, text string) {
	e.dry.SetText(text)
	objs := make([]fyne.CanvasObject, 0, len(d.First))
	for _, it := range d.First {
		line := fmt.Sprintf("%s · %s · %s", kit.ShortWhen(e.s.env.Now(), it.CreatedAt), it.Author.Label(), it.Snippet)
		objs = append(objs, kit.NewMutedTrunc(line))
	}
	e.dryItems.Objects = objs
	e.dryItems.Refresh()
}

// current is the rule as the form says it.
func (e *editor) current() (core.Rule, error) {
	acts, err := core.ParseRuleActions(e.actions.Text)
	r := e.rule
	r.Name, r.Query, r.Actions = e.name.Text, e.query.Text, acts
	r.Stop, r.AutoReply, r.Enabled = e.stop.Checked, e.autoReply.Checked, e.on.Checked
	return r, err
}

func (e *editor) doSave() {
	r, err := e.current()
	if err != nil {
		e.msg.SetText(kit.Sentence(actionError(err)))
		return
	}
	kit.Background(e.s.env, "save rule", func(ctx context.Context) (core.Rule, error) {
		if r.ID == 0 {
			return e.s.b.Rules.Add(ctx, r)
		}
		return r, e.s.b.Rules.Update(ctx, r)
	}, func(saved core.Rule, err error) {
		var pe *query.Error
		switch {
		case errors.As(err, &pe):
			e.queryErr.SetText(columnLine(r.Query, pe))
			e.queryErr.Show()
			e.msg.SetText(lang.L("Not saved: the query does not read."))
		case err != nil:
			e.msg.SetText(lang.L("Not saved: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
		default:
			e.rule = saved
			e.s.editing = saved.ID
			e.del.Show()
			e.msg.SetText(lang.L("Saved."))
			e.s.reload.Request()
		}
	})
}

func (e *editor) confirmDelete() {
	r := e.rule
	dialog.ShowConfirm(lang.L("Delete rule"), lang.L("Delete the rule '{{.Name}}'? What it already did stays, and can still be undone on each message.", map[string]any{"Name": r.Name}),
		func(ok bool) {
			if !ok {
				return
			}
			e.s.change("delete rule", func(ctx context.Context) error { return e.s.b.Rules.Remove(ctx, r.ID) })
			e.s.edit(core.Rule{Enabled: true})
		}, e.s.env.Win)
}
