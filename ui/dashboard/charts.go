package dashboard

import (
	"bytes"
	"image"
	"image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

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
		b, err := report.Draw(d, c.Name, report.Style{Format: report.PNG, Width: int(chartSize.Width),
			Height: int(chartSize.Height), Dark: dark})
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

// newChartImage is an empty chart slot of the charts' size.
func newChartImage() *canvas.Image {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(chartSize)
	return img
}
