package rules

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// Screen is the Rules screen: the list on the left, the editor beside it.
type Screen struct {
	env     *kit.Env
	b       Backend
	list    []core.Rule
	editing int64 // the rule in the editor; 0 for a new one
	loaded  bool

	rows    *fyne.Container
	status  *widget.Label
	ed      *editor
	content fyne.CanvasObject
	reload  *kit.Refresher
}

// New builds the screen; Start loads the rules.
func New(env *kit.Env, b Backend) *Screen {
	s := &Screen{env: env, b: b}
	s.reload = kit.NewRefresher(s.load)
	s.rows = container.NewVBox()
	s.status = kit.DangerLabel("")
	s.status.Hide()
	s.ed = newEditor(s)
	title := widget.NewLabelWithStyle(lang.L("Rules"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := kit.NewMutedWrapped(lang.L("Rules run in this order on every new or changed message, before it shows. A rule that stops keeps the rules below it from seeing the message."), fyne.TextAlignLeading)
	add := kit.PrimaryButton(lang.L("New rule"), theme.ContentAddIcon(), func() { s.edit(core.Rule{Enabled: true}) })
	left := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, add, title), hint, s.status), nil, nil, nil,
		container.NewVScroll(s.rows))
	split := container.NewHSplit(left, s.ed.content)
	split.Offset = 0.45
	s.content = split
	return s
}

// Content is the screen's widget tree.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Start loads the rules and opens a new rule in the editor.
func (s *Screen) Start() {
	s.ed.open(core.Rule{Enabled: true})
	s.reload.Request()
}

// Shown reloads: rules may have come from the command line.
func (s *Screen) Shown() { s.reload.Request() }

// Changed re-runs the editor's dry run when messages arrived.
func (s *Screen) Changed(c kit.Changes) {
	if c.Has(core.EventItems) {
		s.ed.dryRun()
	}
}

// Close drops the pending dry run.
func (s *Screen) Close() { s.ed.debounce.Cancel() }

// load reads the rules and redraws the list.
func (s *Screen) load(done func()) {
	kit.Background(s.env, "load rules", s.b.Rules.List, func(list []core.Rule, err error) {
		defer done()
		s.showError(err)
		if err != nil {
			return
		}
		s.list, s.loaded = list, true
		s.redraw()
	})
}

func (s *Screen) redraw() {
	objs := make([]fyne.CanvasObject, 0, len(s.list)+1)
	for i, r := range s.list {
		objs = append(objs, s.row(r, i, len(s.list)))
	}
	if len(s.list) == 0 {
		objs = append(objs, kit.NewMutedWrapped(lang.L("No rules yet. Write one on the right: a query, then what to do with what it finds."), fyne.TextAlignLeading))
	}
	s.rows.Objects = objs
	s.rows.Refresh()
}

func (s *Screen) showError(err error) {
	if err == nil {
		s.status.Hide()
		return
	}
	s.status.SetText(kit.ErrorText(err))
	s.status.Show()
}

// edit opens a rule in the editor.
func (s *Screen) edit(r core.Rule) {
	s.editing = r.ID
	s.ed.open(r)
	s.redraw()
}

// change runs a change to the rules and reloads them.
func (s *Screen) change(what string, fn func(ctx context.Context) error) {
	kit.BackgroundErr(s.env, what, fn, func(err error) {
		s.showError(err)
		s.reload.Request()
	})
}

func (s *Screen) setEnabled(r core.Rule, on bool) {
	s.change("switch rule", func(ctx context.Context) error { return s.b.Rules.SetEnabled(ctx, r.ID, on) })
}

func (s *Screen) move(r core.Rule, delta int) {
	s.change("move rule", func(ctx context.Context) error { return s.b.Rules.Move(ctx, r.ID, delta) })
}
