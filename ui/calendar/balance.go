package calendar

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/ui/kit"
)

// balanceStrip shows the share of each agenda among the visible period's
// posts as a bar of coloured segments with percentages, and the core's
// warning for an agenda missing two weeks or more.
type balanceStrip struct {
	bar      *fyne.Container
	legend   *fyne.Container
	warnings *fyne.Container
	content  fyne.CanvasObject
}

func newBalanceStrip() *balanceStrip {
	b := &balanceStrip{bar: container.New(&shareLayout{}), legend: container.New(&flowLayout{}), warnings: container.NewVBox()}
	b.content = container.NewVBox(container.New(barHeight{8}, b.bar), b.legend, b.warnings)
	return b
}

// show draws a balance.
func (b *balanceStrip) show(bal calendar.Balance) {
	b.bar.Objects, b.legend.Objects = nil, []fyne.CanvasObject{kit.NewMuted(lang.L("Agendas"))}
	shares := &shareLayout{}
	for _, a := range append(core.Agendas, core.AgendaNone) {
		n := bal.Counts[a]
		if a == core.AgendaNone && n == 0 {
			continue // unlabelled posts only show when there are some
		}
		seg := canvas.NewRectangle(calendar.AgendaColour(a))
		shares.weights = append(shares.weights, float32(n))
		b.bar.Objects = append(b.bar.Objects, seg)
		b.legend.Objects = append(b.legend.Objects, legendItem(calendar.AgendaColour(a), agendaLabel(a)+" "+kit.Percent(bal.Share(a))))
	}
	if bal.Total == 0 {
		b.legend.Objects = []fyne.CanvasObject{kit.NewMuted(lang.L("No posts in this period: nothing to balance yet."))}
	}
	b.bar.Layout = shares
	b.bar.Refresh()
	b.legend.Refresh()
	b.showWarnings(bal.Gaps)
}

func (b *balanceStrip) showWarnings(gaps []calendar.Gap) {
	b.warnings.Objects = nil
	for _, g := range gaps {
		l := widget.NewLabel(gapWarning(g))
		l.Importance = widget.WarningImportance
		l.Wrapping = fyne.TextWrapWord
		b.warnings.Objects = append(b.warnings.Objects, l)
	}
	b.warnings.Refresh()
}

// gapWarning says a gap in the agendas in a sentence, as Gap.Warning
// does in English: "No joint-project post for 23 days (11 Dec to 4 Jan)."
func gapWarning(g calendar.Gap) string {
	noun := map[core.Agenda]string{core.AgendaProject: lang.L("joint-project"), core.AgendaNews: lang.L("outside-news"),
		core.AgendaLife: lang.L("community-life")}[g.Agenda]
	if noun == "" {
		noun = lang.L("unlabelled")
	}
	return lang.N("No {{.Agenda}} post for {{.Count}} days ({{.From}} to {{.To}}).", g.Days(), map[string]any{
		"Agenda": noun, "Count": g.Days(), "From": kit.FormatTime(g.From, "2 Jan"), "To": kit.FormatTime(g.To, "2 Jan")})
}

func legendItem(c color.Color, text string) fyne.CanvasObject {
	sw := canvas.NewRectangle(c)
	sw.CornerRadius = 2
	return container.NewHBox(container.NewCenter(container.NewGridWrap(fyne.NewSize(10, 10), sw)), widget.NewLabel(text))
}

// shareLayout lays segments side by side, each as wide as its weight's
// share; with no weight at all, nothing shows.
type shareLayout struct{ weights []float32 }

func (l *shareLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(60, 8) }

func (l *shareLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, w := range l.weights {
		total += w
	}
	x := float32(0)
	for i, o := range objs {
		w := float32(0)
		if total > 0 && i < len(l.weights) {
			w = size.Width * l.weights[i] / total
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// barHeight centres its object vertically at a fixed height.
type barHeight struct{ h float32 }

func (l barHeight) MinSize(objs []fyne.CanvasObject) fyne.Size { return fyne.NewSize(60, l.h) }

func (l barHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, (size.Height-l.h)/2))
		o.Resize(fyne.NewSize(size.Width, l.h))
	}
}

// flowLayout lines its objects up like words, wrapping to a new row where
// the width ends, so the legend never widens the window. Its height
// follows the width it was last given.
type flowLayout struct{ width float32 }

func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := l.rows(objs, l.width, nil)
	return fyne.NewSize(w, h)
}

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.rows(objs, size.Width, func(o fyne.CanvasObject, pos fyne.Position) {
		o.Move(pos)
		o.Resize(o.MinSize())
	})
}

// rows places objects in rows no wider than width (0: one row) and
// reports the widest object and the height; place may be nil.
func (l *flowLayout) rows(objs []fyne.CanvasObject, width float32, place func(fyne.CanvasObject, fyne.Position)) (float32, float32) {
	var x, y, rowH, widest float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		widest = max(widest, m.Width)
		if width > 0 && x > 0 && x+m.Width > width {
			x, y, rowH = 0, y+rowH, 0
		}
		if place != nil {
			place(o, fyne.NewPos(x, y))
		}
		x += m.Width
		rowH = max(rowH, m.Height)
	}
	if width == 0 {
		widest = x
	}
	return widest, y + rowH
}
