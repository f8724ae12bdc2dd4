package dashboard

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core/report"
)

// tileWidth is the width of one KPI tile.
const tileWidth = 196

// tileView is one KPI: its name, its value (a button when something is
// behind it), its change against the previous period, and a help button
// that shows its definition.
type tileView struct {
	s       *Screen
	key     string
	name    *widget.Label
	value   *widget.Button
	change  *canvas.Text
	help    *widget.Button
	content fyne.CanvasObject
}

func newTileView(s *Screen, t report.Tile) *tileView {
	v := &tileView{s: s, key: t.Key}
	v.name = widget.NewLabel(twoLines(t.Name, tileNameChars))
	v.name.Truncation = fyne.TextTruncateEllipsis
	v.value = widget.NewButton("", func() { s.drill(v.key) })
	v.value.Importance = widget.LowImportance
	v.value.Alignment = widget.ButtonAlignLeading
	v.change = canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	v.change.TextSize = theme.CaptionTextSize()
	v.help = widget.NewButtonWithIcon("", theme.QuestionIcon(), func() {
		dialog.ShowInformation(t.Name, wrap(t.Help), s.u.Win)
	})
	v.help.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, v.help, v.name)
	card := container.NewVBox(head, v.value, container.NewPadded(v.change))
	v.content = container.New(fixedWidth{tileWidth}, widget.NewCard("", "", card))
	v.set(t)
	return v
}

// set shows a tile's numbers.
func (v *tileView) set(t report.Tile) {
	v.value.SetText(t.Value)
	// A number with something behind it reads as a link; the others stay
	// plain (a disabled button would grey the number out).
	want := widget.LowImportance
	if v.s.canDrill(v.key) {
		want = widget.MediumImportance
	}
	if v.value.Importance != want {
		v.value.Importance = want
		v.value.Refresh()
	}
	v.change.Text = t.Change
	v.change.Color = changeColor(t.Better)
	v.change.Refresh()
}

func changeColor(better int) color.Color {
	switch better {
	case 1:
		return theme.Color(theme.ColorNameSuccess)
	case -1:
		return theme.Color(theme.ColorNameError)
	}
	return theme.Color(theme.ColorNamePlaceHolder)
}

// tileNameChars is about how many characters of a name fit on a line of
// a tile.
const tileNameChars = 13

// twoLines breaks a tile's name before the word that would pass n
// characters, and gives a short one an empty second line, so that every
// tile is as tall and no name is cut ("First response in business hours
// (median)").
func twoLines(name string, n int) string {
	if len([]rune(name)) <= n {
		return name + "\n"
	}
	cut := -1
	for i, r := range []rune(name) {
		if r == ' ' && i <= n {
			cut = i
		}
	}
	if cut < 0 {
		return name + "\n"
	}
	rs := []rune(name)
	return string(rs[:cut]) + "\n" + string(rs[cut+1:])
}

// wrap keeps a definition readable in a dialog.
func wrap(s string) string {
	var out []rune
	n := 0
	for _, r := range s {
		if r == ' ' && n > 60 {
			out, n = append(out, '\n'), 0
			continue
		}
		out = append(out, r)
		n++
	}
	return string(out)
}

// fixedWidth lays one object out at a fixed width and its own height.
type fixedWidth struct{ w float32 }

func (l fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.w, h)
}

func (l fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
