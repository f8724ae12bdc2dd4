package report

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/stats"
)

// A chart writes one day's or week's label in k, from the first, so that
// each label has 100 pixels: a quarter's 14 weeks under the window's
// 560-pixel chart show five, a 30-day month in the PDF's 1000 pixels ten,
// none of them on the last day where the axis pulls its label in.
func TestLabelsLeaveRoom(t *testing.T) {
	weeks := []string{"1 Oct", "5 Oct", "12 Oct", "19 Oct", "26 Oct", "2 Nov", "9 Nov", "16 Nov", "23 Nov", "30 Nov",
		"7 Dec", "14 Dec", "21 Dec", "28 Dec"}
	for _, c := range []struct {
		width int
		shown []string
	}{
		{560, []string{"1 Oct", "19 Oct", "9 Nov", "30 Nov", "21 Dec"}},
		{1000, []string{"1 Oct", "12 Oct", "26 Oct", "9 Nov", "23 Nov", "7 Dec", "21 Dec"}},
		{2000, weeks},
	} {
		got := sparseLabels(weeks, c.width)
		if len(got) != len(weeks) {
			t.Fatalf("width %d: %d labels for %d weeks", c.width, len(got), len(weeks))
		}
		shown := slices.DeleteFunc(slices.Clone(got), func(s string) bool { return s == "" })
		if !slices.Equal(shown, c.shown) {
			t.Errorf("width %d: shown %q, want %q", c.width, shown, c.shown)
		}
	}
	november := make([]string, 30)
	for i := range november {
		november[i] = strconv.Itoa(i+1) + " Nov"
	}
	var shown []string
	for i, l := range sparseLabels(november, 1000) {
		if l != "" {
			shown = append(shown, l)
			if i%3 != 0 {
				t.Errorf("November's label %q at day %d, not every third day", l, i+1)
			}
		}
	}
	if len(shown) != 10 || shown[9] != "28 Nov" {
		t.Errorf("November in 1000 pixels shows %q, want ten from 1 to 28 Nov", shown)
	}
	if got := sparseLabels([]string{"2 Nov", "9 Nov"}, 560); !slices.Equal(got, []string{"2 Nov", "9 Nov"}) {
		t.Errorf("a month's few weeks lost labels: %q", got)
	}
}

// Each reply-time bucket is named under its bar in every language, in the
// window's 560 pixels: left to choose, the axis dropped the French "1-4 h"
// beside the longer "moins d’1 h".
func TestEveryBucketNamed(t *testing.T) {
	t.Parallel()
	d := stats.Dashboard{Histogram: []int{3, 6, 0, 6, 0}}
	for _, lang := range []string{"en", "fr", "ru", "bg"} {
		w, err := wordsFor(lang)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Draw(d, ChartHistogram, w.style(PNG, 560, 260))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		left, right, ok := plotSpan(img)
		if !ok {
			t.Fatalf("%s: no plot found", lang)
		}
		bg := img.At(0, 0)
		band := (right - left) / len(stats.Buckets)
		for i := range stats.Buckets {
			ink := 0
			// The label's row, under the axis and its ticks, in the
			// middle of the bucket's band.
			for y := img.Bounds().Dy() - 24; y < img.Bounds().Dy()-4; y++ {
				for x := left + i*band + band/5; x < left+(i+1)*band-band/5; x++ {
					if img.At(x, y) != bg {
						ink++
					}
				}
			}
			if ink < 20 {
				t.Errorf("%s: no label under bucket %d (%s)", lang, i, w.L(stats.Buckets[i]))
			}
		}
	}
}

