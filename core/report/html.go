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
<html lang="en"><head><meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}
h1{margin-bottom:0}.sub{color:#666;margin-top:.2em}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:.6em}
.tile{border:1px solid #ddd;border-radius:6px;padding:.6em}.tile .v{font-size:1.5em;font-weight:600}
.tile .n{color:#555;font-size:.85em}.tile .c{font-size:.8em;color:#666}
.up{color:#1a7f37!important}.down{color:#c62828!important}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3em;text-align:left}
svg{max-width:100%;height:auto}
</style></head><body>
<h1>{{.Title}}</h1>
<p class="sub">{{.Sub}}</p>
{{range .Groups}}<h2>{{.Name}}</h2><div class="tiles">{{range .Tiles}}
<div class="tile" title="{{.Help}}"><div class="n">{{.Name}}</div><div class="v">{{.Value}}</div><div class="c {{.Class}}">{{.Change}}</div></div>{{end}}
</div>{{end}}
{{range .Charts}}<h2>{{.Title}}</h2>{{.SVG}}{{end}}
<h2>Top posts</h2><table><tr><th>Date</th><th>Channel</th><th>Post</th><th>Comments</th><th>Likes</th><th>Reposts</th><th>Views</th></tr>
{{range .Posts}}<tr><td>{{.Date}}</td><td>{{.Channel}}</td><td>{{.Text}}</td><td>{{.Comments}}</td><td>{{.Likes}}</td><td>{{.Reposts}}</td><td>{{.Views}}</td></tr>{{end}}</table>
<h2>Agendas</h2><table><tr><th>Agenda</th><th>Posts</th><th>Engagement</th></tr>
{{range .Agendas}}<tr><td>{{.Name}}</td><td>{{.Posts}}</td><td>{{.Engagement}}</td></tr>{{end}}</table>
{{if .Campaigns}}<h2>Campaigns</h2><table><tr><th>Campaign</th><th>Posts</th><th>Engagement</th></tr>
{{range .Campaigns}}<tr><td>{{.Name}}</td><td>{{.Posts}}</td><td>{{.Engagement}}</td></tr>{{end}}</table>{{end}}
<h2>Top advocates</h2><p>{{.Advocates}}</p><h2>Top critics</h2><p>{{.Critics}}</p>
<p class="sub">Definitions of every number: docs/metrics.md. Generated {{.Generated}}.</p>
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

// Title and Subtitle name a report.
func Title(d stats.Dashboard) string { return "Community report: " + d.Period.Label() }

func Subtitle(d stats.Dashboard) string {
	ch := "all channels"
	if d.Account.Name != "" {
		ch = d.Account.Name
	}
	s := fmt.Sprintf("%s – %s (%s), %s; compared with %s", dayLabel(d.Period.From), dayLabel(d.Period.Last()),
		d.Zone, ch, d.Previous.Label())
	if d.Estimated {
		s += ". Member totals of past periods without a daily snapshot are estimated from today's files"
	}
	return s
}

// WriteHTML writes the report as one self-contained HTML page.
func WriteHTML(w io.Writer, d stats.Dashboard) error {
	type chart struct {
		Title string
		SVG   template.HTML
	}
	type post struct {
		Date, Channel, Text             string
		Comments, Likes, Reposts, Views int
	}
	var cs []chart
	for _, c := range Charts {
		b, err := Draw(d, c.Name, Style{Format: SVG, Width: 900, Height: 320})
		if err != nil {
			return err
		}
		cs = append(cs, chart{c.Title, template.HTML(stripXMLHeader(string(b)))}) //nolint:gosec // our own chart
	}
	var posts []post
	for _, p := range d.TopPosts {
		posts = append(posts, post{dayLabel(p.At.In(zoneOf(d))), p.Account, snippet(p.Text), p.Stats.Comments,
			p.Stats.Likes, p.Stats.Reposts, p.Stats.Views})
	}
	err := htmlPage().Execute(w, map[string]any{
		"Title": Title(d), "Sub": Subtitle(d), "Groups": Tiles(d), "Charts": cs, "Posts": posts,
		"Agendas": d.Agendas, "Campaigns": d.Campaigns, "Advocates": names(d.Advocates), "Critics": names(d.Critics),
		"Generated": timeLabel(d.Computed.In(zoneOf(d))),
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
