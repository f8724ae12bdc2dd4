package stats_test

import (
	"context"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/stats"
)

// The tone KPIs from hand-set tones on the October fixture, and how they
// follow a message marked spam and an abusive one found fine (the kept
// day summaries of those days must be read again).
func TestToneKPIs(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id := func(acct int64, remote string) int64 {
		t.Helper()
		it, err := f.st.ItemByRemoteID(ctx, acct, remote)
		if err != nil {
			t.Fatal(err)
		}
		return it.ID
	}
	tones := map[int64]core.Tone{
		id(f.mail.ID, "t1"):           {Lang: "en", Sentiment: -0.6},
		id(f.mail.ID, "t2a"):          {Lang: "en", Sentiment: 0.5},
		id(f.mail.ID, "t2b"):          {Lang: "en", Sentiment: -0.05}, // at the threshold: negative
		id(f.mail.ID, "t2c"):          {Lang: "en", Sentiment: -0.7, Abusive: true},
		id(f.mail.ID, "t3"):           {Lang: "en", Sentiment: 0},
		id(f.vk.ID, "comment:-1_7_1"): {Lang: "ru", Sentiment: 0.8},
		// Not counted: spam (but abusive: counted there, and handled),
		// our own reply, September's question.
		id(f.mail.ID, "s1"):  {Lang: "en", Sentiment: -0.9, Abusive: true},
		id(f.mail.ID, "t1r"): {Lang: "en", Sentiment: 0.9},
		id(f.mail.ID, "t4"):  {Lang: "en", Sentiment: -1},
	}
	if err := f.st.SetTones(ctx, tones); err != nil {
		t.Fatal(err)
	}
	dash := func(acct int64) stats.Dashboard {
		t.Helper()
		d, err := f.svc.Dashboard(ctx, stats.Query{Period: october(), AccountID: acct})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := dash(0)
	// Six analysed messages in: t1, t2b and t2c read negative; the sum
	// -0.6 + 0.5 - 0.05 - 0.7 + 0 + 0.8 = -0.05.
	checkKPIs(t, d.KPIs, stats.KPIs{
		"sentiment_negative_share": known(0.5), "sentiment_mean": known(-0.05 / 6),
		"abusive_items": known(2), "abusive_handled_share": known(0.5),
	})
	checkKPIs(t, d.Prior, stats.KPIs{"sentiment_negative_share": known(1), "sentiment_mean": known(-1),
		"abusive_items": known(0), "abusive_handled_share": unknown})
	for _, day := range d.Days {
		if want := (stats.ToneCount{Toned: 3, Negative: 2, SentimentMilli: -250}); day.Date.Day() == 6 && day.Tone != want {
			t.Errorf("6 October: %+v, want %+v", day.Tone, want)
		}
	}
	// October 2026 begins on a Thursday: 1-4, 5-11 (t2 on the 6th, the VK
	// comment on the 10th), 12-18 (t3), 19-25 (t1), 26-31.
	weeks := stats.ToneWeeks(d.Days)
	if len(weeks) != 5 || weeks[1].From.Day() != 5 {
		t.Fatalf("%d weeks, the second from %v; want 5, from 5 October", len(weeks), weeks[1].From)
	}
	for i, want := range []stats.ToneCount{{}, {4, 2, 550}, {1, 0, 0}, {1, 1, -600}, {}} {
		if weeks[i].Tone != want {
			t.Errorf("week %d: %+v, want %+v", i+1, weeks[i].Tone, want)
		}
	}
	if got := weeks[1].AccountTone[f.vk.ID]; got != (stats.ToneCount{Toned: 1, SentimentMilli: 800}) {
		t.Errorf("week 2 on VK: %+v", got)
	}
	checkKPIs(t, dash(f.vk.ID).KPIs, stats.KPIs{"sentiment_negative_share": known(0), "sentiment_mean": known(0.8),
		"abusive_items": known(0)})

	// Anna's message goes to spam; the abusive one is found fine.
	if err := f.st.SetState(ctx, id(f.mail.ID, "t1"), core.StateSpam, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SetModerationFine(ctx, id(f.mail.ID, "t2c"), true); err != nil {
		t.Fatal(err)
	}
	checkKPIs(t, dash(0).KPIs, stats.KPIs{
		"sentiment_negative_share": known(2.0 / 5), "sentiment_mean": known(0.55 / 5),
		"abusive_items": known(2), "abusive_handled_share": known(1),
	})
}

// A workspace whose messages are not analysed yet has no tone numbers:
// a dash, not 0%.
func TestToneUnknownBeforeAnalysis(t *testing.T) {
	f := newFixture(t)
	d, err := f.svc.Dashboard(context.Background(), stats.Query{Period: october()})
	if err != nil {
		t.Fatal(err)
	}
	checkKPIs(t, d.KPIs, stats.KPIs{"sentiment_negative_share": unknown, "sentiment_mean": unknown,
		"abusive_items": known(0), "abusive_handled_share": unknown})
	if got := stats.Format("sentiment_mean", d.KPIs["sentiment_mean"]); got != "—" {
		t.Errorf("mean sentiment of nothing reads %q", got)
	}
	if got := stats.Format("sentiment_mean", known(-0.125)); got != "-0.12" && got != "-0.13" {
		t.Errorf("mean sentiment -0.125 reads %q", got)
	}
}
