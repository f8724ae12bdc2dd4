package report_test

import (
	"bytes"
	"html"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
)

// english are words of a report that French, Russian and Bulgarian write
// otherwise (those French shares with English, Engagement, Audience,
// Volume, Agenda, are left out): one left in a fr, ru or bg report is an
// untranslated heading, label, KPI, chart word or date.
var english = []string{"Community report", "compared with", "all channels", "Members", "New members", "Joined",
	"Active members", "Dead souls", "Drifting", "Messages in", "Messages out", "Written by members", "Posts published",
	"Engagement per post", "Comments", "Likes", "Reposts", "Views", "First response", "Reply time",
	"Conversations opened", "Answered", "Negative messages", "Mean sentiment", "Abusive messages", "Planned",
	"Published as planned", "Failed", "Joint projects", "Responsiveness", "Tone", "Plan adherence",
	"Messages per day", "per channel", "When members write", "Reply times", "per week", "in (members)",
	"out (ours)", "replies", "under 1 h", "over 24 h", "Top posts", "Top advocates", "Top critics", "nobody yet",
	"No agenda", "Joint project", "Community life", "Outside news", "comments", "likes", "reposts", "views",
	"Generated", "Every number", "times are in", "no change", "pts", "Nov", "Oct", "Dec", "Mon", "Sun", "November",
	"October", "Post", "Channel", "Campaign"}

// Each language's report writes its own days, numbers and plural forms:
// the period, the post's day and counts, when it was made (2 December,
// 13:00 in Moscow), a share, a decimal and a count of thousands.
var localized = map[string][]string{
	"en": {"Community report: November 2026", "1 Nov 2026 – 30 Nov 2026 (Europe/Moscow)", "compared with October 2026",
		"2 Nov 2026", "2 Dec 2026, 13:00 MSK", "71%", "65.0", "+0.10",
		"25%", "2 d 17 h", "+30 (+6%)"},
	"fr": {"Rapport d’activité de la communauté : novembre 2026", "1 nov. 2026 – 30 nov. 2026 (Europe/Moscow)",
		"période de comparaison : octobre 2026", "2 nov. 2026", "2 déc. 2026, 13:00 MSK",
		"71 %", "65,0", "+0,10", "2 j 17 h", "+30 (+6 %)",
		"Principaux ambassadeurs", "Meilleures publications", "sans changement"},
	"ru": {"Отчёт по сообществу: ноябрь 2026", "1 нояб. 2026 г. – 30 нояб. 2026 г. (Europe/Moscow)",
		"период для сравнения: октябрь 2026", "2 нояб. 2026 г.", "2 дек. 2026 г., 13:00 MSK",
		"71 %", "65,0", "+0,10", "2 дн 17 ч",
		"+30 (+6 %)", "Лучшие посты", "без изменений"},
	"bg": {"Отчет за общността: ноември 2026", "1 ное 2026 г. – 30 ное 2026 г. (Europe/Moscow)",
		"период за сравнение: октомври 2026", "2 ное 2026 г.", "2 дек 2026 г., 13:00 MSK",
		"71%", "65,0", "+0,10", "2 д 17 ч",
		"+30 (+6%)", "Най-добри публикации", "без промяна"},
}

// pdfCounts is how the PDF writes a post's counts: each with its plural
// form (the page has a column per count).
var pdfCounts = map[string]string{
	"en": "20 comments, 42 likes, 3 reposts, 1,900 views",
	"fr": "20 commentaires, 42 j’aime, 3 partages, 1 900 vues",
	"ru": "20 комментариев, 42 лайка, 3 репоста, 1 900 просмотров",
	"bg": "20 коментара, 42 харесвания, 3 споделяния, 1 900 прегледа",
}

// A report is written in the language asked for, every word of it: the
// PDF (its text as pdftotext reads it) and the HTML page (its text and its
// charts' SVG text).
func TestReportInEachLanguage(t *testing.T) {
	t.Parallel()
	d := dashboard(t)
	pdftotext, _ := exec.LookPath("pdftotext")
	tags := regexp.MustCompile(`<[^>]*>`)
	for _, l := range report.Languages {
		var page bytes.Buffer
		if err := report.WriteHTML(&page, d, l); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page.String(), `<html lang="`+l+`">`) {
			t.Errorf("%s: the page does not say its language", l)
		}
		texts := map[string]string{"HTML": tags.ReplaceAllString(page.String(), " ")}
		if pdftotext != "" {
			var pdf bytes.Buffer
			if err := report.WritePDF(&pdf, d, l); err != nil {
				t.Fatal(err)
			}
			texts["PDF"] = pdfText(t, pdftotext, pdf.Bytes())
		} else {
			t.Log("pdftotext (poppler-utils) is not installed: the PDF's text is not checked")
		}
		for what, text := range texts {
			// The page escapes signs and apostrophes; a PDF breaks
			// lines; both group thousands with a no-break space.
			text = strings.Join(strings.Fields(html.UnescapeString(text)), " ")
			want := localized[l]
			if what == "PDF" {
				want = append(slices.Clone(want), pdfCounts[l])
			}
			for _, want := range want {
				if !strings.Contains(text, want) {
					t.Errorf("%s %s lacks %q", l, what, want)
				}
			}
			if l == "en" {
				continue
			}
			for _, w := range english {
				if regexp.MustCompile(`\b` + regexp.QuoteMeta(w) + `\b`).MatchString(text) {
					t.Errorf("%s %s has the English %q", l, what, w)
				}
			}
		}
	}
	// The page groups thousands with a no-break space, which a line never
	// breaks.
	var page bytes.Buffer
	if err := report.WriteHTML(&page, d, "ru"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), "1\u00a0900") {
		t.Error("the Russian page does not write 1\u00a0900 views")
	}
}

// A language the report lacks is an error, not an English report.
func TestReportUnknownLanguage(t *testing.T) {
	var buf bytes.Buffer
	err := report.WritePDF(&buf, stats.Dashboard{}, "de")
	if err == nil || !strings.Contains(err.Error(), "en, fr, ru, bg") {
		t.Errorf("a German report: %v, want an error naming the languages", err)
	}
	if buf.Len() != 0 {
		t.Error("a report in no language wrote something")
	}
}

// A month's PDF in each language: the words cost nothing beside the
// charts (issue 11: a PDF report in under 3 s).
func BenchmarkWritePDF(b *testing.B) {
	d := dashboard(b)
	for _, l := range report.Languages {
		b.Run(l, func(b *testing.B) {
			for b.Loop() {
				var buf bytes.Buffer
				if err := report.WritePDF(&buf, d, l); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
