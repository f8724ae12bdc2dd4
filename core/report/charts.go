// Package report draws the dashboard's charts (go-analyze/charts, PNG for
// the window and the PDF, SVG for the HTML report) and writes a period's
// report as PDF, one self-contained HTML file or CSV. The numbers are
// core/stats's: a chart, a tile and a CSV row of the same thing are made
// from the same slice.
package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/go-analyze/charts"

	"github.com/hearthhq/hearth/core/stats"
)

// Format is a chart's image format.
type Format string

// Chart image formats.
const (
	PNG Format = charts.ChartOutputPNG
	SVG Format = charts.ChartOutputSVG
)

// Style is how a chart is drawn: its size in pixels, its theme, and the
// language of its words and numbers (the window's, or the report's).
type Style struct {
	Format        Format
	Width, Height int
	Dark          bool
	// Words translates a chart's English words (titles, legends, the reply
	// time buckets); nil leaves them English.
	Words func(english string) string
	// Day writes a day under the axis; nil writes "2 Jan".
	Day func(time.Time) string
	// Weekdays label the heatmap's rows, Monday first; nil: Weekdays.
	Weekdays []string
	// Decimal writes the axes' numbers with the language's separators;
	// nil writes them as Go does ("1.5", "18000").
	Decimal func(v float64, digits int) string
}

// countLabel writes a count without decimals (an axis step that is not a
// whole number keeps one).
func (s Style) countLabel(v float64) string {
	digits := 0
	if v != float64(int64(v)) {
		digits = 1
	}
	if s.Decimal == nil {
		return strconv.FormatFloat(v, 'f', digits, 64)
	}
	return s.Decimal(v, digits)
}

// peopleLabel writes a count of people on an axis whose steps over a
// narrow range fall between whole numbers ("4260.6"): rounded.
func (s Style) peopleLabel(v float64) string {
	if s.Decimal == nil {
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	}
	return s.Decimal(math.Round(v), 0)
}

// word is an English word of a chart in the style's language.
func (s Style) word(english string) string {
	if s.Words == nil {
		return english
	}
	return s.Words(english)
}

func (s Style) words(english []string) []string {
	out := make([]string, len(english))
	for i, w := range english {
		out[i] = s.word(w)
	}
	return out
}

func (s Style) weekdays() []string {
	if len(s.Weekdays) == 7 {
		return s.Weekdays
	}
	return Weekdays
}

// dayLabels writes the days of the day charts.
func (s Style) dayLabels(d stats.Dashboard) []string {
	if s.Day == nil {
		labels, _, _ := DaySeries(d)
		return labels
	}
	out := make([]string, len(d.Days))
	for i, day := range d.Days {
		out[i] = s.Day(day.Date)
	}
	return out
}

func (s Style) opts(title string) []charts.OptionFunc {
	theme := charts.ThemeLight
	if s.Dark {
		theme = charts.ThemeDark
	}
	return []charts.OptionFunc{
		func(o *charts.ChartOption) {
			o.OutputFormat = string(s.Format)
			// Counts: whole numbers on the axis and the bars, not "40.00".
			o.ValueFormatter = s.countLabel
			o.YAxis = []charts.YAxisOption{{ValueFormatter: s.countLabel}}
		},
		charts.DimensionsOptionFunc(s.Width, s.Height),
		charts.ThemeNameOptionFunc(theme),
		charts.TitleTextOptionFunc(title),
		charts.PaddingOptionFunc(charts.Box{Top: 16, Right: 24, Bottom: 16, Left: 16}),
	}
}

// countAxis sets a count chart's value axis: from 0 to a little above
// top (the highest bar or point, room for its label) in whole steps.
// Left to choose, the axis stepped by 0.4 when the most was one message
// (0, 0.4, 0.8, 1.2), by 1.1 at nine and 2.5 at fifteen.
func (s Style) countAxis(top float64) charts.OptionFunc {
	from, to, n := wholeSteps(0, top*1.05, s.axisSteps())
	return func(o *charts.ChartOption) {
		if len(o.YAxis) == 0 {
			o.YAxis = []charts.YAxisOption{{ValueFormatter: s.countLabel}}
		}
		o.YAxis[0].Min, o.YAxis[0].Max, o.YAxis[0].LabelCount = charts.Ptr(from), charts.Ptr(to), n+1
	}
}

// axisSteps is how many steps a value axis has at most: a label every 40
// pixels of the chart's height.
func (s Style) axisSteps() int { return min(max(s.Height/40, 4), 10) }

