package kit

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
)

// inLanguage runs f with code in use, English again afterwards.
func inLanguage(t *testing.T, code string, f func()) {
	t.Helper()
	localeEnv(t, nil)
	if _, err := UseLanguage(code); err != nil {
		t.Fatal(err)
	}
	f()
}

// Russian counts take one of three forms, and 21 is singular again;
// French and Bulgarian two; a missing form would fall back to English.
func TestPluralFormsRendered(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want map[int]string
	}{
		{"en", map[int]string{1: "1 hour", 2: "2 hours", 5: "5 hours", 21: "21 hours"}},
		{"ru", map[int]string{1: "1 час", 2: "2 часа", 5: "5 часов", 21: "21 час", 22: "22 часа", 11: "11 часов", 0: "0 часов"}},
		{"fr", map[int]string{0: "0 heure", 1: "1 heure", 2: "2 heures", 1000000: "1000000 d’heures"}},
		{"bg", map[int]string{1: "1 час", 2: "2 часа", 5: "5 часа"}},
	} {
		inLanguage(t, tc.lang, func() {
			for n, want := range tc.want {
				if got := lang.N("{{.Count}} hours", n, map[string]any{"Count": n}); got != want {
					t.Errorf("%s %d: %q, want %q", tc.lang, n, got, want)
				}
			}
		})
	}
}

func TestRelativeTimes(t *testing.T) {
	now := time.Date(2026, 12, 5, 18, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	cases := []struct {
		at             time.Time
		en, fr, ru, bg string
	}{
		{time.Time{}, "never", "jamais", "никогда", "никога"},
		{ago(20 * time.Second), "just now", "à l’instant", "только что", "току-що"},
		{ago(5 * time.Minute), "5 min ago", "il y a 5 min", "5 мин назад", "преди 5 мин"},
		{ago(3 * time.Hour), "3 h ago", "il y a 3 h", "3 ч назад", "преди 3 ч"},
		{ago(30 * time.Hour), "yesterday", "hier", "вчера", "вчера"},
		{ago(2 * 24 * time.Hour), "2 days ago", "il y a 2 jours", "2 дня назад", "преди 2 дни"},
		{ago(5 * 24 * time.Hour), "5 days ago", "il y a 5 jours", "5 дней назад", "преди 5 дни"},
		{time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC), "8 Mar", "8 mars", "8 мар.", "8 март"},
		{time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC), "1 May 2025", "1 mai 2025", "1 мая 2025\u00a0г.", "1 май 2025\u00a0г."},
	}
	for _, l := range Languages {
		inLanguage(t, l, func() {
			for _, c := range cases {
				want := map[string]string{"en": c.en, "fr": c.fr, "ru": c.ru, "bg": c.bg}[l]
				if got := Ago(now, c.at); got != want {
					t.Errorf("%s Ago(%v): %q, want %q", l, now.Sub(c.at), got, want)
				}
			}
		})
	}
}

func TestDurationWords(t *testing.T) {
	cases := []struct {
		d              time.Duration
		en, fr, ru, bg string
	}{
		{30 * time.Second, "less than a minute", "moins d’une minute", "меньше минуты", "по-малко от минута"},
		{time.Minute, "1 minute", "1 minute", "1 минута", "1 минута"},
		{45 * time.Minute, "45 minutes", "45 minutes", "45 минут", "45 минути"},
		{2*time.Hour + 5*time.Minute, "2 hours 5 minutes", "2 heures 5 minutes", "2 часа 5 минут", "2 часа 5 минути"},
		{3 * time.Hour, "3 hours", "3 heures", "3 часа", "3 часа"},
		{27*time.Hour + 27*time.Minute, "27 hours", "27 heures", "27 часов", "27 часа"},
		{21 * time.Hour, "21 hours", "21 heures", "21 час", "21 часа"},
		{-3 * 24 * time.Hour, "3 days", "3 jours", "3 дня", "3 дни"},
		{21 * 24 * time.Hour, "21 days", "21 jours", "21 день", "21 дни"},
	}
	for _, l := range Languages {
		inLanguage(t, l, func() {
			for _, c := range cases {
				want := map[string]string{"en": c.en, "fr": c.fr, "ru": c.ru, "bg": c.bg}[l]
				if got := DurationWords(c.d); got != want {
					t.Errorf("%s DurationWords(%v): %q, want %q", l, c.d, got, want)
				}
			}
		})
	}
}

func TestFormatTime(t *testing.T) {
	at := time.Date(2026, 1, 5, 8, 7, 0, 0, time.UTC) // a Monday
	cases := []struct {
		layout         string
		en, fr, ru, bg string
	}{
		{"Mon 2 Jan 2006, 15:04", "Mon 5 Jan 2026, 08:07", "lun. 5 janv. 2026, 08:07", "пн, 5 янв. 2026\u00a0г., 08:07", "пн, 5 яну 2026\u00a0г., 08:07"},
		{"Monday 2 January", "Monday 5 January", "lundi 5 janvier", "понедельник, 5 января", "понеделник, 5 януари"},
		{"January 2006", "January 2026", "Janvier 2026", "Январь 2026", "Януари 2026"},
		{"Mon 15:04", "Mon 08:07", "lun. 08:07", "пн 08:07", "пн 08:07"},
		{"2 Jan", "5 Jan", "5 janv.", "5 янв.", "5 яну"},
		{"Jan 2006", "Jan 2026", "Janv. 2026", "Янв. 2026", "Яну 2026"},
		{"Mon 2", "Mon 5", "lun. 5", "пн, 5", "пн, 5"},
		{"02.01.2006 15:04", "05.01.2026 08:07", "05.01.2026 08:07", "05.01.2026 08:07", "05.01.2026 08:07"},
	}
	for _, l := range Languages {
		inLanguage(t, l, func() {
			for _, c := range cases {
				want := map[string]string{"en": c.en, "fr": c.fr, "ru": c.ru, "bg": c.bg}[l]
				if got := FormatTime(at, c.layout); got != want {
					t.Errorf("%s FormatTime(%q): %q, want %q", l, c.layout, got, want)
				}
			}
		})
	}
}

