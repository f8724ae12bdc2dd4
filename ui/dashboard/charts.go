package dashboard

import (
	"bytes"
	"image"
	"image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
)

// chartSize is the size the charts are drawn at, in pixels.
var chartSize = fyne.NewSize(560, 260)

// drawCharts renders every chart of a dashboard to images; it runs off
// the UI goroutine.
func drawCharts(d stats.Dashboard, dark bool) (map[string]image.Image, error) {
	out := map[string]image.Image{}
	for _, c := range report.Charts {
		b, err := report.Draw(d, c.Name, chartStyle(dark))
		if err != nil {
			return nil, err
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		out[c.Name] = img
	}
	return out, nil
}

// chartMinSize is the least a chart slot takes: two of them side by side
// fit a 1024-pixel window beside the navigation; a wider window shows
// them larger, up to the size they are drawn at.
var chartMinSize = fyne.NewSize(chartSize.Width*0.7, chartSize.Height*0.7)

// newChartImage is an empty chart slot.
func newChartImage() *canvas.Image {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(chartMinSize)
	return img
}

// chartGrid lays the chart cells out two in a row when two fit at least
// chartMinSize wide, else one, and makes each chart as tall as its width
// asks (up to the size it is drawn at, never blown up), so the charts
// fill a wide window and still fit a narrow one.
type chartGrid struct {
	imgs  []*canvas.Image
	width float32 // the width last laid out
}

func (g *chartGrid) cols(width float32) int {
	if width > 0 && width < 2*chartMinSize.Width+theme.Padding() {
		return 1
	}
	return 2
}

// imageHeight is a chart's height in a cell of width w.
func (g *chartGrid) imageHeight(w float32) float32 {
	return min(w, chartSize.Width) * chartSize.Height / chartSize.Width
}

func (g *chartGrid) cellWidth(width float32) float32 {
	cols := float32(g.cols(width))
	return (width - theme.Padding()*(cols-1)) / cols
}

func (g *chartGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	g.width = size.Width
	cols, w := g.cols(size.Width), g.cellWidth(size.Width)
	h := g.imageHeight(w)
	for _, img := range g.imgs {
		if img.MinSize().Height != h {
			img.SetMinSize(fyne.NewSize(chartMinSize.Width, h))
		}
	}
	y := float32(0)
	for i := 0; i < len(objs); i += cols {
		rowH := float32(0)
		for j := i; j < min(i+cols, len(objs)); j++ {
			rowH = max(rowH, objs[j].MinSize().Height)
		}
		for j := i; j < min(i+cols, len(objs)); j++ {
			objs[j].Move(fyne.NewPos(float32(j-i)*(w+theme.Padding()), y))
			objs[j].Resize(fyne.NewSize(w, rowH))
		}
		y += rowH + theme.Padding()
	}
}

func (g *chartGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	cols := g.cols(g.width)
	h := float32(0)
	for i := 0; i < len(objs); i += cols {
		rowH := float32(0)
		for j := i; j < min(i+cols, len(objs)); j++ {
			rowH = max(rowH, objs[j].MinSize().Height)
		}
		h += rowH
		if i > 0 {
			h += theme.Padding()
		}
	}
	return fyne.NewSize(chartMinSize.Width, h)
}

// chartTap is a chart slot whose bars and points open the messages behind
// them (Screen.drillAt).
type chartTap struct {
	widget.BaseWidget
	s    *Screen
	name string
	img  *canvas.Image
}

func newChartTap(s *Screen, name string, img *canvas.Image) *chartTap {
	c := &chartTap{s: s, name: name, img: img}
	c.ExtendBaseWidget(c)
	return c
}

func (c *chartTap) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.img) }

// Tapped opens what is under the pointer.
func (c *chartTap) Tapped(ev *fyne.PointEvent) {
	c.s.drillAt(c.name, c.img.Image, c.Size(), ev.Position)
}

// Cursor is a hand over the charts whose bars open messages.
func (c *chartTap) Cursor() desktop.Cursor {
	if report.HasSpots(c.name) {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// imagePoint is the pixel of img under pos in a slot of the given size,
// the image drawn contained and centred (canvas.ImageFillContain).
func imagePoint(img image.Image, size fyne.Size, pos fyne.Position) (x, y int, ok bool) {
	b := img.Bounds()
	iw, ih := float32(b.Dx()), float32(b.Dy())
	if iw == 0 || ih == 0 {
		return 0, 0, false
	}
	scale := min(size.Width/iw, size.Height/ih)
	ox, oy := (size.Width-iw*scale)/2, (size.Height-ih*scale)/2
	px, py := (pos.X-ox)/scale, (pos.Y-oy)/scale
	if px < 0 || py < 0 || px >= iw || py >= ih {
		return 0, 0, false
	}
	return b.Min.X + int(px), b.Min.Y + int(py), true
}