// wholeSteps spans lo..hi with the least whole step of 1, 2, 5, 10, 20,
// 25, 50, ... that needs at most most steps; the axis runs from a
// multiple of the step at or under lo to one at or over hi, at least one
// step.
func wholeSteps(lo, hi float64, most int) (from, to float64, steps int) {
	for k := 1.0; ; k *= 10 {
		for _, m := range []float64{1, 2, 2.5, 5} {
			step := m * k
			if step != math.Trunc(step) {
				continue
			}
			from, to = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
			if to == from {
				to += step
			}
			if n := int(math.Round((to - from) / step)); n <= most {
				return from, to, n
			}
		}
	}
}

// sparseLabels keeps the label of every k-th day or week (the first
// one's included), k the least step that leaves 100 pixels to a label,
// and blanks the others; the chart then writes every label it is given
// (LabelCount = len), each at its own day. Left to choose, the axis
// spaced a quarter's weeks unevenly and ran them into each other ("2 Nov"
// over "26 Oct"), and a 30-day month's last two days ("27 No30 Nov").
func sparseLabels(labels []string, width int) []string {
	fit := max(1, width/100)
	k := (len(labels) + fit - 1) / fit
	if k <= 1 {
		return labels
	}
	out := make([]string, len(labels))
	for i := 0; i < len(labels); i += k {
		out[i] = labels[i]
	}
	return out
}

// legendBelow puts the legend under the chart, where a long list of
// channels has room and does not run into the title.
func legendBelow(o *charts.ChartOption) {
	o.Legend.Offset = charts.OffsetStr{Left: charts.PositionCenter, Top: charts.PositionBottom}
}

// Chart names, in the order the dashboard and the reports show them.
const (
	ChartDays      = "days"
	ChartChannels  = "channels"
	ChartHeatmap   = "heatmap"
	ChartHistogram = "histogram"
	ChartTone      = "tone"
	ChartAudience  = "audience"
)

// Charts lists the charts with their titles.
var Charts = []struct{ Name, Title string }{
	{ChartAudience, "Audience"},
	{ChartDays, "Messages per day"},
	{ChartChannels, "Messages in per channel"},
	{ChartHeatmap, "When members write (weekday × hour)"},
	{ChartHistogram, "Reply times"},
	{ChartTone, "Negative messages per week (%)"},
}

// Draw renders one chart of a dashboard.
func Draw(d stats.Dashboard, name string, s Style) ([]byte, error) {
	var (
		p   *charts.Painter
		err error
	)
	switch name {
	case ChartDays:
		p, err = daysChart(d, s)
	case ChartChannels:
		p, err = channelsChart(d, s)
	case ChartHeatmap:
		p, err = heatmapChart(d, s)
	case ChartHistogram:
		p, err = histogramChart(d, s)
	case ChartTone:
		p, err = toneChart(d, s)
	case ChartAudience:
		p, err = audienceChart(d, s)
	default:
		return nil, fmt.Errorf("report: no chart %q", name)
	}
	if err != nil {
		return nil, fmt.Errorf("report: chart %s: %w", name, err)
	}
	b, err := p.Bytes()
	if err != nil {
		return nil, fmt.Errorf("report: chart %s: %w", name, err)
	}
	return b, nil
}

// DaySeries are the per-day numbers the day charts and the CSV share.
func DaySeries(d stats.Dashboard) (labels []string, in, out []float64) {
	for _, day := range d.Days {
		labels = append(labels, day.Date.Format("2 Jan"))
		in = append(in, float64(day.In))
		out = append(out, float64(day.Out))
	}
	return labels, in, out
}

func chartTitle(s string) string {
	for _, c := range Charts {
		if c.Name == s {
			return c.Title
		}
	}
	return s
}

func daysChart(d stats.Dashboard, s Style) (*charts.Painter, error) {
	_, in, out := DaySeries(d)
	labels := s.dayLabels(d)
	if len(labels) == 0 {
		labels, in, out = []string{""}, []float64{0}, []float64{0}
	}
	opts := append(s.opts(s.word(chartTitle(ChartDays))),
		charts.XAxisLabelsOptionFunc(sparseLabels(labels, s.Width)),
		charts.LegendLabelsOptionFunc(s.words([]string{"in (members)", "out (ours)"})),
		func(o *charts.ChartOption) {
			o.Legend.Offset = charts.OffsetRight
			o.Symbol.Shape = charts.SymbolNone
			o.XAxis.LabelCount = len(labels)
		},
		s.countAxis(max(slices.Max(in), slices.Max(out))))
	return charts.LineRender([][]float64{in, out}, opts...)
}

