package dashboard

import (
	"context"
	"errors"
	"image"
	"io"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/ui/kit"
)

// periods are the choices of the period picker, with how each is read.
var periods = []struct{ label, spec string }{
	{"This week", "this-week"}, {"This month", "this-month"}, {"This quarter", "this-quarter"},
	{"Last week", "last-week"}, {"Last month", "last-month"}, {"Last quarter", "last-quarter"},
}

const allChannels = "All channels"

type env struct {
	*kit.Env
	b     Backend
	drill Drill
}

// Screen is the dashboard.
type Screen struct {
	u       *env
	period  *kit.Select
	channel *kit.Select
	sub     *widget.Label
	banner  *kit.Banner
	// saved says where the last report went, with a button to open it.
	saved     *fyne.Container
	savedText *widget.Label
	savedURI  fyne.URI
	openSaved *widget.Button
	groups    *fyne.Container
	tiles     map[string]*tileView
	charts    map[string]*canvas.Image
	taps      map[string]*chartTap
	// whoJoined opens the members behind the audience chart's joins.
	whoJoined *widget.Button
	reload    *kit.Refresher
	content   fyne.CanvasObject
	accounts  []core.Account
	shown     stats.Dashboard
	dark      bool // the charts shown are drawn dark
	loaded    bool
}

// New builds the dashboard; Start loads it.
func New(e *kit.Env, b Backend, drill Drill) *Screen {
	s := &Screen{u: &env{Env: e, b: b, drill: drill}, banner: kit.NewBanner(), tiles: map[string]*tileView{},
		charts: map[string]*canvas.Image{}, taps: map[string]*chartTap{}}
	s.reload = kit.NewRefresher(s.load)
	labels := make([]string, len(periods))
	for i, p := range periods {
		labels[i] = lang.L(p.label)
	}
	// Selected before the callbacks are set: nothing loads before Start.
	s.period = kit.NewSelect(labels, nil)
	s.period.SetSelectedIndex(1)
	s.channel = kit.NewSelect([]string{lang.L(allChannels)}, nil)
	s.channel.SetSelected(lang.L(allChannels))
	s.period.OnChanged = func(string) { s.reload.Request() }
	s.channel.OnChanged = func(string) { s.reload.Request() }
	s.sub = widget.NewLabel("")
	s.sub.Wrapping = fyne.TextWrapWord
	s.groups = container.NewVBox()
	s.savedText = widget.NewLabel("")
	s.savedText.Wrapping = fyne.TextWrapBreak
	s.openSaved = widget.NewButtonWithIcon(lang.L("Open the report"), theme.FileIcon(), s.openReport)
	if b.Open == nil {
		s.openSaved.Hide()
	}
	hide := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { s.saved.Hide() })
	hide.Importance = widget.LowImportance
	s.saved = container.NewBorder(nil, nil, nil, container.NewHBox(s.openSaved, hide), s.savedText)
	s.saved.Hide()
	s.content = s.layout()
	return s
}

func (s *Screen) layout() fyne.CanvasObject {
	monthly := widget.NewButtonWithIcon(lang.L("Monthly report"), theme.DocumentSaveIcon(), s.monthlyReport)
	refresh := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), s.reload.Request)
	// As wide as their choices: "Tous les canaux" was cut to "Tous les ca…".
	bar := container.NewHBox(kit.WideSelect(s.period), kit.WideSelect(s.channel), refresh)
	top := container.NewBorder(nil, nil, bar, monthly)
	layout := &chartGrid{}
	grid := container.New(layout)
	for _, c := range report.Charts {
		img := newChartImage()
		s.charts[c.Name] = img
		layout.imgs = append(layout.imgs, img)
		name := c.Name
		label := lang.L("Show these messages")
		if name == report.ChartAudience {
			// A count of followers has no messages behind it; the VK
			// communities' joins have their people.
			label = lang.L("Show who joined")
		}
		show := widget.NewButton(label, func() { s.drillChart(name) })
		if name == report.ChartAudience {
			s.whoJoined = show
		}
		show.Importance = widget.LowImportance
		s.taps[name] = newChartTap(s, name, img)
		grid.Add(container.NewBorder(nil, show, nil, nil, s.taps[name]))
	}
	body := container.NewVBox(s.sub, s.groups, grid)
	return container.NewBorder(container.NewVBox(container.NewPadded(top), s.banner.Content, s.saved), nil, nil, nil,
		container.NewVScroll(container.NewPadded(body)))
}

// Content is the screen's widget tree.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Start loads the first dashboard.
func (s *Screen) Start() { s.reload.Request() }

// Shown reloads: numbers move while another screen is in front.
func (s *Screen) Shown() {
	if s.loaded {
		s.reload.Request()
	}
}

// Changed does nothing: the dashboard is read when it is shown, not on
// every new message.
func (s *Screen) Changed(kit.Changes) {}

// Close stops nothing: loads end with the window's context.
func (s *Screen) Close() {}

