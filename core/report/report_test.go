package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/core/store"
)

var now = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

// dashboard computes November 2026 on a small workspace: a VK community
// whose members write in Russian and French, our replies and a post.
func dashboard(t testing.TB) stats.Dashboard {
	t.Helper()
	ctx := context.Background()
	clock := func() time.Time { return now }
	st, err := store.Open(ctx, coretest.NewDB(t), store.WithNow(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	acct, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "Клуб любителей чая"})
	if err != nil {
		t.Fatal(err)
	}
	var items []core.Item
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for i := range 20 {
		at := day.Add(time.Duration(i) * 31 * time.Hour)
		author := []core.Person{{Name: "Анна Петрова", Address: "11"}, {Name: "Élodie Bérénger", Address: "12"}}[i%2]
		// One comment in four reads negative.
		tone := &core.Tone{Lang: "ru", Sentiment: 0.3}
		if i%4 == 0 {
			tone.Sentiment = -0.5
		}
		items = append(items, core.Item{Kind: core.ItemVKComment, RemoteID: "c" + strconv.Itoa(i), Author: author,
			Text: "Привет! Когда встреча?", CreatedAt: at, ThreadRefs: []string{"post:-1_1"}, Tone: tone})
		if i%3 == 0 {
			items = append(items, core.Item{Kind: core.ItemVKComment, RemoteID: "r" + strconv.Itoa(i), Outgoing: true,
				State: core.StateDone, Author: core.Person{Name: "Клуб", Address: "-1"}, Text: "В субботу!",
				CreatedAt: at.Add(time.Duration(i+1) * 20 * time.Minute), ThreadRefs: []string{"post:-1_1"}})
		}
	}
	items = append(items, core.Item{Kind: core.ItemVKPost, RemoteID: "post:-1_1", Outgoing: true, State: core.StateDone,
		Author: core.Person{Name: "Клуб", Address: "-1"}, Text: "Чаепитие в субботу — все приглашены!",
		CreatedAt: day.Add(-time.Hour), Stats: core.ItemStats{Likes: 42, Comments: 20, Reposts: 3, Views: 1900}})
	if _, err := st.ApplyBatch(ctx, acct, core.Batch{Items: items}); err != nil {
		t.Fatal(err)
	}
	// The community's members as the sync read them: 500 at the end of
	// October, read on a few days of November only.
	for day, n := range map[string]int64{"2026-10-31": 500, "2026-11-03": 510, "2026-11-04": 507, "2026-11-20": 530} {
		at, _ := time.Parse(time.DateOnly, day)
		if err := st.SaveAudience(ctx, core.AudienceSnapshot{AccountID: acct, Day: day, TakenAt: at.Add(12 * time.Hour), Count: n}); err != nil {
			t.Fatal(err)
		}
	}
	mem := members.New(members.Params{Store: st, Now: clock})
	if err := mem.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	svc := stats.New(stats.Params{Store: st, Members: mem, Now: clock, Zone: "Europe/Moscow"})
	loc, _ := time.LoadLocation("Europe/Moscow")
	p, err := stats.ParsePeriod("2026-11", now, loc)
	if err != nil {
		t.Fatal(err)
	}
	d, err := svc.Dashboard(ctx, stats.Query{Period: p, Rows: true})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The CSV's day rows add up to the tiles, and its day rows are the chart's
// series, to the unit.
func TestCSVMatchesTiles(t *testing.T) {
	t.Parallel()
	d := dashboard(t)
	var buf bytes.Buffer
	if err := report.WriteCSV(&buf, d, stats.DefaultBusinessHours()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	in, out, replies, days, weeks, toned, negative := 0, 0, 0, 0, 0, 0, 0
	msgDays, msgNegative := map[string][2]int{}, 0
	kpi := map[string]string{}
	_, chartIn, chartOut := report.DaySeries(d)
	_, audienceNames, audience := report.AudienceSeries(d)
	if len(audience) != 1 || audienceNames[0] != "Клуб любителей чая" {
		t.Fatalf("audience lines %v, want the community's", audienceNames)
	}
	var csvAudience []string
	_, _, tone := report.Style{}.ToneSeries(d)
	for _, r := range rows[1:] {
		switch r[col["section"]] {
		case "kpi":
			kpi[r[col["metric"]]] = r[col["value"]]
		case "day":
			if r[col["channel"]] != "all" {
				csvAudience = append(csvAudience, r[col["audience"]])
				continue
			}
			n, _ := strconv.Atoi(r[col["in"]])
			o, _ := strconv.Atoi(r[col["out"]])
			if float64(n) != chartIn[days] || float64(o) != chartOut[days] {
				t.Errorf("day %s: csv %d/%d, chart %v/%v", r[col["date"]], n, o, chartIn[days], chartOut[days])
			}
			in, out, days = in+n, out+o, days+1
		case "week":
			if r[col["channel"]] != "all" {
				continue
			}
			n, _ := strconv.Atoi(r[col["toned"]])
			neg, _ := strconv.Atoi(r[col["negative"]])
			// A week with nothing analysed (the 1st, the 30th) has no point.
			if n == 0 && tone[0][weeks] <= 100 || n > 0 && float64(neg)/float64(n)*100 != tone[0][weeks] {
				t.Errorf("week %s: csv %d of %d negative, chart %v%%", r[col["date"]], neg, n, tone[0][weeks])
			}
			toned, negative, weeks = toned+n, negative+neg, weeks+1
		case "reply":
			replies++
		case "message":
			// One row per message the volume counts: the day rows
			// are their sums, the week rows their tone.
			day := msgDays[r[col["date"]]]
			n, _ := strconv.Atoi(r[col["in"]])
			o, _ := strconv.Atoi(r[col["out"]])
			msgDays[r[col["date"]]] = [2]int{day[0] + n, day[1] + o}
			if f, err := strconv.ParseFloat(r[col["sentiment"]], 64); err == nil && f <= -0.05 {
				msgNegative++
			}
		}
	}
	for _, r := range rows[1:] {
		if r[col["section"]] == "day" && r[col["channel"]] == "all" {
			n, _ := strconv.Atoi(r[col["in"]])
			o, _ := strconv.Atoi(r[col["out"]])
			if got := msgDays[r[col["date"]]]; got != [2]int{n, o} {
				t.Errorf("day %s: message rows %d in, %d out; the day row %d, %d", r[col["date"]], got[0], got[1], n, o)
			}
			delete(msgDays, r[col["date"]])
		}
	}
	if len(msgDays) != 0 || msgNegative != 5 {
		t.Errorf("message rows on days without a day row %v, %d negative (want none, and 5)", msgDays, msgNegative)
	}
	if days != 30 {
		t.Errorf("%d day rows, want 30 for November", days)
	}
	// Every day of November has the community's row with its audience,
	// the chart's point to the unit: 500 (October's) on the 1st and 2nd,
	// 507 from the 4th to the 19th, 530 from the 20th.
	if len(csvAudience) != 30 {
		t.Fatalf("%d channel day rows with an audience, want 30", len(csvAudience))
	}
	for i, v := range csvAudience {
		if v != strconv.FormatFloat(audience[0][i], 'f', -1, 64) {
			t.Errorf("day %d: csv audience %q, chart %v", i+1, v, audience[0][i])
		}
	}
	if csvAudience[0] != "500" || csvAudience[2] != "510" || csvAudience[18] != "507" || csvAudience[29] != "530" {
		t.Errorf("audience on the 1st, 3rd, 19th and 30th: %s %s %s %s, want 500 510 507 530",
			csvAudience[0], csvAudience[2], csvAudience[18], csvAudience[29])
	}
	if kpi["audience"] != "530" || kpi["audience_change"] != "30" {
		t.Errorf("audience %s, change %s; want 530 and +30", kpi["audience"], kpi["audience_change"])
	}
	if strconv.Itoa(in) != kpi["items_in"] || strconv.Itoa(out) != kpi["items_out"] || in != 20 || out != 8 {
		t.Errorf("days add up to %d in, %d out; tiles say %s, %s (want 20 and 8)", in, out, kpi["items_in"], kpi["items_out"])
	}
	if replies != 7 {
		t.Errorf("%d reply rows, want 7 (the first reply answers nothing: our post came first)", replies)
	}
	// November 2026 begins on a Sunday: 1, 2-8, ..., 30.
	if weeks != 6 || toned != 20 || negative != 5 || kpi["sentiment_negative_share"] != "0.25" {
		t.Errorf("%d week rows with %d of %d negative, the tile says %s; want 6 weeks, 5 of 20, 0.25",
			weeks, negative, toned, kpi["sentiment_negative_share"])
	}
}

func TestHTMLLoadsNothing(t *testing.T) {
	t.Parallel()
	d := dashboard(t)
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, d, "en"); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"<svg", "Клуб любителей чая", "Messages in", "Negative messages per week", "Чаепитие в субботу"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// Namespaces inside SVG are names, not loads; any other URL would be
	// fetched by a browser.
	urls := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?https?:|url\(\s*["']?https?:|@import`)
	if m := urls.FindString(page); m != "" {
		t.Errorf("the page loads something remote: %q", m)
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "<link") {
		t.Error("the page has a script or a link element")
	}
	oneDateStyle(t, "the page", regexp.MustCompile(`<svg[\s\S]*?</svg>|<[^>]*>`).ReplaceAllString(page, " "))
}

func TestPDFHoldsCyrillic(t *testing.T) {
	t.Parallel()
	d := dashboard(t)
	var buf bytes.Buffer
	if err := report.WritePDF(&buf, d, "en"); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if !bytes.Contains(buf.Bytes(), []byte("FontFile2")) {
		t.Error("no embedded TrueType font")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: the text is not checked")
	}
	text := pdfText(t, pdftotext, buf.Bytes())
	for _, want := range []string{"Клуб любителей чая", "Чаепитие в субботу", "Анна Петрова", "Élodie Bérénger"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	oneDateStyle(t, "the PDF", text)
	// The numbers, each on its label's row (the layout keeps rows on one
	// line): 20 comments in and 8 replies out, 42 + 20 + 3 reactions on
	// the one post, 5 of 20 comments negative, the first reply after 20
	// minutes, 530 members in the community at the end of November.
	layout := []byte(pdfText(t, pdftotext, buf.Bytes(), "-layout"))
	for label, value := range map[string]string{"Messages in": "20", "Messages out": "8", "Posts published": "1",
		"Engagement per post": "65.0", "Likes": "42", "Views": "1,900", "Negative messages": "25%",
		"First response \\(median\\)": "20 min", "Audience": "530", "Answered": "100%"} {
		row := regexp.MustCompile(`(?m)^\s*` + label + `\s{2,}(\S+( \S+)?)`)
		got := "no such row"
		if m := row.FindSubmatch(layout); m != nil {
			got = string(m[1])
		}
		if got != value {
			t.Errorf("the PDF's row %s reads %q, want %s", label, got, value)
		}
	}
}

// oneDateStyle checks that a report's text writes its dates one way, in
// the workspace's zone: the period "1 Nov 2026 – 30 Nov 2026", the post
// of 2 November 8:00 Moscow time, when it was made (10:00 UTC is 13:00
// in Moscow), and no ISO date beside them.
func oneDateStyle(t *testing.T, what, text string) {
	t.Helper()
	text = strings.Join(strings.Fields(text), " ") // pdftotext breaks lines
	for _, want := range []string{"1 Nov 2026 – 30 Nov 2026 (Europe/Moscow)", "2 Nov 2026", "2 Dec 2026, 13:00 MSK"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks the date %q", what, want)
		}
	}
	if iso := regexp.MustCompile(`\b20\d\d-\d\d-\d\d\b`).FindString(text); iso != "" {
		t.Errorf("%s writes %s in another style", what, iso)
	}
}

// pdfText is what pdftotext reads of a PDF; args come before its "- -"
// (such as "-layout").
func pdfText(t *testing.T, pdftotext string, pdf []byte, args ...string) string {
	t.Helper()
	cmd := exec.Command(pdftotext, append(args, "-", "-")...)
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
