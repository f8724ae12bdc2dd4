package report_test

import (
	"bytes"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/go-analyze/charts"

	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
)

func drawn(t *testing.T, d stats.Dashboard, name string, s report.Style) image.Image {
	t.Helper()
	b, err := report.Draw(d, name, s)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// seriesColour says whether the pixel is the k-th series' colour.
func seriesColour(img image.Image, x, y, k int, dark bool) bool {
	theme := charts.ThemeLight
	if dark {
		theme = charts.ThemeDark
	}
	r, g, b, _ := img.At(x, y).RGBA()
	sr, sg, sb, _ := charts.GetTheme(theme).GetSeriesColor(k).RGBA()
	return r == sr && g == sg && b == sb
}

// A click on a chart's bar or point names the days behind it: found here
// from the pixels the chart drew (the bars of the days with messages in,
// the highest point of a line), not from the layout At assumes.
func TestChartSpots(t *testing.T) {
	t.Parallel()
	d := dashboard(t)
	acct := d.Accounts[0].ID
	day := func(i int) time.Time { return d.Days[i].Date }
	for _, dark := range []bool{false, true} {
		s := report.Style{Format: report.PNG, Width: 560, Height: 260, Dark: dark}
		// The stacked bars: each run of the community's colour along a
		// row through the bars is one day with comments, in order.
		img := drawn(t, d, report.ChartChannels, s)
		var withIn []int
		for i, day := range d.Days {
			if day.AccountIn[acct] > 0 {
				withIn = append(withIn, i)
			}
		}
		bars, top := barRuns(img, dark)
		if len(bars) != len(withIn) {
			t.Fatalf("dark %v: %d bars drawn, %d days with messages in", dark, len(bars), len(withIn))
		}
		for k, run := range bars {
			x := (run[0] + run[1]) / 2
			sp, ok := s.At(d, report.ChartChannels, img, x, run[2])
			want := report.Spot{From: day(withIn[k]), To: day(withIn[k]).AddDate(0, 0, 1), AccountID: acct}
			if !ok || sp != want {
				t.Errorf("dark %v: bar %d at x %d: %+v %v, want %+v", dark, k, x, sp, ok, want)
			}
			// Above the bar: the same day, every channel.
			if sp, ok := s.At(d, report.ChartChannels, img, x, top); !ok || sp.From != want.From || sp.AccountID != 0 {
				t.Errorf("dark %v: above bar %d: %+v %v, want %s on every channel", dark, k, sp, ok, want.From)
			}
		}
		if _, ok := s.At(d, report.ChartChannels, img, 2, 100); ok {
			t.Errorf("dark %v: the axis labels' margin named a day", dark)
		}
	}
	// The days' lines: the highest point of "out" is the day we wrote most.
	s := report.Style{Format: report.PNG, Width: 560, Height: 260}
	most := 0
	for i, day := range d.Days {
		if day.Out > d.Days[most].Out {
			most = i
		}
	}
	img := drawn(t, d, report.ChartDays, s)
	if x, y, ok := highest(img, 1, false); !ok {
		t.Fatal("no line of messages out drawn")
	} else if sp, ok := s.At(d, report.ChartDays, img, x, y); !ok || !sp.From.Equal(day(most)) || !sp.To.Equal(day(most).AddDate(0, 0, 1)) {
		t.Errorf("the top of the out line at x %d: %+v %v, want %s", x, sp, ok, day(most))
	}
	// The tone: the highest point of "all" is the most negative week.
	weeks := stats.ToneWeeks(d.Days)
	worst, share := 0, -1.0
	for i, w := range weeks {
		if f, ok := w.Tone.NegativeShare(); ok && f > share {
			worst, share = i, f
		}
	}
	img = drawn(t, d, report.ChartTone, s)
	// Both lines are the same (one channel): the channel's is drawn over.
	if x, y, ok := highest(img, 1, false); !ok {
		t.Fatal("no tone line drawn")
	} else if sp, ok := s.At(d, report.ChartTone, img, x, y); !ok || !sp.From.Equal(weeks[worst].From) ||
		!sp.To.Equal(weeks[worst+1].From) {
		t.Errorf("the top of the tone line at x %d: %+v %v, want the week of %s", x, sp, ok, weeks[worst].From)
	}
	if sp, ok := s.At(d, report.ChartHistogram, drawn(t, d, report.ChartHistogram, s), 300, 150); ok && !sp.From.IsZero() {
		t.Error("a reply-time bar named days")
	}
}

// barRuns are the runs of series 0's colour along a row just above the
// plot's lowest long line, where the bars stand (x from, x to, y), and a
// row above every bar.
func barRuns(img image.Image, dark bool) (runs [][3]int, above int) {
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	lowest := -1
	for y := b.Max.Y - 1; y >= b.Min.Y && lowest < 0; y-- {
		n := 0
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := img.At(x, y); c != bg && c == img.At(x-1, y) {
				n++
			}
		}
		if n > b.Dx()/2 {
			lowest = y - 2
		}
	}
	above = b.Max.Y
	for x := b.Min.X; x < b.Max.X; x++ {
		if !seriesColour(img, x, lowest, 0, dark) {
			continue
		}
		x0 := x
		for x < b.Max.X && seriesColour(img, x, lowest, 0, dark) {
			x++
		}
		if x-x0 < 3 { // the legend's line, an edge
			continue
		}
		runs = append(runs, [3]int{x0, x, lowest})
		y := lowest
		for y > b.Min.Y && seriesColour(img, (x0+x)/2, y, 0, dark) {
			y--
		}
		above = min(above, y-3)
	}
	return runs, above
}

