package members

import (
	"context"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// chipEditor is a list of words as removable chips and a box that adds one
// on Enter: a member's tags or interests.
type chipEditor struct {
	prefix  string
	change  func(word string, add bool)
	chips   *fyne.Container
	entry   *kit.Entry
	content fyne.CanvasObject
}

func newChipEditor(placeholder, prefix string, change func(string, bool)) *chipEditor {
	e := &chipEditor{prefix: prefix, change: change, chips: container.New(layout.NewRowWrapLayout()), entry: kit.NewEntry()}
	wrapped := container.New(looseWidth{}, e.chips)
	e.entry.SetPlaceHolder(placeholder)
	e.entry.OnSubmitted = e.submit
	e.content = container.NewVBox(wrapped, e.entry)
	return e
}

func (e *chipEditor) submit(text string) {
	if w := strings.TrimSpace(text); w != "" {
		e.entry.SetText("")
		e.change(w, true)
	}
}

// set shows the words.
func (e *chipEditor) set(words []string) {
	e.chips.RemoveAll()
	for _, w := range words {
		e.chips.Add(e.chip(w))
	}
}

func (e *chipEditor) chip(w string) fyne.CanvasObject {
	b := kit.NewBadge()
	b.Set(e.prefix+w, theme.ColorNamePrimary)
	remove := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { e.change(w, false) })
	remove.Importance = widget.LowImportance
	return container.NewHBox(container.NewCenter(b), remove)
}

// changeTag adds or removes a tag on the open member, at once, and puts
// the file back as it was if the backend refuses.
func (v *dossierView) changeTag(tag string, add bool) {
	before := v.d.Member.Tags
	v.d.Member.Tags = kit.EditTags(before, tag, add)
	v.tags.set(v.d.Member.Tags)
	adds, removes := []string{tag}, []string(nil)
	if !add {
		adds, removes = nil, adds
	}
	v.save("change the tags", func(ctx context.Context, id int64) error {
		return v.s.u.b.Members.Tag(ctx, []int64{id}, adds, removes)
	})
}

func (v *dossierView) changeInterest(topic string, add bool) {
	v.d.Interests = kit.EditTags(v.d.Interests, topic, add)
	v.interests.set(v.d.Interests)
	list := slices.Clone(v.d.Interests)
	v.save("change the interests", func(ctx context.Context, id int64) error {
		return v.s.u.b.Members.SetInterests(ctx, id, list)
	})
}

// save runs a change of the open file; on failure it says so and re-reads
// the file, so what is shown is what is stored.
func (v *dossierView) save(what string, work func(ctx context.Context, id int64) error) {
	id := v.memberID
	kit.BackgroundErr(v.s.u.Env, what, func(ctx context.Context) error { return work(ctx, id) }, func(err error) {
		if err == nil || v.memberID != id {
			return
		}
		v.banner.Show(lang.L("Could not {{.What}}: {{.Error}}", map[string]any{"What": lang.L(what), "Error": kit.ErrorText(err)}))
		v.reload()
	})
}

// Expertise levels run from 1 (some) to 5 (expert).
const maxExpertise = 5

// expertiseEditor lists topics with their level as dots, each with -/+ and
// remove, and adds a topic on Enter at the chosen level.
type expertiseEditor struct {
	v       *dossierView
	rows    *fyne.Container
	topic   *kit.Entry
	level   *kit.Select
	content fyne.CanvasObject
}

func newExpertiseEditor(v *dossierView) *expertiseEditor {
	e := &expertiseEditor{v: v, rows: container.NewVBox(), topic: kit.NewEntry()}
	e.topic.SetPlaceHolder(lang.L("Add a topic and press Enter"))
	e.topic.OnSubmitted = func(string) { e.add() }
	e.level = kit.NewSelect([]string{"1", "2", "3", "4", "5"}, nil)
	e.level.SetSelected("3")
	add := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel(lang.L("Level")), e.level), e.topic)
	e.content = container.NewVBox(e.rows, add)
	return e
}

func (e *expertiseEditor) set(list []core.Expertise) {
	e.rows.RemoveAll()
	for i, x := range list {
		e.rows.Add(e.row(i, x))
	}
	e.rows.Hidden = len(list) == 0
}

func (e *expertiseEditor) row(i int, x core.Expertise) fyne.CanvasObject {
	buttons := container.NewHBox(
		container.NewCenter(levelDots(x.Level)),
		iconButton(theme.ContentRemoveIcon(), func() { e.setLevel(i, x.Level-1) }),
		iconButton(theme.ContentAddIcon(), func() { e.setLevel(i, x.Level+1) }),
		iconButton(theme.CancelIcon(), func() { e.remove(i) }),
	)
	return container.NewBorder(nil, nil, nil, buttons, widget.NewLabel(x.Topic))
}

func iconButton(icon fyne.Resource, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon("", icon, tapped)
	b.Importance = widget.LowImportance
	return b
}

// levelDots draws a level as filled and hollow dots: ●●●○○.
func levelDots(level int) fyne.CanvasObject {
	dots := container.NewHBox()
	for i := range maxExpertise {
		c := canvas.NewCircle(color.Transparent)
		c.StrokeColor = theme.Color(theme.ColorNamePrimary)
		c.StrokeWidth = 1.5
		if i < level {
			c.FillColor = theme.Color(theme.ColorNamePrimary)
		}
		dots.Add(container.NewGridWrap(fyne.NewSquareSize(10), c))
	}
	return dots
}

func (e *expertiseEditor) add() {
	topic := strings.TrimSpace(e.topic.Text)
	if topic == "" {
		return
	}
	level, _ := strconv.Atoi(e.level.Selected)
	list := slices.DeleteFunc(slices.Clone(e.v.d.Expertise), func(x core.Expertise) bool {
		return strings.EqualFold(x.Topic, topic)
	})
	e.topic.SetText("")
	e.store(append(list, core.Expertise{Topic: topic, Level: max(level, 1)}))
}

func (e *expertiseEditor) setLevel(i, level int) {
	if level < 1 || level > maxExpertise {
		return
	}
	list := slices.Clone(e.v.d.Expertise)
	list[i].Level = level
	e.store(list)
}

func (e *expertiseEditor) remove(i int) {
	e.store(slices.Delete(slices.Clone(e.v.d.Expertise), i, i+1))
}

// store shows the new list at once and saves it.
func (e *expertiseEditor) store(list []core.Expertise) {
	e.v.d.Expertise = list
	e.set(list)
	e.v.save("change the expertise", func(ctx context.Context, id int64) error {
		return e.v.s.u.b.Members.SetExpertise(ctx, id, list)
	})
}
