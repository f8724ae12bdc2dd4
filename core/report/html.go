package report

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/hearthhq/hearth/core/stats"
)

// htmlPage is the report: one file, its charts inline SVG, its style in
// the page, nothing loaded from anywhere. Parsed at first use: every
// command of the one binary would pay for it at start.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Parse(htmlSource))
})

const htmlSource = `<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}
h1{margin-bottom:0}.sub{color:#666;margin-top:.2em}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:.6em}
.tile{border:1px solid #ddd;border-radius:6px;padding:.6em}.tile .v{font-size:1.5em;font-weight:600}
.tile .n{color:#555;font-size:.85em}.tile .c{font-size:.8em;color:#666}
.up{color:#1a7f37!important}.down{color:#c62828!important}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3em;text-align:left}
td.n,th.n{text-align:right}
svg{max-width:100%;height:auto}
</style></head><body>
<h1>{{.Title}}</h1>
<p class="sub">{{.Sub}}</p>
{{range .Groups}}<h2>{{.Name}}</h2><div class="tiles">{{range .Tiles}}
<div class="tile" title="{{.Help}}"><div class="n">{{.Name}}</div><div class="v">{{.Value}}</div><div class="c {{.Class}}">{{.Change}}</div></div>{{end}}
</div>{{end}}
{{range .Charts}}<h2>{{.Title}}</h2>{{.SVG}}{{end}}
{{with .W}}<h2>{{.TopPosts}}</h2><table><tr><th>{{.Date}}</th><th>{{.Channel}}</th><th>{{.Post}}</th><th class="n">{{.Comments}}</th><th class="n">{{.Likes}}</th><th class="n">{{.Reposts}}</th><th class="n">{{.Views}}</th></tr>{{end}}
{{range .Posts}}<tr><td>{{.Date}}</td><td>{{.Channel}}</td><td>{{.Text}}</td><td class="n">{{.Comments}}</td><td class="n">{{.Likes}}</td><td class="n">{{.Reposts}}</td><td class="n">{{.Views}}</td></tr>{{end}}</table>
{{with .W}}<h2>{{.Agendas}}</h2><table><tr><th>{{.Agenda}}</th><th class="n">{{.Posts}}</th><th class="n">{{.Engagement}}</th></tr>{{end}}
{{range .Agendas}}<tr><td>{{.Name}}</td><td class="n">{{.Posts}}</td><td class="n">{{.Engagement}}</td></tr>{{end}}</table>
{{if .Campaigns}}{{with .W}}<h2>{{.Campaigns}}</h2><table><tr><th>{{.Campaign}}</th><th class="n">{{.Posts}}</th><th class="n">{{.Engagement}}</th></tr>{{end}}
{{range .Campaigns}}<tr><td>{{.Name}}</td><td class="n">{{.Posts}}</td><td class="n">{{.Engagement}}</td></tr>{{end}}</table>{{end}}
<h2>{{.W.Advocates}}</h2><p>{{.Advocates}}</p><h2>{{.W.Critics}}</h2><p>{{.Critics}}</p>
<p class="sub">{{.Footer}}</p>
</body></html>
`

// Tile is one KPI as a report or the dashboard shows it.
type Tile struct {
	Key, Name, Help, Value, Change string
	Better                         int // 1 good news, -1 bad, 0 neither
	Class                          string
}

// Tiles are the dashboard's KPIs by group, formatted with their change.
func Tiles(d stats.Dashboard) []struct {
	Name  string
	Tiles []Tile
} {
	var out []struct {
		Name  string
		Tiles []Tile
	}
	index := map[string]int{}
	for _, m := range stats.Metrics {
		i, ok := index[m.Group]
		if !ok {
			i = len(out)
			index[m.Group] = i
			out = append(out, struct {
				Name  string
				Tiles []Tile
			}{Name: m.Group})
		}
		t := Tile{Key: m.Key, Name: m.Name, Help: m.Help, Value: stats.Format(m.Key, d.KPIs[m.Key]),
			Change: stats.FormatChange(d.KPIs, d.Prior, m.Key)}
		if diff, _, ok := d.KPIs.Change(d.Prior, m.Key); ok {
			t.Better = stats.Better(m.Key, diff)
		}
		t.Class = map[int]string{1: "up", -1: "down"}[t.Better]
		out[i].Tiles = append(out[i].Tiles, t)
	}
	return out
}

// TilesIn are Tiles in a language (en, fr, ru, bg), as a report in it
// writes them: the dashboard screen shows the same words and numbers.
func TilesIn(d stats.Dashboard, lang string) ([]struct {
	Name  string
	Tiles []Tile
}, error) {
	w, err := wordsFor(lang)
	if err != nil {
		return nil, err
	}
	return tiles(d, w), nil
}

// SubtitleIn says, in a language, which days and channel the numbers are
// of and what they are compared with.
func SubtitleIn(d stats.Dashboard, lang string) (string, error) {
	w, err := wordsFor(lang)
	if err != nil {
		return "", err
	}
	return subtitle(d, w), nil
}