// highest is the topmost pixel of series k's colour in the plot, below
// its highest grid line (the legend may sit above it).
func highest(img image.Image, k int, dark bool) (x, y int, ok bool) {
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	top := b.Max.Y
	for y := b.Min.Y; y < b.Max.Y && top == b.Max.Y; y++ {
		n := 0
		for x := b.Min.X + 1; x < b.Max.X; x++ {
			if c := img.At(x, y); c != bg && c == img.At(x-1, y) {
				n++
			}
		}
		if n > b.Dx()/2 {
			top = y
		}
	}
	for y := top; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if seriesColour(img, x, y, k, dark) {
				return x, y, true
			}
		}
	}
	return 0, 0, false
}

// The tone point of a week under way stands for that week, up to its
// Sunday, not for the rest of the month.
func TestToneSpotOfAWeekUnderWay(t *testing.T) {
	var d stats.Dashboard
	d.Period.From = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	d.Period.To = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 6 { // Tuesday 1 to Sunday 6 December
		d.Days = append(d.Days, stats.Day{Date: d.Period.From.AddDate(0, 0, i), Tone: stats.ToneCount{Toned: 4, Negative: 1}})
	}
	s := report.Style{Format: report.PNG, Width: 560, Height: 260}
	img := drawn(t, d, report.ChartTone, s)
	sp, ok := s.At(d, report.ChartTone, img, 300, 150)
	if want := (report.Spot{From: d.Period.From, To: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)}); !ok || sp != want {
		t.Errorf("the week of 1 December: %+v %v, want %+v", sp, ok, want)
	}
}

// A click on the heatmap names the cell under it: each cell lit alone is
// told from the others by the pixels it changes, and every pixel inside
// it names it; a click on a reply-time bar names its bucket.
func TestHeatmapAndHistogramSpots(t *testing.T) {
	t.Parallel()
	for _, dark := range []bool{false, true} {
		s := report.Style{Format: report.PNG, Width: 560, Height: 260, Dark: dark}
		var d stats.Dashboard
		d.Zone = "Europe/Paris"
		blank := drawn(t, d, report.ChartHeatmap, s)
		for _, cell := range [][2]int{{0, 0}, {6, 23}, {2, 14}, {6, 2}, {3, 12}} {
			lit := d
			lit.Heatmap[cell[0]][cell[1]] = 5
			img := drawn(t, lit, report.ChartHeatmap, s)
			b := img.Bounds()
			x0, y0, x1, y1 := b.Max.X, b.Max.Y, -1, -1
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					if img.At(x, y) != blank.At(x, y) {
						x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
					}
				}
			}
			if x1 < 0 || x1-x0 < 6 || y1-y0 < 6 {
				t.Fatalf("dark %v: cell %v lit no cell: %d,%d..%d,%d", dark, cell, x0, y0, x1, y1)
			}
			want := report.Spot{Weekday: cell[0], Hour: cell[1]}
			for _, p := range [][2]int{{(x0 + x1) / 2, (y0 + y1) / 2}, {x0 + 1, y0 + 1}, {x1 - 1, y1 - 1}, {x0 + 1, y1 - 1}, {x1 - 1, y0 + 1}} {
				if sp, ok := s.At(lit, report.ChartHeatmap, img, p[0], p[1]); !ok || sp != want {
					t.Errorf("dark %v: cell %v at %v: %+v %v", dark, cell, p, sp, ok)
				}
			}
		}
		if _, ok := s.At(d, report.ChartHeatmap, blank, 2, 2); ok {
			t.Errorf("dark %v: the title's corner named a cell", dark)
		}
		// The histogram: a bar in each bucket, its height 10 times its index + 1;
		// the column through each bar's middle names that bucket.
		d.Histogram = []int{10, 20, 30, 40, 50}
		img := drawn(t, d, report.ChartHistogram, s)
		bars, _ := barRuns(img, dark)
		if len(bars) != 5 {
			t.Fatalf("dark %v: %d reply-time bars drawn, want 5", dark, len(bars))
		}
		for k, run := range bars {
			if sp, ok := s.At(d, report.ChartHistogram, img, (run[0]+run[1])/2, run[2]); !ok || sp != (report.Spot{Bucket: k}) {
				t.Errorf("dark %v: bar %d: %+v %v", dark, k, sp, ok)
			}
		}
	}
}
