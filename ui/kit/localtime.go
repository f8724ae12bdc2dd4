package kit

import (
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/message"
)

// calendarNames are the month and weekday names of a language as CLDR
// gives them (gregorian calendar, format and stand-alone contexts). Go's
// time and golang.org/x/text name none but English, and no maintained
// module does for these four languages.
type calendarNames struct {
	monthsFull      [12]string // "2 January": the format (genitive) form
	monthsAbbr      [12]string // "2 Jan"
	monthsAlone     [12]string // "January 2006": the stand-alone (nominative) form
	monthsAloneAbbr [12]string // "Jan 2006"
	daysFull        [7]string  // from Sunday
	daysAbbr        [7]string
	weekdayComma    bool // "пн, 2 янв.": a comma after the weekday, as CLDR's EEE, d MMM
	yearSuffix      string
}

var names = map[string]*calendarNames{
	"fr": {
		monthsFull:      [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		monthsAbbr:      [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
		monthsAlone:     [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		monthsAloneAbbr: [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
		daysFull:        [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		daysAbbr:        [7]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."},
	},
	"ru": {
		monthsFull:      [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		monthsAbbr:      [12]string{"янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."},
		monthsAlone:     [12]string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
		monthsAloneAbbr: [12]string{"янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек."},
		daysFull:        [7]string{"воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"},
		daysAbbr:        [7]string{"вс", "пн", "вт", "ср", "чт", "пт", "сб"},
		weekdayComma:    true,
		yearSuffix:      " г.",
	},
	"bg": {
		monthsFull:      [12]string{"януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември", "декември"},
		monthsAbbr:      [12]string{"яну", "фев", "март", "апр", "май", "юни", "юли", "авг", "сеп", "окт", "ное", "дек"},
		monthsAlone:     [12]string{"януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември", "декември"},
		monthsAloneAbbr: [12]string{"яну", "фев", "март", "апр", "май", "юни", "юли", "авг", "сеп", "окт", "ное", "дек"},
		daysFull:        [7]string{"неделя", "понеделник", "вторник", "сряда", "четвъртък", "петък", "събота"},
		daysAbbr:        [7]string{"нд", "пн", "вт", "ср", "чт", "пт", "сб"},
		weekdayComma:    true,
		yearSuffix:      " г.",
	},
}

// FormatTime is t.Format(layout) with the month and weekday names of the
// language in use: "Mon 2 Jan 2006, 15:04" is "lun. 2 janv. 2006, 15:04",
// "пн, 2 янв. 2006 г., 15:04", "пн, 2 яну 2006 г., 15:04". A month after a
// day number takes the form that follows a number (Russian "2 января"),
// one without a day the stand-alone form, capitalised at the start of the
// text ("Январь 2026"). Use it instead of time.Format for what people read.
func FormatTime(t time.Time, layout string) string {
	n := names[Language()]
	if n == nil {
		return t.Format(layout)
	}
	var b strings.Builder
	rest := layout
	afterDay := false // the last thing written was a day of the month
	for rest != "" {
		tok := layoutToken(rest)
		if tok == "" {
			// Everything up to the next name or number goes through
			// time.Format: clocks, separators, literal text.
			i := 1
			for i < len(rest) && layoutToken(rest[i:]) == "" {
				i++
			}
			chunk := rest[:i]
			b.WriteString(t.Format(chunk))
			if strings.TrimSpace(chunk) != "" {
				afterDay = false
			}
			rest = rest[i:]
			continue
		}
		rest = rest[len(tok):]
		switch tok {
		case "Monday", "Mon":
			d := n.daysAbbr[t.Weekday()]
			if tok == "Monday" {
				d = n.daysFull[t.Weekday()]
			}
			b.WriteString(d)
			if n.weekdayComma && strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, " 15") {
				b.WriteString(",")
			}
			afterDay = false
		case "January", "Jan":
			m := t.Month() - 1
			var s string
			switch {
			case afterDay && tok == "January":
				s = n.monthsFull[m]
			case afterDay:
				s = n.monthsAbbr[m]
			case tok == "January":
				s = n.monthsAlone[m]
			default:
				s = n.monthsAloneAbbr[m]
			}
			if b.Len() == 0 {
				s = Capitalize(s)
			}
			b.WriteString(s)
			if n.yearSuffix != "" && afterDay && strings.HasPrefix(rest, " 2006") {
				b.WriteString(" " + t.Format("2006") + n.yearSuffix)
				rest = rest[len(" 2006"):]
			}
			afterDay = false
		case "2006":
			b.WriteString(t.Format("2006"))
			afterDay = false
		default: // a day of the month
			b.WriteString(t.Format(tok))
			afterDay = true
		}
	}
	return b.String()
}

// layoutTokens are the parts of a Go layout FormatTime writes itself,
// longest first.
var layoutTokens = []string{"Monday", "Mon", "January", "Jan", "2006", "_2", "02", "2"}

func layoutToken(s string) string {
	for _, tok := range layoutTokens {
		if strings.HasPrefix(s, tok) {
			return tok
		}
	}
	return ""
}

// MonthName is the stand-alone name of a month in the language in use,
// capitalised as a title ("Janvier", "Январь").
func MonthName(m time.Month) string {
	n := names[Language()]
	if n == nil {
		return m.String()
	}
	return Capitalize(n.monthsAlone[m-1])
}

// WeekdayName is a weekday's name in the language in use, short ("Mon",
// "lun.", "пн") or full.
func WeekdayName(d time.Weekday, short bool) string {
	n := names[Language()]
	switch {
	case n == nil && short:
		return d.String()[:3]
	case n == nil:
		return d.String()
	case short:
		return n.daysAbbr[d]
	default:
		return n.daysFull[d]
	}
}

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
func Number(n int) string {
	return message.NewPrinter(LanguageTag()).Sprint(n)
}

// Decimal writes v with digits decimals and the language's separators:
// "1.5" in English, "1,5" in French, Russian and Bulgarian.
func Decimal(v float64, digits int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return message.NewPrinter(LanguageTag()).Sprintf("%.*f", digits, v)
}