// A count chart's axis steps by whole numbers from 0 past its highest bar
// or point: one message in the period showed 0, 0.4, 0.8, 1.2, nine 1.1,
// 2.2, ..., fifteen in a stack 2.5, 5, 7.5.
func TestCountAxesStepByWholeNumbers(t *testing.T) {
	texts := regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, height := range []int{260, 320, 360} {
		for _, most := range []int{0, 1, 2, 3, 5, 9, 14, 15, 21, 99, 1234} {
			d := stats.Dashboard{Histogram: []int{most, 0, 1, 0, 0}, Accounts: []core.Account{{ID: 1, Name: "VK"}, {ID: 2, Name: "X"}}}
			for i := range 7 { // a stack of most on odd days
				d.Days = append(d.Days, stats.Day{Date: day.AddDate(0, 0, i), In: most * (i % 2),
					AccountIn: map[int64]int{1: most * (i % 2) / 3, 2: most*(i%2) - most*(i%2)/3}})
			}
			for _, chart := range []string{ChartDays, ChartChannels, ChartHistogram} {
				b, err := Draw(d, chart, Style{Format: SVG, Width: 560, Height: height})
				if err != nil {
					t.Fatal(err)
				}
				// The axis is the first run of numbers, top down.
				var axis []float64
				for _, m := range texts.FindAllStringSubmatch(string(b), -1) {
					v, err := strconv.ParseFloat(m[1], 64)
					if err != nil && len(axis) > 0 {
						break
					}
					if err == nil {
						axis = append(axis, v)
					}
				}
				what := fmt.Sprintf("%s at %d pixels, most %d: axis %v", chart, height, most, axis)
				if len(axis) < 2 || axis[len(axis)-1] != 0 || axis[0] < float64(most) {
					t.Errorf("%s, want from 0 to at least %d", what, most)
					continue
				}
				step := axis[0] - axis[1]
				for i, v := range axis {
					if v != math.Trunc(v) || v != axis[0]-float64(i)*step {
						t.Errorf("%s, want whole steps", what)
						break
					}
				}
			}
		}
	}
}

// The audience's axes step by whole numbers too, each over its own line
// (not from 0: a community of 4,250 that gained 12 would draw flat):
// rounded, the library's steps of 2.4 read 4249, 4251, 4254, 4256.
func TestAudienceAxesStepByWholeNumbers(t *testing.T) {
	number := regexp.MustCompile(`<text[^>]*fill:(rgb\([0-9,]+\))[^>]*>(-?[0-9.]+)</text>`)
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	vk := []int64{4249, 4251, 4257, 4259, 4257, 4261}
	x := []int64{18411, 18405, 18397, 18392, 18391, 18399}
	for _, both := range []bool{false, true} {
		d := stats.Dashboard{Accounts: []core.Account{{ID: 1, Name: "VK"}}}
		if both {
			d.Accounts = append(d.Accounts, core.Account{ID: 2, Name: "X"})
		}
		for i := range vk {
			d.Days = append(d.Days, stats.Day{Date: day.AddDate(0, 0, i), Audience: map[int64]int64{1: vk[i], 2: x[i]}})
		}
		for _, height := range []int{260, 320, 360} {
			b, err := Draw(d, ChartAudience, Style{Format: SVG, Width: 560, Height: height})
			if err != nil {
				t.Fatal(err)
			}
			axes := map[string][]float64{} // an axis's labels are in its line's colour
			for _, m := range number.FindAllStringSubmatch(string(b), -1) {
				v, _ := strconv.ParseFloat(m[2], 64)
				axes[m[1]] = append(axes[m[1]], v)
			}
			if len(axes) != len(d.Accounts) {
				t.Fatalf("%d lines at %d pixels: axes %v", len(d.Accounts), height, axes)
			}
			for _, axis := range axes {
				slices.Sort(axis)
				lo, hi := float64(vk[0]), float64(slices.Max(vk))
				if axis[0] > 10000 {
					lo, hi = float64(slices.Min(x)), float64(x[0])
				}
				what := fmt.Sprintf("%d lines at %d pixels: axis %v", len(d.Accounts), height, axis)
				if len(axis) < 2 || axis[0] > lo || axis[len(axis)-1] < hi {
					t.Errorf("%s, want %v to %v within it", what, lo, hi)
					continue
				}
				for i, v := range axis {
					if v != math.Trunc(v) || v != axis[0]+float64(i)*(axis[1]-axis[0]) {
						t.Errorf("%s, want whole even steps", what)
						break
					}
				}
			}
		}
	}
}
