package dashboard

import (
	"bytes"
	"context"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/go-analyze/charts"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// harness is the dashboard on the real stats service over a workspace of
// a VK community's March (the UI tests' clock is 12 March 2025).
type harness struct {
	*uitest.Window
	s       *Screen
	queries []string
	zones   []string
	members []core.Cohort
	sets    []core.MemberSet
	opened  []fyne.URI
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	w := uitest.NewScreenWindow(t, uitest.ScreenSize)
	ws := coretest.Open(t, func() time.Time { return uitest.Now })
	vk := ws.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Клуб"})
	var items []core.Item
	for i := range 40 {
		at := time.Date(2025, 3, 1+i%11, 9+i%9, 0, 0, 0, time.UTC)
		items = append(items, core.Item{Kind: core.ItemVKComment, RemoteID: "c" + strconv.Itoa(i), CreatedAt: at,
			Author: core.Person{Name: "Анна " + strconv.Itoa(i%5), Address: strconv.Itoa(10 + i%5)}, Text: "Спасибо!",
			ThreadRefs: []string{"post:-1_" + strconv.Itoa(i%4)}})
		if i%3 == 0 {
			items = append(items, core.Item{Kind: core.ItemVKComment, RemoteID: "r" + strconv.Itoa(i), Outgoing: true,
				State: core.StateDone, CreatedAt: at.Add(time.Duration(i) * 10 * time.Minute),
				Author: core.Person{Name: "Клуб", Address: "-1"}, ThreadRefs: []string{"post:-1_" + strconv.Itoa(i%4)}})
		}
	}
	ws.AddItems(t, vk.ID, items...)
	if err := ws.Members.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	svc := stats.New(stats.Params{Store: ws.Store, Members: ws.Members, Now: func() time.Time { return uitest.Now }, Zone: "UTC"})
	h := &harness{Window: w}
	h.s = New(w.Env, Backend{Stats: svc, Open: func(u fyne.URI) error { h.opened = append(h.opened, u); return nil }}, Drill{
		Items:     func(q, zone string) { h.queries, h.zones = append(h.queries, q), append(h.zones, zone) },
		Members:   func(_ core.Quadrant, c core.Cohort, _ core.IdentityKind) { h.members = append(h.members, c) },
		MemberSet: func(set core.MemberSet) { h.sets = append(h.sets, set) },
	})
	w.Win.SetContent(h.s.Content())
	w.Win.Show()
	h.s.Start()
	h.WaitFor("the dashboard", func() bool { return h.s.loaded && !h.s.reload.Busy() })
	return h
}

func TestDashboardGolden(t *testing.T) {
	h := newHarness(t)
	h.Settle()
	h.Relayout()
	test.AssertRendersToImage(t, "dashboard.png", h.Canvas())
}

// A number opens exactly what is behind it: the messages in of the
// month, the dead souls of the member table.
func TestDashboardDrill(t *testing.T) {
	h := newHarness(t)
	if got := h.s.tiles["items_in"].value.Text; got != "40" {
		t.Errorf("messages in: %q, want 40", got)
	}
	test.Tap(h.s.tiles["items_in"].value)
	want := "-is:mine -channel:feed -state:spam after:2025-03-01 before:2025-04-01"
	if len(h.queries) != 1 || h.queries[0] != want || h.zones[0] != "UTC" {
		t.Errorf("drill queries %q in %q, want %q in UTC", h.queries, h.zones, want)
	}
	test.Tap(h.s.tiles["dead_souls"].value)
	if len(h.members) != 1 || h.members[0] != core.CohortDeadSoul {
		t.Errorf("member drill %v, want dead souls", h.members)
	}
	// New members: the five authors of March, listed by id.
	test.Tap(h.s.tiles["members_new"].value)
	h.WaitFor("the new members", func() bool { return len(h.sets) == 1 })
	if got := h.sets[0]; len(got.IDs) != 5 || !strings.HasPrefix(got.Name, "New members") {
		t.Errorf("new members drill: %q with %d members, want New members with 5", got.Name, len(got.IDs))
	}
	// Nothing analysed in the fixture: a dash, never "0%".
	if got := h.s.tiles["sentiment_negative_share"].value.Text; got != "—" {
		t.Errorf("tone tile says %q", got)
	}
}

// A bar of the messages per channel opens that day's messages on that
// channel: the third bar drawn is 3 March's.
func TestDashboardBarDrill(t *testing.T) {
	h := newHarness(t)
	h.Settle()
	tap := h.s.taps[report.ChartChannels]
	img := tap.img.Image
	b := img.Bounds()
	// The bars are the runs of the first series' colour along a row
	// through them all (each day has three or four comments).
	blue := func(x, y int) bool {
		r, g, bl, _ := img.At(x, y).RGBA()
		sr, sg, sb, _ := charts.GetTheme(charts.ThemeLight).GetSeriesColor(0).RGBA()
		return r == sr && g == sg && bl == sb
	}
	y, runs := -1, [][2]int{}
	for row := b.Max.Y - 1; row >= 0 && len(runs) < 11; row-- {
		y, runs = row, nil
		for x := 0; x < b.Max.X; x++ {
			x0 := x
			for x < b.Max.X && blue(x, row) {
				x++
			}
			if x-x0 >= 3 {
				runs = append(runs, [2]int{x0, x})
			}
		}
	}
	if len(runs) != 11 {
		t.Fatalf("%d bars drawn, want one for each of 1 to 11 March", len(runs))
	}
	// From the image's pixel to the slot's point (the image is contained
	// and centred in it).
	size := tap.Size()
	scale := min(size.Width/float32(b.Dx()), size.Height/float32(b.Dy()))
	ox, oy := (size.Width-float32(b.Dx())*scale)/2, (size.Height-float32(b.Dy())*scale)/2
	x := float32(runs[2][0]+runs[2][1]) / 2
	test.TapAt(tap, fyne.NewPos(ox+x*scale, oy+float32(y)*scale))
	h.WaitFor("the day's messages", func() bool { return len(h.queries) == 1 })
	want := `-is:mine -channel:feed -state:spam after:2025-03-03 before:2025-03-04 account:"Клуб"`
	if h.queries[0] != want {
		t.Errorf("the bar of 3 March opens %q, want %q", h.queries[0], want)
	}
}

// The monthly report is written where the person chose, the screen says
// where, and its button opens that file.
func TestMonthlyReportSaysWhereItWent(t *testing.T) {
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "hearth-report-2025-02.pdf")
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	h.s.saveReport(w)
	h.WaitFor("the report", func() bool { return h.s.saved.Visible() || h.s.banner.Message() != "" })
	if msg := h.s.banner.Message(); msg != "" {
		t.Fatalf("the report failed: %s", msg)
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF at %s (%v)", path, err)
	}
	if got := h.s.savedText.Text; got != "Report saved: "+path {
		t.Errorf("the screen says %q", got)
	}
	test.Tap(h.s.openSaved)
	if len(h.opened) != 1 || h.opened[0].Path() != path {
		t.Errorf("opened %v, want %s", h.opened, path)
	}
}