// channelsChart stacks each channel's messages in per day.
func channelsChart(d stats.Dashboard, s Style) (*charts.Painter, error) {
	labels := s.dayLabels(d)
	var (
		values [][]float64
		names  []string
	)
	for _, a := range d.Accounts {
		if d.Query.AccountID != 0 && a.ID != d.Query.AccountID {
			continue
		}
		row := make([]float64, len(d.Days))
		for i, day := range d.Days {
			row[i] = float64(day.AccountIn[a.ID])
		}
		values, names = append(values, row), append(names, a.Name)
	}
	if len(values) == 0 || len(labels) == 0 {
		values, names, labels = [][]float64{{0}}, []string{s.word("none")}, []string{""}
	}
	var top float64 // the highest stack
	for i := range values[0] {
		var sum float64
		for _, row := range values {
			sum += row[i]
		}
		top = max(top, sum)
	}
	opts := append(s.opts(s.word(chartTitle(ChartChannels))),
		charts.XAxisLabelsOptionFunc(sparseLabels(labels, s.Width)),
		charts.LegendLabelsOptionFunc(names),
		func(o *charts.ChartOption) {
			o.StackSeries = charts.Ptr(true)
			legendBelow(o)
			o.XAxis.LabelCount = len(labels)
		},
		s.countAxis(top))
	return charts.BarRender(values, opts...)
}

// Weekdays label the heatmap's rows, Monday first.
var Weekdays = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

func heatmapChart(d stats.Dashboard, s Style) (*charts.Painter, error) {
	values := make([][]float64, 7)
	for i := range values {
		values[i] = make([]float64, 24)
		for h := range 24 {
			values[i][h] = float64(d.Heatmap[i][h])
		}
	}
	hours := make([]string, 24)
	for h := range hours {
		if h%3 == 0 { // every third hour: 24 labels run into each other
			hours[h] = strconv.Itoa(h)
		}
	}
	theme := charts.ThemeLight
	if s.Dark {
		theme = charts.ThemeDark
	}
	p := charts.NewPainter(charts.PainterOptions{OutputFormat: string(s.Format), Width: s.Width, Height: s.Height,
		Theme: charts.GetTheme(theme)})
	err := p.HeatMapChart(charts.HeatMapOption{
		Theme:   charts.GetTheme(theme),
		Padding: charts.Box{Top: 16, Right: 24, Bottom: 16, Left: 16},
		Title:   charts.TitleOption{Text: s.word(chartTitle(ChartHeatmap)) + " · " + d.Zone},
		Values:  values,
		XAxis:   charts.HeatMapAxis{Labels: hours, LabelCount: 24},
		YAxis:   charts.HeatMapAxis{Labels: s.weekdays()},
	})
	return p, err
}

func histogramChart(d stats.Dashboard, s Style) (*charts.Painter, error) {
	row := make([]float64, len(stats.Buckets))
	for i, n := range d.Histogram {
		row[i] = float64(n)
	}
	opts := append(s.opts(s.word(chartTitle(ChartHistogram))),
		charts.XAxisLabelsOptionFunc(s.words(stats.Buckets)),
		charts.LegendLabelsOptionFunc(s.words([]string{"replies"})),
		charts.SeriesShowLabel(true),
		func(o *charts.ChartOption) {
			o.Legend.Show = charts.Ptr(false)
			// Every bucket named: left to choose, the axis dropped
			// French "1-4 h" beside the longer "moins d’1 h".
			o.XAxis.LabelCount = len(stats.Buckets)
			for i := range o.SeriesList {
				o.SeriesList[i].Label.ValueFormatter = s.countLabel
			}
		},
		s.countAxis(slices.Max(row)))
	return charts.BarRender([][]float64{row}, opts...)
}

// ToneSeries are the tone chart's lines: the share of negative messages
// (percent) per week, in all and per channel with analysed messages; a
// week with none analysed has no point (charts.GetNullValue), not 0%.
func (s Style) ToneSeries(d stats.Dashboard) (labels, names []string, values [][]float64) {
	weeks := stats.ToneWeeks(d.Days)
	line := func(tone func(stats.ToneWeek) stats.ToneCount) []float64 {
		row := make([]float64, len(weeks))
		for i, w := range weeks {
			row[i] = charts.GetNullValue()
			if share, ok := tone(w).NegativeShare(); ok {
				row[i] = share * 100
			}
		}
		return row
	}
	for _, w := range weeks {
		if s.Day != nil {
			labels = append(labels, s.Day(w.From))
		} else {
			labels = append(labels, w.From.Format("2 Jan"))
		}
	}
	names, values = []string{s.word("all")}, [][]float64{line(func(w stats.ToneWeek) stats.ToneCount { return w.Tone })}
	for _, a := range d.Accounts {
		if d.Query.AccountID != 0 && a.ID != d.Query.AccountID {
			continue
		}
		analysed := false
		for _, w := range weeks {
			analysed = analysed || w.AccountTone[a.ID].Toned > 0
		}
		if analysed && d.Query.AccountID == 0 {
			id := a.ID
			names = append(names, a.Name)
			values = append(values, line(func(w stats.ToneWeek) stats.ToneCount { return w.AccountTone[id] }))
		}
	}
	return labels, names, values
}

