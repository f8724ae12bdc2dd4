package kit

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core/locale"
)

// FormatTime is t.Format(layout) with the month and weekday names of the
// language in use: "Mon 2 Jan 2006, 15:04" is "lun. 2 janv. 2006, 15:04",
// "пн, 2 янв. 2006 г., 15:04", "пн, 2 яну 2006 г., 15:04" (core/locale,
// which the reports share). Use it instead of time.Format for what people
// read.
func FormatTime(t time.Time, layout string) string { return locale.FormatTime(Language(), t, layout) }

// MonthName is the stand-alone name of a month in the language in use,
// capitalised as a title ("Janvier", "Январь").
func MonthName(m time.Month) string { return locale.MonthName(Language(), m) }

// WeekdayName is a weekday's name in the language in use, short ("Mon",
// "lun.", "пн") or full.
func WeekdayName(d time.Weekday, short bool) string { return locale.WeekdayName(Language(), d, short) }

// Ago renders a past time relative to now the way a list shows it, in the
// language in use: "just now", "5 min ago" ("il y a 5 min", "5 мин назад",
// "преди 5 мин"), "3 h ago", "yesterday", "4 days ago", then a date.
func Ago(now, t time.Time) string {
	if t.IsZero() {
		return lang.L("never")
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return lang.L("just now")
	case d < time.Hour:
		n := int(d / time.Minute)
		return lang.N("{{.Count}} min ago", n, map[string]any{"Count": n})
	case d < 24*time.Hour:
		n := int(d / time.Hour)
		return lang.N("{{.Count}} h ago", n, map[string]any{"Count": n})
	case d < 7*24*time.Hour:
		n := int(d / (24 * time.Hour))
		if n == 1 {
			return lang.L("yesterday")
		}
		return lang.N("{{.Count}} days ago", n, map[string]any{"Count": n})
	case t.Year() == now.Year():
		return FormatTime(t, "2 Jan")
	default:
		return FormatTime(t, "2 Jan 2006")
	}
}

// AgoShort is Ago for a narrow table cell whose column says "last seen":
// "now", "5 min", "3 h", "yesterday", "4 d" ("4 дн", "4 j"), then a date.
// A cell shows it when Ago does not fit.
func AgoShort(now, t time.Time) string {
	if t.IsZero() {
		return lang.L("never")
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return lang.X("ago.now", "now")
	case d < time.Hour:
		return lang.L("{{.N}} min", map[string]any{"N": int(d / time.Minute)})
	case d < 24*time.Hour:
		return lang.L("{{.N}} h", map[string]any{"N": int(d / time.Hour)})
	case d < 7*24*time.Hour:
		n := int(d / (24 * time.Hour))
		if n == 1 {
			return lang.L("yesterday")
		}
		return lang.L("{{.N}} d", map[string]any{"N": n})
	case t.Year() == now.Year():
		return FormatTime(t, "2 Jan")
	default:
		return FormatTime(t, "Jan 2006")
	}
}

// DurationWords says a length of time in words, as precisely as people
// need it: "less than a minute", "45 minutes", "2 hours 5 minutes" (below
// ten hours), "27 hours" (below two days), "3 days". It rounds down: a
// post held 27h27m is "27 hours" late.
func DurationWords(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	minutes := func(n int) string { return lang.N("{{.Count}} minutes", n, map[string]any{"Count": n}) }
	hours := func(n int) string { return lang.N("{{.Count}} hours", n, map[string]any{"Count": n}) }
	switch {
	case d < time.Minute:
		return lang.L("less than a minute")
	case d < time.Hour:
		return minutes(int(d / time.Minute))
	case d < 10*time.Hour:
		h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if m == 0 {
			return hours(h)
		}
		return hours(h) + " " + minutes(m)
	case d < 48*time.Hour:
		return hours(int(d / time.Hour))
	default:
		n := int(d / (24 * time.Hour))
		return lang.N("{{.Count}} days", n, map[string]any{"Count": n})
	}
}

// Number writes a count with the language's digit grouping: "12,345" in
// English, "12 345" (a no-break space) in French, Russian and Bulgarian.
func Number(n int) string { return locale.Number(Language(), n) }

// Compact writes a count the way the channels show followers and views:
// 950, 12.4k, 1.2M in English; "12,4 k", "12,4 тыс.", "12,4 хил." in
// French, Russian and Bulgarian. A negative count is unknown: a dash.
func Compact(n int) string {
	short := func(v float64) string {
		if v >= 100 {
			return Decimal(v, 0)
		}
		return Score(v, 1)
	}
	switch {
	case n < 0:
		return "–"
	case n < 1000:
		return Number(n)
	case n < 999_950: // 999,950 would round to "1000k"
		return lang.L("{{.N}}k", map[string]any{"N": short(float64(n) / 1000)})
	default:
		return lang.L("{{.N}}M", map[string]any{"N": short(float64(n) / 1_000_000)})
	}
}

// Score writes v with at most digits decimals and no trailing zeros, in
// the language's separators: "0.33", "0,5", "2".
func Score(v float64, digits int) string {
	s := Decimal(v, digits)
	if strings.ContainsAny(s, ".,") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".,")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// Percent writes a share (0.33) as a whole percentage in the language in
// use: "33%" in English and Bulgarian, "33 %" with a no-break space in
// French and Russian.
func Percent(share float64) string { return locale.Percent(Language(), share) }

// Decimal writes v with digits decimals and the language's separators:
// "1.5" in English, "1,5" in French, Russian and Bulgarian.
func Decimal(v float64, digits int) string { return locale.Decimal(Language(), v, digits) }
