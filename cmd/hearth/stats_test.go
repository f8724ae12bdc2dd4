package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// stats and report on a synced demo mailbox: every key the issue names,
// the same numbers in the CSV, a PDF and a self-contained page.
func TestStatsAndReport(t *testing.T) {
	t.Parallel() // the locale cases run in child processes, each with its own environment
	p := startPeers(t, 0)
	dir := t.TempDir()
	args, pw := addArgs(dir, p)
	if code, out, errs := cli(t, pw, args...); code != 0 {
		t.Fatalf("account add: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync: exit %d\n%s%s", code, out, errs)
	}
	from := time.Now().AddDate(0, 0, -365).Format(time.DateOnly)
	to := time.Now().Format(time.DateOnly)
	code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "stats", "--json", "--from", from, "--to", to)
	if code != 0 {
		t.Fatalf("stats: exit %d\n%s%s", code, out, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("stats --json: %v\n%s", err, out)
	}
	for _, key := range []string{"items_in", "items_out", "members_total", "members_active", "members_new", "dead_souls",
		"ugc_share", "sentiment_negative_share", "first_response_median_seconds", "posts_published",
		"engagement_per_post", "previous", "days"} {
		if _, ok := got[key]; !ok {
			t.Errorf("stats --json lacks %q", key)
		}
	}
	if n, _ := got["items_in"].(float64); n < 100 {
		t.Errorf("items_in = %v, want the demo mailbox's messages", got["items_in"])
	}
	// The sync reads the tone of every message: the demo has complaints.
	if share, _ := got["sentiment_negative_share"].(float64); share <= 0 || share >= 1 {
		t.Errorf("sentiment_negative_share = %v, want a share of the demo's messages", got["sentiment_negative_share"])
	}
	for _, format := range []string{"pdf", "html", "csv"} {
		path := filepath.Join(dir, "report."+format)
		if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "report", "--from", from, "--to", to,
			"--out", path); code != 0 {
			t.Fatalf("report %s: exit %d\n%s%s", format, code, out, errs)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		switch format {
		case "pdf":
			if !strings.HasPrefix(string(b), "%PDF-") {
				t.Error("the PDF report is not a PDF")
			}
		case "html":
			if strings.Contains(string(b), `src="http`) || strings.Contains(string(b), `href="http`) {
				t.Error("the HTML report loads something remote")
			}
		case "csv":
			if !strings.Contains(string(b), "kpi,,,,items_in,") {
				t.Errorf("the CSV has no items_in row:\n%.300s", b)
			}
		}
	}
	// The report's language: --lang, else the system's as the window
	// reads it (English for C); stderr stays quiet in every locale. Each
	// case is a child process started with that locale and no other
	// (childEnv): the test sets nothing in its own environment, so it runs
	// in parallel with the others.
	for _, c := range []struct{ env, lang, want string }{
		{"C", "", "Community report: "},
		{"C.UTF-8", "", "Community report: "},
		{"ru_RU.UTF-8", "", "Отчёт по сообществу: "},
		{"fr_FR.UTF-8", "bg", "Отчет за общността: "},
		{"en_US.UTF-8", "fr", "Rapport d’activité de la communauté"},
	} {
		path := filepath.Join(dir, "lang.html")
		args := []string{"--data", dir, "--secrets", "file", "report", "--from", from, "--to", to, "--out", path}
		if c.lang != "" {
			args = append(args, "--lang", c.lang)
		}
		out, errs, err := runBinary(t, childEnv("LANG="+c.env), "", args...)
		if err != nil || out != "" || errs != "" {
			t.Fatalf("LANG=%s report --lang %q: %v, stdout %q, stderr %q", c.env, c.lang, err, out, errs)
		}
		if b, _ := os.ReadFile(path); !strings.Contains(string(b), c.want) {
			t.Errorf("LANG=%s report --lang %q: the page lacks %q", c.env, c.lang, c.want)
		}
	}
	if code, _, _ := cli(t, "", "--data", dir, "--secrets", "file", "report", "--lang", "de", "--out", filepath.Join(dir, "r.pdf")); code != 2 {
		t.Errorf("report --lang de: exit %d, want 2 (usage)", code)
	}
	if code, _, _ := cli(t, "", "--data", dir, "--secrets", "file", "report", "--out", filepath.Join(dir, "r.txt")); code != 2 {
		t.Errorf("report to a .txt: exit %d, want 2 (usage)", code)
	}
	if code, _, _ := cli(t, "", "--data", dir, "--secrets", "file", "stats", "--period", "2026-13"); code != 2 {
		t.Errorf("stats --period 2026-13: exit %d, want 2", code)
	}
}
