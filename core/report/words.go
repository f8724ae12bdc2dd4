package report

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/hearthhq/hearth/assets"
	"github.com/hearthhq/hearth/core/locale"
	"github.com/hearthhq/hearth/core/stats"
)

// Languages are the languages a report is written in: those of the window.
var Languages = locale.Languages

// SystemLanguage is the report language the environment asks for, as the
// window reads it (LC_ALL, LC_MESSAGES, LANG, LANGUAGE): English for C,
// POSIX, nothing set or a language Hearth lacks.
func SystemLanguage() string {
	if l := locale.System(Languages); l != "" {
		return l
	}
	return "en"
}

// CheckLanguage says whether a report can be written in lang.
func CheckLanguage(lang string) error {
	for _, l := range Languages {
		if l == lang {
			return nil
		}
	}
	return fmt.Errorf("report: no %q language: a report is written in %s", lang, strings.Join(Languages, ", "))
}

// bundle holds the report's words, assets/translations/report.<lang>.json
// (go-i18n, the engine of the window's translations too; the key is the
// English text, docs/translations.md). core cannot use Fyne's lang, and a
// report's language is the one asked for, not the window's. Loaded at
// first use: every command of the one binary would pay for it at start.
var bundle = sync.OnceValues(func() (*i18n.Bundle, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, l := range Languages {
		name := assets.TranslationsDir + "/report." + l + ".json"
		data, err := assets.Translations.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		if _, err := b.ParseMessageFileBytes(data, name); err != nil {
			return nil, fmt.Errorf("report: %s: %w", name, err)
		}
	}
	return b, nil
})

// words writes a report's text in one language: its sentences (go-i18n),
// days and numbers (core/locale, as the window writes them).
type words struct {
	lang string
	loc  *i18n.Localizer
}

// wordsFor is the writer of lang; "" is English.
func wordsFor(lang string) (words, error) {
	if lang == "" {
		lang = "en"
	}
	if err := CheckLanguage(lang); err != nil {
		return words{}, err
	}
	b, err := bundle()
	if err != nil {
		return words{}, err
	}
	return words{lang: lang, loc: i18n.NewLocalizer(b, lang)}, nil
}

// L is the text of key (its English) with data's fields in it.
func (w words) L(key string, data ...map[string]any) string {
	cfg := &i18n.LocalizeConfig{MessageID: key}
	if len(data) > 0 {
		cfg.TemplateData = data[0]
	}
	return w.localize(key, cfg)
}

// N is L with the plural form of n; data's Count is n as the language
// writes it ("1 234").
func (w words) N(key string, n int, data map[string]any) string {
	if data == nil {
		data = map[string]any{}
	}
	data["Count"] = w.number(n)
	return w.localize(key, &i18n.LocalizeConfig{MessageID: key, TemplateData: data, PluralCount: n})
}

func (w words) localize(key string, cfg *i18n.LocalizeConfig) string {
	s, err := w.loc.Localize(cfg)
	if err != nil || s == "" {
		// A key missing from the files (the completeness test fails on
		// it): its English, which is the key.
		return key
	}
	return s
}

// number and decimal write numbers with the language's separators.
func (w words) number(n int) string { return locale.Number(w.lang, n) }

func (w words) decimal(v float64, digits int) string { return locale.Decimal(w.lang, v, digits) }

// day is a day as the report's text writes it, everywhere in it: the
// period, the posts, when it was made ("1 Jul 2026", "1 июл. 2026 г.";
// the charts' ticks drop the year). t is in the workspace's zone.
func (w words) day(t time.Time) string { return locale.FormatTime(w.lang, t, "2 Jan 2006") }

// moment is a moment with its zone: "2 Dec 2026, 13:00 MSK".
func (w words) moment(t time.Time) string {
	return locale.FormatTime(w.lang, t, "2 Jan 2006, 15:04 MST")
}