// query is the picked period and channel; UI goroutine.
func (s *Screen) query() (spec string, accountID int64) {
	spec = periods[max(s.period.SelectedIndex(), 0)].spec
	for _, a := range s.accounts {
		if a.Name == s.channel.Selected {
			accountID = a.ID
		}
	}
	return spec, accountID
}

type loaded struct {
	d      stats.Dashboard
	charts map[string]image.Image
	dark   bool
}

func (s *Screen) load(done func()) {
	spec, account := s.query()
	dark := kit.Variant() == theme.VariantDark
	now := s.u.Now()
	kit.Background(s.u.Env, "load dashboard", func(ctx context.Context) (loaded, error) {
		d, err := s.compute(ctx, spec, now, account, false)
		if err != nil {
			return loaded{}, err
		}
		charts, err := drawCharts(d, dark)
		return loaded{d, charts, dark}, err
	}, func(l loaded, err error) {
		defer done()
		s.loaded = true
		if err != nil {
			s.banner.Show(lang.L("Could not compute the dashboard: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		s.banner.Hide()
		s.show(l)
	})
}

// compute reads a period spec in the workspace's zone and computes it,
// with each reply for a report (rows); off the UI goroutine.
func (s *Screen) compute(ctx context.Context, spec string, now time.Time, account int64, rows bool) (stats.Dashboard, error) {
	cs, err := s.u.b.Stats.Settings(ctx)
	if err != nil {
		return stats.Dashboard{}, err
	}
	loc, err := time.LoadLocation(cs.Zone)
	if err != nil {
		return stats.Dashboard{}, err
	}
	p, err := stats.ParsePeriod(spec, now, loc)
	if err != nil {
		return stats.Dashboard{}, err
	}
	return s.u.b.Stats.Dashboard(ctx, stats.Query{Period: p, AccountID: account, Rows: rows})
}

// show puts a computed dashboard on screen; UI goroutine.
func (s *Screen) show(l loaded) {
	s.shown, s.dark = l.d, l.dark
	s.setAccounts(l.d.Accounts)
	// The tiles and the line above them read as the report written in the
	// same language: its words, dates and numbers ("22 660", "+81 %").
	sub, err := report.SubtitleIn(l.d, kit.Language())
	groups, err2 := report.TilesIn(l.d, kit.Language())
	if err != nil || err2 != nil { // a language the reports lack: English
		sub, groups = report.Subtitle(l.d), report.Tiles(l.d)
	}
	s.sub.SetText(sub)
	if len(s.tiles) == 0 {
		for _, g := range groups {
			head := widget.NewLabelWithStyle(g.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			var views []fyne.CanvasObject
			for _, t := range g.Tiles {
				v := newTileView(s, t)
				s.tiles[t.Key] = v
				views = append(views, v.content)
			}
			wrap := container.NewGridWrap(fyne.NewSize(tileWidth, views[0].MinSize().Height), views...)
			s.groups.Add(head)
			s.groups.Add(wrap)
		}
	}
	for _, g := range groups {
		for _, t := range g.Tiles {
			if v := s.tiles[t.Key]; v != nil {
				v.set(t)
			}
		}
	}
	if s.whoJoined != nil {
		// X's followers have no names: the button works only when the
		// joins are VK's members.
		if s.canDrill("members_joined") {
			s.whoJoined.Enable()
		} else {
			s.whoJoined.Disable()
		}
	}
	for name, img := range l.charts {
		if slot, ok := s.charts[name]; ok {
			slot.Image = img
			slot.Refresh()
		}
	}
}

// setAccounts offers the channels of the workspace in the picker.
func (s *Screen) setAccounts(as []core.Account) {
	s.accounts = as
	opts := []string{lang.L(allChannels)}
	for _, a := range as {
		opts = append(opts, a.Name)
	}
	if strings.Join(opts, "\x00") != strings.Join(s.channel.Options, "\x00") {
		s.channel.Options = opts
		s.channel.Refresh()
	}
}

// canDrill says whether a tile's number opens what is behind it.
func (s *Screen) canDrill(key string) bool {
	if _, ok := stats.ItemsQuery(s.shown, key); ok && s.u.drill.Items != nil {
		return true
	}
	if stats.ListsMembers(key) && s.u.drill.MemberSet != nil {
		return stats.NamesMembers(s.shown, key)
	}
	_, _, ok := stats.MembersSegment(s.shown, key)
	return ok && s.u.drill.Members != nil
}

// drill opens what is behind a tile's number: the messages, the member
// table's segment, or the members the number counts (read off the UI
// goroutine).
func (s *Screen) drill(key string) {
	if q, ok := stats.ItemsQuery(s.shown, key); ok && s.u.drill.Items != nil {
		s.u.drill.Items(q, s.shown.Zone)
		return
	}
	if q, c, ok := stats.MembersSegment(s.shown, key); ok && s.u.drill.Members != nil {
		s.u.drill.Members(q, c, s.shown.Channel)
		return
	}
	if !stats.ListsMembers(key) || !stats.NamesMembers(s.shown, key) || s.u.drill.MemberSet == nil {
		return
	}
	d := s.shown
	kit.Background(s.u.Env, "members behind "+key, func(ctx context.Context) (core.MemberSet, error) {
		return s.u.b.Stats.MembersBehind(ctx, d, key)
	}, func(set core.MemberSet, err error) {
		if err != nil {
			s.banner.Show(lang.L("Could not list these members: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		// The chip names them in the person's language, not core's English.
		if name, err := report.MembersNameIn(d, key, kit.Language()); err == nil {
			set.Name = name
		}
		s.u.drill.MemberSet(set)
	})
}

// drillChart opens the messages a chart counts.
func (s *Screen) drillChart(name string) {
	key := "items_in"
	switch name {
	case report.ChartHistogram:
		if s.u.drill.Items != nil {
			s.u.drill.Items(stats.RepliesQuery(s.shown), s.shown.Zone)
		}
		return
	case report.ChartTone:
		key = "sentiment_negative_share"
	case report.ChartAudience:
		key = "members_joined"
	}
	s.drill(key)
}

// drillAt opens the messages of the bar, point or cell of a chart at pos
// in its slot of the given size: a day's messages in (one channel's, on
// its segment of the stacked bars), a week's negative ones, a weekday
// and hour's messages in, a reply-time bucket's replies.
func (s *Screen) drillAt(name string, img image.Image, size fyne.Size, pos fyne.Position) {
	if img == nil || s.u.drill.Items == nil || !report.HasSpots(name) {
		return
	}
	x, y, ok := imagePoint(img, size, pos)
	if !ok {
		return
	}
	d, style := s.shown, chartStyle(s.dark)
	kit.Background(s.u.Env, "chart spot", func(context.Context) (string, error) {
		sp, ok := style.At(d, name, img, x, y)
		if !ok {
			return "", nil
		}
		switch name {
		case report.ChartHeatmap:
			return stats.CellQuery(d, sp.Weekday, sp.Hour), nil
		case report.ChartHistogram:
			return stats.BucketQuery(d, sp.Bucket), nil
		}
		key := "items_in"
		if name == report.ChartTone {
			key = "sentiment_negative_share"
		}
		q, _ := stats.SpanQuery(d, key, sp.From, sp.To, sp.AccountID)
		return q, nil
	}, func(q string, _ error) {
		if q != "" {
			s.u.drill.Items(q, d.Zone)
		}
	})
}

// monthlyReport saves last month's report for the channel shown; the
// file's extension (.pdf, .html, .csv) chooses the format.
func (s *Screen) monthlyReport() {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		s.saveReport(w)
	}, s.u.Win)
	save.SetFileName("hearth-report-" + stats.MonthOf(s.u.Now()).Previous().String() + ".pdf")
	save.Show()
}

// saveReport writes last month's report for the channel shown to w, off
// the UI goroutine, then says where it went.
func (s *Screen) saveReport(w fyne.URIWriteCloser) {
	_, account := s.query()
	now := s.u.Now()
	uri := w.URI()
	s.saved.Hide()
	kit.BackgroundErr(s.u.Env, "monthly report", func(ctx context.Context) error {
		defer w.Close()
		// Only the CSV lists each message and reply.
		csv := strings.EqualFold(filepath.Ext(uri.Name()), ".csv")
		d, err := s.compute(ctx, "last-month", now, account, csv)
		if err != nil {
			return err
		}
		if err := writeReport(ctx, s.u.b.Stats, w, uri.Name(), d); err != nil {
			return err
		}
		return w.Close()
	}, func(err error) {
		if err != nil {
			s.banner.Show(lang.L("The report was not written: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		s.savedURI = uri
		where := uri.Path()
		if where == "" {
			where = uri.String()
		}
		s.savedText.SetText(lang.L("Report saved: {{.Path}}", map[string]any{"Path": where}))
		s.saved.Show()
	})
}

// openReport opens the last report saved.
func (s *Screen) openReport() {
	if s.savedURI == nil || s.u.b.Open == nil {
		return
	}
	if err := s.u.b.Open(s.savedURI); err != nil {
		s.banner.Show(lang.L("Could not open the report: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
	}
}

// writeReport writes a dashboard in the format its file name says.
func writeReport(ctx context.Context, st Stats, w io.Writer, name string, d stats.Dashboard) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		return report.WriteHTML(w, d, kit.Language())
	case ".csv":
		cs, err := st.Settings(ctx)
		if err != nil {
			return err
		}
		return report.WriteCSV(w, d, cs.Business)
	case ".pdf", "":
		return report.WritePDF(w, d, kit.Language())
	}
	return errors.New(lang.L("{{.Name}}: name the file .pdf, .html or .csv", map[string]any{"Name": name}))
}
