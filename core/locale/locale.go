// Package locale writes dates and numbers in one of Hearth's languages
// (en, fr, ru, bg) given by its code. It is the window's formatting
// (ui/kit calls it with the language in use) and the reports' (core/report
// with the language asked for), so a report and the screen it came from
// write a day the same way. It imports nothing of the GUI toolkit.
package locale

import (
	"math"
	"os"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Languages are Hearth's languages, of the window and of the reports, in
// the order a language choice lists them.
var Languages = []string{"en", "fr", "ru", "bg"}

// System is the first of known (Hearth's languages) the environment asks
// for, read in the order of gettext (and of Fyne's go-locale): LC_ALL,
// LC_MESSAGES, LANG, then LANGUAGE's list unless the locale is C or POSIX.
// It is "en" for C, POSIX, C.UTF-8 or nothing set (Fyne would log a parse
// error for "C"), and "" when the system asks for another language only.
func System(known []string) string {
	name := ""
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if name = os.Getenv(env); name != "" {
			break
		}
	}
	if plainC(name) {
		return "en"
	}
	list := []string{name}
	if l := os.Getenv("LANGUAGE"); l != "" {
		list = strings.Split(l, ":")
	}
	asked := false
	for _, l := range list {
		base := baseLanguage(l)
		if base == "" || plainC(base) {
			continue
		}
		asked = true
		if slices.Contains(known, base) {
			return base
		}
	}
	if !asked {
		return "en"
	}
	return ""
}

// plainC reports the C locale in its spellings (C, C.UTF-8, POSIX) and the
// unset one.
func plainC(locale string) bool {
	return locale == "" || locale == "POSIX" || locale == "C" || strings.HasPrefix(locale, "C.")
}

// baseLanguage is the language of a POSIX locale name: "ru" of
// "ru_RU.UTF-8", "fr" of "fr_CA@euro" or "fr-CA".
func baseLanguage(locale string) string {
	if i := strings.IndexAny(locale, "_-.@"); i >= 0 {
		locale = locale[:i]
	}
	return strings.ToLower(locale)
}

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
		yearSuffix:      "\u00a0г.", // a no-break space: "г." never starts a line
	},
	"bg": {
		monthsFull:      [12]string{"януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември", "декември"},
		monthsAbbr:      [12]string{"яну", "фев", "март", "апр", "май", "юни", "юли", "авг", "сеп", "окт", "ное", "дек"},
		monthsAlone:     [12]string{"януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември", "декември"},
		monthsAloneAbbr: [12]string{"яну", "фев", "март", "апр", "май", "юни", "юли", "авг", "сеп", "окт", "ное", "дек"},
		daysFull:        [7]string{"неделя", "понеделник", "вторник", "сряда", "четвъртък", "петък", "събота"},
		daysAbbr:        [7]string{"нд", "пн", "вт", "ср", "чт", "пт", "сб"},
		weekdayComma:    true,
		yearSuffix:      "\u00a0г.", // a no-break space: "г." never starts a line
	},
}

// FormatTime is t.Format(layout) with the month and weekday names of lang
// ("en", "fr", "ru", "bg"; any other writes English): "Mon 2 Jan 2006, 15:04" is "lun. 2 janv. 2006, 15:04",
// "пн, 2 янв. 2006 г., 15:04", "пн, 2 яну 2006 г., 15:04". A month after a
// day number takes the form that follows a number (Russian "2 января"),
// one without a day the stand-alone form, capitalised at the start of the
// text ("Январь 2026"). Use it instead of time.Format for what people read.
func FormatTime(lang string, t time.Time, layout string) string {
	n := names[lang]
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
				s = capitalize(s)
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
func MonthName(lang string, m time.Month) string {
	n := names[lang]
	if n == nil {
		return m.String()
	}
	return capitalize(n.monthsAlone[m-1])
}

// WeekdayName is a weekday's name in lang, short ("Mon",
// "lun.", "пн") or full.
func WeekdayName(lang string, d time.Weekday, short bool) string {
	n := names[lang]
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

// Number writes a count with the language's digit grouping: "12,345" in
// English, "12 345" (a no-break space) in French, Russian and Bulgarian.
func Number(lang string, n int) string {
	return message.NewPrinter(language.Make(lang)).Sprint(n)
}

// Decimal writes v with digits decimals and the language's separators:
// "1.5" in English, "1,5" in French, Russian and Bulgarian; a dash for
// what is not a number.
func Decimal(lang string, v float64, digits int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return message.NewPrinter(language.Make(lang)).Sprintf("%.*f", digits, v)
}

// Percent writes a share (0.33) as a whole percentage the way the
// language writes one (CLDR): "33%" in English and Bulgarian, "33 %" with a
// no-break space in French and Russian, so the sign never wraps onto a
// line of its own; a dash for what is not a number. Halves round away from
// zero, as the reports' percentages do (12.5 is 13, not x/text's 12).
func Percent(lang string, share float64) string {
	if math.IsNaN(share) || math.IsInf(share, 0) {
		return "—"
	}
	share = math.Round(share*100) / 100
	return message.NewPrinter(language.Make(lang)).Sprint(number.Percent(share, number.MaxFractionDigits(0)))
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