// period names a period as stats.Period.Label does, in the language:
// "week of 3 Mar 2025", "November 2026", "Q1 2025", or its days. It
// stands after a colon ("Отчёт по сообществу: ноябрь 2026"), where
// French, Russian and Bulgarian write a month in lower case, and in the
// nominative (the window's "week of" is worded for its own sentence).
func (w words) period(p stats.Period) string {
	switch p.Kind {
	case stats.Week:
		return w.L("report.weekOf", map[string]any{"Day": w.day(p.From)})
	case stats.Month:
		m := locale.FormatTime(w.lang, p.From, "January 2006")
		if w.lang != "en" {
			r, n := utf8.DecodeRuneInString(m)
			m = string(unicode.ToLower(r)) + m[n:]
		}
		return m
	case stats.Quarter:
		return w.L("Q{{.Quarter}} {{.Year}}", map[string]any{"Quarter": (int(p.From.Month())-1)/3 + 1, "Year": p.From.Year()})
	}
	return w.day(p.From) + " – " + w.day(p.Last())
}

// value is a KPI's value as a tile shows it (stats.Format, in the
// language): "25%", "1 h 05 min", "4,2", "—".
func (w words) value(key string, v stats.Value) string {
	if !v.Known {
		return "—"
	}
	switch stats.Unit(key) {
	case "share":
		return w.L("{{.N}}%", map[string]any{"N": w.number(int(math.Round(v.Num * 100)))})
	case "seconds":
		return w.duration(v.Num)
	case "number":
		if key == "sentiment_mean" { // -1 to 1: tenths would hide most moves
			return sign(v.Num) + w.decimal(math.Abs(v.Num), 2)
		}
		return w.decimal(v.Num, 1)
	}
	n := w.number(int(math.Round(v.Num)))
	if key == "audience_change" && v.Num > 0 { // a change reads with its sign
		return "+" + n
	}
	if v.Num < 0 {
		return "−" + w.number(int(math.Round(-v.Num)))
	}
	return n
}

// sign is a number's sign as a change writes it: "+", or a minus sign
// (not the hyphen) for a fall.
func sign(v float64) string {
	if v < 0 {
		return "−"
	}
	return "+"
}

// duration writes seconds as stats.Duration does, in the language's
// units: "45 s", "20 min", "1 h 05 min", "2 d 17 h" ("2 дн 17 ч").
func (w words) duration(sec float64) string {
	s := int64(math.Round(sec))
	unit := func(key string, n int64, pad bool) string {
		v := w.number(int(n))
		if pad && n < 10 {
			v = "0" + v
		}
		return w.L(key, map[string]any{"N": v})
	}
	switch {
	case s < 60:
		return unit("{{.N}} s", s, false)
	case s < 3600:
		return unit("{{.N}} min", s/60, false)
	case s < 86400:
		return unit("{{.N}} h", s/3600, false) + " " + unit("{{.N}} min", s%3600/60, true)
	}
	return unit("{{.N}} d", s/86400, false) + " " + unit("{{.N}} h", s%86400/3600, false)
}

// change writes how a KPI moved (stats.FormatChange, in the language):
// "+3 (+12%)", "−1 h 05 min", "+1 pt", "+3 pts", "no change"; empty when
// unknown.
func (w words) change(cur, prev stats.KPIs, key string) string {
	diff, rel, ok := cur.Change(prev, key)
	if !ok {
		return ""
	}
	if stats.Negligible(key, diff) {
		return w.L("no change")
	}
	sg, d := sign(diff), math.Abs(diff)
	var abs string
	switch stats.Unit(key) {
	case "share":
		// Points of a share: "+1 pt", "+3 pts" (a plural form in each
		// language, the count written by N).
		return sg + w.N("{{.Count}} pts", int(math.Round(d*100)), nil)
	case "seconds":
		abs = w.duration(d)
	case "number":
		digits := 1
		if key == "sentiment_mean" {
			digits = 2
		}
		abs = w.decimal(d, digits)
	default:
		abs = w.number(int(math.Round(d)))
	}
	if math.Round(math.Abs(rel)*100) == 0 { // none, or under half a percent: not "(−0 %)"
		return sg + abs
	}
	return sg + abs + " (" + sg + w.L("{{.N}}%", map[string]any{"N": w.number(int(math.Round(math.Abs(rel) * 100)))}) + ")"
}

// style is how the report's charts are drawn in its language.
func (w words) style(format Format, width, height int) Style {
	days := make([]string, 7)
	for i := range days { // Monday first
		days[i] = locale.WeekdayName(w.lang, time.Weekday((i+1)%7), true)
	}
	return Style{Format: format, Width: width, Height: height,
		Words:    func(s string) string { return w.L(s) },
		Day:      func(t time.Time) string { return locale.FormatTime(w.lang, t, "2 Jan") },
		Weekdays: days,
		Decimal:  w.decimal,
	}
}
