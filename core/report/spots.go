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
}

// HasSpots says whether a chart's bars or points are days (At names them).
func HasSpots(name string) bool {
	return name == ChartDays || name == ChartChannels || name == ChartTone
}

// At says what the point (x, y) of a chart's image, drawn by Draw in
// this style, shows: the day of the day charts (and, on a channel's
// segment of the stacked bars, that channel), the week of the tone chart.
// ok is false for the other charts (their bars are not sets of days) and
// outside the plot.
func (s Style) At(d stats.Dashboard, name string, img image.Image, x, y int) (Spot, bool) {
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
	}
	return Spot{}, false
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
