package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/hearthhq/hearth/core/stats"
)

// csvHeader is the columns of every row; a row fills those of its section:
// kpi (metric, value, previous), day (date, channel, in, out: the day
// charts' numbers; toned, negative and sentiment_mean: the tone of the
// messages in; audience: an X or VK account's followers or members at the
// day's end, the audience chart's number), week (date of its first day, channel, toned, negative,
// sentiment_mean: the tone chart's numbers), post (one published post and its reactions), reply
// (one reply and the wait it answered), message (one message in or out the
// volume counts: in or out is 1; its sentiment, kind and whether it reads
// abusive).
var csvHeader = []string{"section", "date", "time", "channel", "metric", "value", "previous",
	"in", "out", "audience", "toned", "negative", "sentiment_mean", "item_id", "post_id", "agenda", "campaign", "comments", "likes", "reposts", "views",
	"engagement", "waited_since", "wait_seconds", "business_wait_seconds", "first_response", "text",
	"kind", "sentiment", "abusive"}

// toneCells adds the tone columns to a row; the mean is empty when no
// message is analysed.
func toneCells(r map[string]string, t stats.ToneCount) map[string]string {
	r["toned"], r["negative"] = itoa(t.Toned), itoa(t.Negative)
	if mean, ok := t.Mean(); ok {
		r["sentiment_mean"] = strconv.FormatFloat(mean, 'f', 3, 64)
	}
	return r
}

// WriteCSV writes a dashboard as CSV; times are in the workspace's zone.
func WriteCSV(w io.Writer, d stats.Dashboard, business stats.BusinessHours) error {
	loc := zoneOf(d)
	cw := csv.NewWriter(w)
	row := func(vals map[string]string) {
		r := make([]string, len(csvHeader))
		for i, h := range csvHeader {
			r[i] = vals[h]
		}
		_ = cw.Write(r) // the error sticks in cw.Error
	}
	_ = cw.Write(csvHeader)
	for _, m := range stats.Metrics {
		row(map[string]string{"section": "kpi", "metric": m.Key, "value": csvValue(d.KPIs[m.Key]),
			"previous": csvValue(d.Prior[m.Key])})
	}
	names := accountNames(d)
	for _, day := range d.Days {
		date := isoDay(day.Date)
		row(toneCells(map[string]string{"section": "day", "date": date, "channel": "all", "in": itoa(day.In), "out": itoa(day.Out)}, day.Tone))
		for _, a := range d.Accounts {
			in, out, tone := day.AccountIn[a.ID], day.AccountOut[a.ID], day.AccountTone[a.ID]
			audience, counted := day.Audience[a.ID]
			if in+out+tone.Toned > 0 || counted {
				r := toneCells(map[string]string{"section": "day", "date": date, "channel": a.Name, "in": itoa(in), "out": itoa(out)}, tone)
				if counted {
					r["audience"] = strconv.FormatInt(audience, 10)
				}
				row(r)
			}
		}
	}
	for _, w := range stats.ToneWeeks(d.Days) {
		date := isoDay(w.From)
		row(toneCells(map[string]string{"section": "week", "date": date, "channel": "all"}, w.Tone))
		for _, a := range d.Accounts {
			if tone := w.AccountTone[a.ID]; tone.Toned > 0 {
				row(toneCells(map[string]string{"section": "week", "date": date, "channel": a.Name}, tone))
			}
		}
	}
	for _, p := range d.Posts {
		t := p.At.In(loc)
		row(map[string]string{"section": "post", "date": isoDay(t), "time": t.Format("15:04"), "channel": p.Account,
			"item_id": id(p.ItemID), "post_id": id(p.PostID), "agenda": string(p.Agenda), "campaign": p.Campaign,
			"comments": itoa(p.Stats.Comments), "likes": itoa(p.Stats.Likes), "reposts": itoa(p.Stats.Reposts),
			"views": itoa(p.Stats.Views), "engagement": itoa(stats.Engagement(p.Stats)), "text": p.Text})
	}
	for _, r := range d.Replies {
		t := r.At.In(loc)
		row(map[string]string{"section": "reply", "date": isoDay(t), "time": t.Format("15:04"), "channel": names[r.AccountID],
			"item_id": id(r.ReplyID), "waited_since": r.Since.In(loc).Format(time.RFC3339),
			"wait_seconds":          strconv.FormatInt(int64(r.At.Sub(r.Since).Seconds()), 10),
			"business_wait_seconds": strconv.FormatInt(int64(business.Within(r.Since, r.At, loc).Seconds()), 10),
			"first_response":        strconv.FormatBool(r.First)})
	}
	for _, m := range d.Messages {
		t := m.At.In(loc)
		r := map[string]string{"section": "message", "date": isoDay(t), "time": t.Format("15:04"), "channel": names[m.AccountID],
			"item_id": id(m.ItemID), "in": "1", "out": "0", "kind": string(m.Kind), "abusive": strconv.FormatBool(m.Abusive)}
		if m.Outgoing {
			r["in"], r["out"] = "0", "1"
		}
		if m.Toned {
			r["sentiment"] = strconv.FormatFloat(m.Sentiment, 'f', 3, 64)
		}
		row(r)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	return nil
}

func csvValue(v stats.Value) string {
	if !v.Known {
		return ""
	}
	return strconv.FormatFloat(v.Num, 'f', -1, 64)
}

func itoa(n int) string { return strconv.Itoa(n) }

func id(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func accountNames(d stats.Dashboard) map[int64]string {
	m := map[int64]string{}
	for _, a := range d.Accounts {
		m[a.ID] = a.Name
	}
	return m
}

func zoneOf(d stats.Dashboard) *time.Location {
	if loc, err := time.LoadLocation(d.Zone); err == nil {
		return loc
	}
	return time.UTC
}

// isoDay is a day in a CSV data column: machine-friendly, sortable.
func isoDay(t time.Time) string { return t.Format(time.DateOnly) }
