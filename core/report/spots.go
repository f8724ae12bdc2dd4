package report

import (
	"image"
	"image/color"
	"math"
	"time"

	"github.com/go-analyze/charts"

	"github.com/hearthhq/hearth/core/stats"
)

// Spot is what lies under a point of a drawn chart: the days [From, To)
// of a day's bar or point or of a week's point, and the channel of a
// stacked bar's segment (0: every channel the chart shows).
type Spot struct {
	From, To  time.Time
	AccountID int64
	// Weekday (Monday 0) and Hour are the heatmap's cell; Bucket is the
	// reply-time histogram's bar (stats.Buckets).
	Weekday, Hour, Bucket int
}

// HasSpots says whether a chart's bars, points or cells name what they
// count (At says what).
func HasSpots(name string) bool {
	switch name {
	case ChartDays, ChartChannels, ChartTone, ChartHeatmap, ChartHistogram:
		return true
	}
	return false
}

// At says what the point (x, y) of a chart's image, drawn by Draw in
// this style, shows: the day of the day charts (and, on a channel's
// segment of the stacked bars, that channel), the week of the tone chart,
// the weekday and hour of the heatmap's cell, the reply-time histogram's
// bucket. ok is false for the other charts and outside the plot.
func (s Style) At(d stats.Dashboard, name string, img image.Image, x, y int) (Spot, bool) {
	if name == ChartHeatmap {
		return heatCell(img, x, y)
	}
	left, right, ok := plotSpan(img)
	if !ok || x < left || x >= right {
		return Spot{}, false
	}
	switch name {
	case ChartDays:
		i, ok := category(x-left, right-left, len(d.Days), false)
		if !ok {
			return Spot{}, false
		}
		return Spot{From: d.Days[i].Date, To: d.Days[i].Date.AddDate(0, 0, 1)}, true
	case ChartChannels:
		i, ok := category(x-left, right-left, len(d.Days), true)
		if !ok {
			return Spot{}, false
		}
		sp := Spot{From: d.Days[i].Date, To: d.Days[i].Date.AddDate(0, 0, 1)}
		sp.AccountID = s.segment(d, img.At(x, y))
		return sp, true
	case ChartTone:
		weeks := stats.ToneWeeks(d.Days)
		i, ok := category(x-left, right-left, len(weeks), false)
		if !ok {
			return Spot{}, false
		}
		// To the next Monday, or the period's end.
		to := weeks[i].From.AddDate(0, 0, 1)
		for to.Weekday() != time.Monday && to.Before(d.Period.To) {
			to = to.AddDate(0, 0, 1)
		}
		return Spot{From: weeks[i].From, To: to}, true
	case ChartHistogram:
		i, _ := category(x-left, right-left, len(stats.Buckets), true)
		return Spot{Bucket: i}, true
	}
	return Spot{}, false
}

// heatCell is the heatmap's cell at (x, y). go-analyze/charts fills 24 x
// 7 cells edge to edge, each a shade of one colour and none the
// background's: every row through the cells has the same longest run of
// non-background pixels (the axis line below is a little longer, the
// text's runs short), and the rows that have it are the cells' height.
func heatCell(img image.Image, x, y int) (Spot, bool) {
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	runs := map[[2]int][]int{} // a run along rows, and the rows that have it
	var cells [2]int
	for row := b.Min.Y; row < b.Max.Y; row++ {
		l, r := longestRun(b.Min.X, b.Max.X, func(i int) bool { return img.At(i, row) != bg })
		if r-l < b.Dx()/2 {
			continue
		}
		k := [2]int{l, r}
		runs[k] = append(runs[k], row)
		if len(runs[k]) > len(runs[cells]) {
			cells = k
		}
	}
	rows := runs[cells]
	if len(rows) < 7 {
		return Spot{}, false
	}
	left, right, top, bottom := cells[0], cells[1], rows[0], rows[len(rows)-1]+1
	if x < left || x >= right || y < top || y >= bottom {
		return Spot{}, false
	}
	return Spot{Weekday: (y - top) * 7 / (bottom - top), Hour: (x - left) * 24 / (right - left)}, true
}

// longestRun is the longest run [from, to) of i in [i0, i1) where in(i).
func longestRun(i0, i1 int, in func(i int) bool) (from, to int) {
	for i := i0; i < i1; {
		if !in(i) {
			i++
			continue
		}
		k := i
		for k < i1 && in(k) {
			k++
		}
		if k-i > to-from {
			from, to = i, k
		}
		i = k
	}
	return from, to
}

// category is the index of the category of n at x in a plot w pixels
// wide, as go-analyze/charts places them: bars in n equal bands; a line's
// points in the middle of n bands, or, when a band would be 40 pixels or
// narrower, from edge to edge (the nearest point).
func category(x, w, n int, bars bool) (int, bool) {
	if n == 0 || w <= 0 {
		return 0, false
	}
	if !bars && n > 1 && w/n <= 40 {
		i := int(math.Round(float64(x) * float64(n-1) / float64(w)))
		return min(max(i, 0), n-1), true
	}
	return min(x*n/w, n-1), true
}

// segment is the account whose colour the stacked bars have at c, in the
// order channelsChart stacks them; 0 when c is no series' colour (the
// space above a bar, an edge).
func (s Style) segment(d stats.Dashboard, c color.Color) int64 {
	name := charts.ThemeLight
	if s.Dark {
		name = charts.ThemeDark
	}
	theme := charts.GetTheme(name)
	r, g, b, _ := c.RGBA()
	k := 0
	for _, a := range d.Accounts {
		if d.Query.AccountID != 0 && a.ID != d.Query.AccountID {
			continue
		}
		sr, sg, sb, _ := theme.GetSeriesColor(k).RGBA()
		if sr == r && sg == g && sb == b {
			return a.ID
		}
		k++
	}
	return 0
}

// plotSpan finds the left and right edges of a chart's plot in its
// image: the grid lines across the plot are the longest horizontal runs
// of one colour other than the background's.
func plotSpan(img image.Image) (left, right int, ok bool) {
	bnd := img.Bounds()
	bg := img.At(bnd.Min.X, bnd.Min.Y)
	best := 0
	for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
		for x := bnd.Min.X; x < bnd.Max.X; {
			c, x0 := img.At(x, y), x
			for x < bnd.Max.X && img.At(x, y) == c {
				x++
			}
			if c != bg && x-x0 > best {
				best, left, right = x-x0, x0, x
			}
		}
	}
	// A grid line spans most of the chart; anything shorter is no plot.
	return left, right, best > bnd.Dx()/2
}