func toneChart(d stats.Dashboard, s Style) (*charts.Painter, error) {
	labels, names, values := s.ToneSeries(d)
	if len(labels) == 0 {
		labels, values = []string{""}, [][]float64{{charts.GetNullValue()}}
	}
	opts := append(s.opts(s.word(chartTitle(ChartTone))),
		charts.XAxisLabelsOptionFunc(sparseLabels(labels, s.Width)),
		charts.LegendLabelsOptionFunc(names),
		func(o *charts.ChartOption) {
			legendBelow(o)
			o.XAxis.LabelCount = len(labels)
			o.YAxis[0].Min, o.YAxis[0].Max = charts.Ptr(0.0), charts.Ptr(100.0)
			o.YAxis[0].LabelCount = 6 // 0, 20, ... 100: not 16.7, 33.3
		})
	return charts.LineRender(values, opts...)
}

// AudienceSeries are the audience chart's lines: each X and VK account's
// followers or members at the end of each day of the period; a day before
// its first reading has no point (charts.GetNullValue), not 0. The CSV's
// day rows hold the same numbers.
func AudienceSeries(d stats.Dashboard) (ids []int64, names []string, values [][]float64) {
	for _, a := range d.Accounts {
		if d.Query.AccountID != 0 && a.ID != d.Query.AccountID {
			continue
		}
		row := make([]float64, len(d.Days))
		known := false
		for i, day := range d.Days {
			row[i] = charts.GetNullValue()
			if n, ok := day.Audience[a.ID]; ok {
				row[i], known = float64(n), true
			}
		}
		if known {
			ids, names, values = append(ids, a.ID), append(names, a.Name), append(values, row)
		}
	}
	return ids, names, values
}

// known is the least and the most of a line's points, without the days
// it has none (charts.GetNullValue); ok is false when it has none.
func known(row []float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range row {
		if v != charts.GetNullValue() {
			lo, hi, ok = min(lo, v), max(hi, v), true
		}
	}
	return lo, hi, ok
}

func audienceChart(d stats.Dashboard, s Style) (*charts.Painter, error) {
	_, names, values := AudienceSeries(d)
	labels := s.dayLabels(d)
	if len(values) == 0 || len(labels) == 0 {
		labels, names, values = []string{""}, []string{s.word("none")}, [][]float64{{charts.GetNullValue()}}
	}
	opts := append(s.opts(s.word(chartTitle(ChartAudience))),
		charts.XAxisLabelsOptionFunc(sparseLabels(labels, s.Width)),
		charts.LegendLabelsOptionFunc(names),
		func(o *charts.ChartOption) {
			legendBelow(o)
			o.Symbol.Shape = charts.SymbolNone
			o.XAxis.LabelCount = len(labels)
			o.YAxis = []charts.YAxisOption{{ValueFormatter: s.peopleLabel}}
			if len(values) == 2 {
				// A community of 4,000 beside an account of 18,000 on one
				// axis draws two flat lines: each gets its own axis, its
				// labels in its line's colour.
				o.SeriesList[1].YAxisIndex = 1
				o.YAxis = []charts.YAxisOption{{ValueFormatter: s.peopleLabel}, {ValueFormatter: s.peopleLabel}}
				for i := range o.YAxis {
					o.YAxis[i].LabelFontStyle.FontColor = o.Theme.GetSeriesColor(i)
				}
			}
			// People in whole steps over the line's own range: left to
			// choose, two axes stepped by 2.4, rounded to 4249, 4251, 4254.
			for i := range o.YAxis {
				row := values[0]
				if len(values) == 2 {
					row = values[i]
				}
				if lo, hi, ok := known(row); ok {
					if lo == hi { // a flat line runs across the middle
						lo, hi = lo-1, hi+1
					}
					from, to, n := wholeSteps(lo, hi, s.axisSteps())
					o.YAxis[i].Min, o.YAxis[i].Max, o.YAxis[i].LabelCount = charts.Ptr(from), charts.Ptr(to), n+1
				}
			}
		})
	return charts.LineRender(values, opts...)
}