func TestNumbersAndSizes(t *testing.T) {
	for _, tc := range []struct {
		lang, number, decimal, size, small string
	}{
		{"en", "12,345", "1.5", "1.5 MB", "512 B"},
		{"fr", "12\u00a0345", "1,5", "1,5 Mo", "512 o"},
		{"ru", "12\u00a0345", "1,5", "1,5 МБ", "512 Б"},
		{"bg", "12\u00a0345", "1,5", "1,5 МБ", "512 Б"},
	} {
		inLanguage(t, tc.lang, func() {
			if got := Number(12345); got != tc.number {
				t.Errorf("%s Number: %q, want %q", tc.lang, got, tc.number)
			}
			if got := Decimal(1.5, 1); got != tc.decimal {
				t.Errorf("%s Decimal: %q, want %q", tc.lang, got, tc.decimal)
			}
			if got := HumanSize(1536 * 1024); got != tc.size {
				t.Errorf("%s HumanSize: %q, want %q", tc.lang, got, tc.size)
			}
			if got := HumanSize(512); got != tc.small {
				t.Errorf("%s HumanSize(512): %q, want %q", tc.lang, got, tc.small)
			}
		})
	}
}

// Follower counts and scores read as the channels write them, in each
// language: the members table and the moderation line show them.
func TestCompactCountsAndScores(t *testing.T) {
	for _, tc := range []struct {
		lang                              string
		small, thousands, round, millions string
		score, whole, negZero, percent    string
	}{
		{"en", "950", "12.4k", "250k", "1.2M", "0.33", "2", "0", "33%"},
		{"fr", "950", "12,4\u00a0k", "250\u00a0k", "1,2\u00a0M", "0,33", "2", "0", "33\u00a0%"},
		{"ru", "950", "12,4\u00a0тыс.", "250\u00a0тыс.", "1,2\u00a0млн", "0,33", "2", "0", "33\u00a0%"},
		{"bg", "950", "12,4\u00a0хил.", "250\u00a0хил.", "1,2\u00a0млн", "0,33", "2", "0", "33%"},
	} {
		inLanguage(t, tc.lang, func() {
			for _, c := range []struct {
				got, want string
			}{
				{Compact(-1), "–"}, {Compact(950), tc.small}, {Compact(12_400), tc.thousands},
				{Compact(250_000), tc.round}, {Compact(999_960), oneMillion(tc.millions)},
				{Compact(1_250_000), tc.millions},
				{Score(0.3300001, 2), tc.score}, {Score(2.0, 2), tc.whole}, {Score(-0.001, 2), tc.negZero},
				{Percent(1.0 / 3), tc.percent},
			} {
				if c.got != c.want {
					t.Errorf("%s: %q, want %q", tc.lang, c.got, c.want)
				}
			}
		})
	}
}

// oneMillion is the language's "1M": its millions form with 1 for 1.2.
func oneMillion(millions string) string {
	return strings.Replace(strings.Replace(millions, "1.2", "1", 1), "1,2", "1", 1)
}

// Labels kit hands every screen follow the language.
func TestKitLabelsTranslated(t *testing.T) {
	inLanguage(t, "ru", func() {
		for got, want := range map[string]string{
			MonthName(time.March):           "Март",
			WeekdayName(time.Sunday, true):  "вс",
			WeekdayName(time.Sunday, false): "воскресенье",
			QuoteSubject("Встреча"):         "«Встреча»",
			KindLabel("x_dm"):               "Личное сообщение в X",
		} {
			if got != want {
				t.Errorf("%q, want %q", got, want)
			}
		}
	})
}

// The short "last seen" forms, in Russian: whole words a narrow cell shows.
func TestAgoShort(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.Local)
	inLanguage(t, "ru", func() {
		for _, c := range []struct {
			ago  time.Duration
			want string
		}{{10 * time.Second, "сейчас"}, {5 * time.Minute, "5 мин"}, {3 * time.Hour, "3 ч"}, {30 * time.Hour, "вчера"}, {5 * 24 * time.Hour, "5 дн"}} {
			if got := AgoShort(now, now.Add(-c.ago)); got != c.want {
				t.Errorf("%v ago: %q, want %q", c.ago, got, c.want)
			}
		}
		if got := AgoShort(now, time.Date(2026, 9, 28, 9, 0, 0, 0, time.Local)); got != "28 сент." {
			t.Errorf("a date this year: %q", got)
		}
	})
}

// Why a member is offered as an expert, in the language's plural forms.
func TestExpertWhyPlural(t *testing.T) {
	inLanguage(t, "ru", func() {
		got := ExpertWhy(core.ExpertEvidence{Level: 4, Interest: true, Answers: 3})
		if want := "уровень экспертизы 4; указал(а) это в интересах; недавно ответил(а) на 3 вопроса об этом"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if got := ExpertWhy(core.ExpertEvidence{Answers: 5}); got != "недавно ответил(а) на 5 вопросов об этом" {
			t.Errorf("5 answers: %q", got)
		}
	})
}
