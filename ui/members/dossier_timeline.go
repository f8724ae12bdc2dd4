package members

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/kit"
)

// timelineView is everything a member wrote and every reply we sent them,
// newest first, a page at a time. Tapping an entry opens it in the inbox.
type timelineView struct {
	v       *dossierView
	list    *fyne.Container
	more    *widget.Button
	entries []core.TimelineEntry
	content fyne.CanvasObject
}

func newTimelineView(v *dossierView) *timelineView {
	t := &timelineView{v: v, list: container.NewVBox()}
	t.more = kit.FlatButton(lang.L("Load older"), theme.MoreHorizontalIcon(), t.loadMore)
	t.content = container.NewVBox(t.list, t.more)
	return t
}

// set shows the first page; a full page means there may be more.
func (t *timelineView) set(list []core.TimelineEntry) {
	t.entries = list
	t.render()
	t.more.Hidden = len(list) < members.TimelinePageSize
}

func (t *timelineView) render() {
	t.list.RemoveAll()
	if len(t.entries) == 0 {
		t.list.Add(kit.NewMuted(lang.L("Nothing written yet")))
		return
	}
	now := t.v.s.u.Now()
	for _, e := range t.entries {
		t.list.Add(newTimelineRow(e, now, t.v.s.openInInbox))
	}
}

func (t *timelineView) loadMore() {
	if len(t.entries) == 0 {
		return
	}
	id, last := t.v.memberID, t.entries[len(t.entries)-1]
	kit.Background(t.v.s.u.Env, "load timeline", func(ctx context.Context) ([]core.TimelineEntry, error) {
		return t.v.s.u.b.Members.TimelinePage(ctx, id, last, members.TimelinePageSize)
	}, func(list []core.TimelineEntry, err error) {
		if t.v.memberID != id {
			return
		}
		if err != nil {
			t.v.banner.Show(lang.L("Could not load older messages: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		t.entries = append(t.entries, list...)
		t.render()
		t.more.Hidden = len(list) < members.TimelinePageSize
	})
}

// timelineRow is one entry: channel, who wrote, when, subject and snippet.
type timelineRow struct {
	widget.BaseWidget
	entry core.TimelineEntry
	open  func(itemID int64)
	body  fyne.CanvasObject
}

func newTimelineRow(e core.TimelineEntry, now time.Time, open func(int64)) *timelineRow {
	who := widget.NewLabelWithStyle(timelineWho(e), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head := container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(kit.ChannelIcon(e.Kind)), who),
		kit.NewMuted(kit.Ago(now, e.At)), widget.NewLabel(""))
	snippet := kit.NewMutedWrapped(timelineText(e), fyne.TextAlignLeading)
	r := &timelineRow{entry: e, open: open,
		body: container.NewBorder(nil, widget.NewSeparator(), nil, nil, container.New(kit.TightRows{}, head, snippet))}
	r.ExtendBaseWidget(r)
	return r
}

func (r *timelineRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.body) }

// Tapped opens the entry in the inbox.
func (r *timelineRow) Tapped(*fyne.PointEvent) { r.open(r.entry.ItemID) }

func timelineWho(e core.TimelineEntry) string {
	if e.Outgoing {
		return lang.L("You replied")
	}
	if e.Kind == core.ItemEmail {
		return lang.L("E-mail")
	}
	return kit.KindLabel(e.Kind)
}

// timelineText is the subject, when the channel has one, then the snippet.
func timelineText(e core.TimelineEntry) string {
	subject, snippet := strings.TrimSpace(e.Subject), strings.TrimSpace(e.Snippet)
	switch {
	case subject == "":
		return snippet
	case snippet == "":
		return subject
	default:
		return subject + " — " + snippet
	}
}