// tiles are Tiles in a report's language: names, definitions, values and
// changes.
func tiles(d stats.Dashboard, w words) []struct {
	Name  string
	Tiles []Tile
} {
	groups := Tiles(d)
	for i := range groups {
		groups[i].Name = w.L(groups[i].Name)
		for j := range groups[i].Tiles {
			t := &groups[i].Tiles[j]
			t.Name, t.Help = w.L(t.Name), w.L(t.Help)
			t.Value, t.Change = w.value(t.Key, d.KPIs[t.Key]), w.change(d.KPIs, d.Prior, t.Key)
		}
	}
	return groups
}

// Title and Subtitle name a report in English, as `hearth stats` prints
// it; a report file is in its own language (title, subtitle).
func Title(d stats.Dashboard) string { return title(d, english()) }

func Subtitle(d stats.Dashboard) string { return subtitle(d, english()) }

// english writes the English of the CLI's text summary.
var english = sync.OnceValue(func() words {
	w, err := wordsFor("en")
	if err != nil {
		panic(err) // the embedded files: only a broken build lacks them
	}
	return w
})

func title(d stats.Dashboard, w words) string {
	return w.L("Community report: {{.Period}}", map[string]any{"Period": w.period(d.Period)})
}

func subtitle(d stats.Dashboard, w words) string {
	ch := w.L("all channels")
	if d.Account.Name != "" {
		ch = d.Account.Name
	}
	s := w.L("{{.From}} – {{.To}} ({{.Zone}}), {{.Channel}}; compared with {{.Previous}}", map[string]any{
		"From": w.day(d.Period.From), "To": w.day(d.Period.Last()), "Zone": d.Zone, "Channel": ch,
		"Previous": w.period(d.Previous)})
	if d.Estimated {
		s += w.L(". Member totals of past periods without a daily snapshot are estimated from today's files")
	}
	return s
}

// WriteHTML writes the report as one self-contained HTML page in lang
// (en, fr, ru or bg; "" is English).
func WriteHTML(w io.Writer, d stats.Dashboard, lang string) error {
	ws, err := wordsFor(lang)
	if err != nil {
		return err
	}
	type chart struct {
		Title string
		SVG   template.HTML
	}
	type post struct {
		Date, Channel, Text             string
		Comments, Likes, Reposts, Views string
	}
	type group struct{ Name, Posts, Engagement string }
	var cs []chart
	for _, c := range Charts {
		b, err := Draw(d, c.Name, ws.style(SVG, 900, 320))
		if err != nil {
			return err
		}
		cs = append(cs, chart{ws.L(c.Title), template.HTML(stripXMLHeader(string(b)))}) //nolint:gosec // our own chart
	}
	var posts []post
	for _, p := range d.TopPosts {
		posts = append(posts, post{ws.day(p.At.In(zoneOf(d))), p.Account, snippet(p.Text), ws.number(p.Stats.Comments),
			ws.number(p.Stats.Likes), ws.number(p.Stats.Reposts), ws.number(p.Stats.Views)})
	}
	groups := func(gs []stats.Group, name func(string) string) []group {
		var out []group
		for _, g := range gs {
			out = append(out, group{name(g.Name), ws.number(g.Posts), ws.number(g.Engagement)})
		}
		return out
	}
	same := func(s string) string { return s } // a campaign's name is the person's
	heads := map[string]string{}
	for k, v := range map[string]string{"TopPosts": "Top posts", "Date": "Date", "Channel": "Channel", "Post": "Post",
		"Comments": "Comments", "Likes": "Likes", "Reposts": "Reposts", "Views": "Views", "Agendas": "Agendas",
		"Agenda": "Agenda", "Posts": "Posts", "Engagement": "Engagement", "Campaigns": "Campaigns",
		"Campaign": "Campaign", "Advocates": "Top advocates", "Critics": "Top critics"} {
		heads[k] = ws.L(v)
	}
	err = htmlPage().Execute(w, map[string]any{
		"Lang": ws.lang, "W": heads,
		"Title": title(d, ws), "Sub": subtitle(d, ws), "Groups": tiles(d, ws), "Charts": cs, "Posts": posts,
		"Agendas": groups(d.Agendas, func(s string) string { return ws.L(s) }), "Campaigns": groups(d.Campaigns, same), "Advocates": names(d.Advocates, ws),
		"Critics": names(d.Critics, ws),
		"Footer": ws.L("Definitions of every number: docs/metrics.md. Generated {{.When}}.",
			map[string]any{"When": ws.moment(d.Computed.In(zoneOf(d)))}),
	})
	if err != nil {
		return fmt.Errorf("report: html: %w", err)
	}
	return nil
}

// stripXMLHeader makes an SVG document an inline element.
func stripXMLHeader(svg string) string {
	if i := strings.Index(svg, "<svg"); i > 0 {
		return svg[i:]
	}
	return svg
}

func snippet(s string) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return string(r)
}

// MembersNameIn names the members behind a member number, in a language,
// as the member table's chip shows them: "Nouveaux membres · T3 2026".
func MembersNameIn(d stats.Dashboard, key, lang string) (string, error) {
	w, err := wordsFor(lang)
	if err != nil {
		return "", err
	}
	return w.L(metricName(key)) + " · " + w.period(d.Period), nil
}

// metricName is a metric's English name, or its key.
func metricName(key string) string {
	if m, ok := stats.MetricByKey(key); ok {
		return m.Name
	}
	return key
}
