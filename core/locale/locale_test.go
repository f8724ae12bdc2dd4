package locale

import (
	"testing"
	"time"
)

// The report and the window share these: a day, a month, a count and a
// decimal read as CLDR writes them in each language (the window's own
// tables are in ui/kit/localtime_test.go, through the language in use).
// Russian and Bulgarian tie the year's "г." to it with a no-break space:
// a report's subtitle wrapped "2 нояб. 2026" and put "г." alone on the
// next line.
func TestWritesEachLanguage(t *testing.T) {
	nov := time.Date(2026, 11, 1, 13, 5, 0, 0, time.UTC)
	for _, c := range []struct {
		lang, day, month, weekday, number, decimal, percent string
	}{
		{"en", "1 Nov 2026", "November 2026", "Sun", "12,345", "1,234.5", "33%"},
		{"fr", "1 nov. 2026", "Novembre 2026", "dim.", "12\u00a0345", "1\u00a0234,5", "33\u00a0%"},
		{"ru", "1 нояб. 2026\u00a0г.", "Ноябрь 2026", "вс", "12\u00a0345", "1\u00a0234,5", "33\u00a0%"},
		{"bg", "1 ное 2026\u00a0г.", "Ноември 2026", "нд", "12\u00a0345", "1\u00a0234,5", "33%"},
		{"de", "1 Nov 2026", "November 2026", "Sun", "12.345", "1.234,5", "33\u00a0%"}, // names English, numbers by x/text
	} {
		got := []string{FormatTime(c.lang, nov, "2 Jan 2006"), FormatTime(c.lang, nov, "January 2006"),
			WeekdayName(c.lang, nov.Weekday(), true), Number(c.lang, 12345), Decimal(c.lang, 1234.5, 1), Percent(c.lang, 1.0/3)}
		want := []string{c.day, c.month, c.weekday, c.number, c.decimal, c.percent}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: %q, want %q", c.lang, got[i], want[i])
			}
		}
	}
	if got := FormatTime("ru", nov, "2 January 2006, 15:04"); got != "1 ноября 2026\u00a0г., 13:05" {
		t.Errorf("ru long date %q", got)
	}
	if got := Percent("fr", 0.125); got != "13\u00a0%" {
		t.Errorf("fr 12.5 %% is %q, want it rounded up as the reports do", got)
	}
	if got := MonthName("fr", time.March); got != "Mars" {
		t.Errorf("fr March %q", got)
	}
}

// The language the system asks for, as gettext reads the environment:
// C and POSIX are English, a language Hearth lacks is "".
func TestSystem(t *testing.T) {
	for _, c := range []struct{ lcAll, lang, language, want string }{
		{"", "", "", "en"},
		{"", "C", "", "en"},
		{"", "C.UTF-8", "ru", "en"},
		{"", "POSIX", "", "en"},
		{"", "ru_RU.UTF-8", "", "ru"},
		{"fr_FR.UTF-8", "ru_RU.UTF-8", "", "fr"},
		{"", "de_DE.UTF-8", "", ""},
		{"", "de_DE.UTF-8", "de:bg", "bg"},
	} {
		t.Setenv("LC_ALL", c.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.lang)
		t.Setenv("LANGUAGE", c.language)
		if got := System(Languages); got != c.want {
			t.Errorf("LC_ALL=%q LANG=%q LANGUAGE=%q: %q, want %q", c.lcAll, c.lang, c.language, got, c.want)
		}
	}
}