// tapPixel taps a chart's slot at the pixel (x, y) of its image (the
// image is contained and centred in the slot).
func tapPixel(tap *chartTap, x, y int) {
	b := tap.img.Image.Bounds()
	size := tap.Size()
	scale := min(size.Width/float32(b.Dx()), size.Height/float32(b.Dy()))
	ox, oy := (size.Width-float32(b.Dx())*scale)/2, (size.Height-float32(b.Dy())*scale)/2
	test.TapAt(tap, fyne.NewPos(ox+(float32(x)+0.5)*scale, oy+(float32(y)+0.5)*scale))
}

// A heatmap cell opens the month's messages in of its weekday and hour;
// a reply-time bar the replies of its bucket.
func TestDashboardCellAndBucketDrill(t *testing.T) {
	h := newHarness(t)
	h.Settle()
	series := func(img image.Image, x, y int) bool {
		r, g, bl, _ := img.At(x, y).RGBA()
		sr, sg, sb, _ := charts.GetTheme(charts.ThemeLight).GetSeriesColor(0).RGBA()
		return r == sr && g == sg && bl == sb
	}
	// The darkest cells are the most messages: two at Monday 11:00 (3 and
	// 10 March), the first of them in reading order, and at Monday 13:00,
	// Tuesday 12:00 and 14:00, ...
	if h.s.shown.Heatmap[0][11] != 2 {
		t.Fatalf("Monday 11:00 counts %d, want 2", h.s.shown.Heatmap[0][11])
	}
	tap := h.s.taps[report.ChartHeatmap]
	img := tap.img.Image
	b := img.Bounds()
	found := false
	for y := b.Min.Y; y < b.Max.Y && !found; y++ {
		for x := b.Min.X; x < b.Max.X && !found; x++ {
			if series(img, x, y) && series(img, x+4, y+4) {
				tapPixel(tap, x+4, y+4)
				found = true
			}
		}
	}
	if !found {
		t.Fatal("no darkest cell drawn")
	}
	h.WaitFor("the cell's messages", func() bool { return len(h.queries) == 1 })
	if want := "-is:mine -channel:feed -state:spam after:2025-03-01 before:2025-04-01 weekday:mon hour:11"; h.queries[0] != want || h.zones[0] != "UTC" {
		t.Errorf("Monday 11:00 opens %q in %q, want %q in UTC", h.queries[0], h.zones[0], want)
	}
	// The histogram's first bar drawn is its first bucket with replies.
	tap = h.s.taps[report.ChartHistogram]
	img = tap.img.Image
	b = img.Bounds()
	first := slices.IndexFunc(h.s.shown.Histogram, func(n int) bool { return n > 0 })
	if first < 0 {
		t.Fatal("no replies in the histogram")
	}
	found = false
	for y := b.Max.Y - 1; y >= b.Min.Y && !found; y-- {
		for x := b.Min.X; x < b.Max.X && !found; x++ {
			// A bar, not the flat line of an empty bucket.
			if series(img, x, y) && series(img, x+6, y) && series(img, x+3, y-6) {
				tapPixel(tap, x+3, y-3)
				found = true
			}
		}
	}
	if !found {
		t.Fatal("no reply-time bar drawn")
	}
	h.WaitFor("the bucket's replies", func() bool { return len(h.queries) == 2 })
	wait := []string{"..1h", "1h..4h", "4h..8h", "8h..24h", "24h.."}[first]
	if want := "is:mine wait:" + wait + " after:2025-03-01 before:2025-04-01"; h.queries[1] != want {
		t.Errorf("the bar of %s opens %q, want %q", stats.Buckets[first], h.queries[1], want)
	}
}
