package members

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// memberPageSize is how many rows the members table asks for at a time.
const memberPageSize = 100

// Empty-state sentences of the members table.
const (
	emptyMembers         = "No member files yet. They appear as people write to you, or import a CSV or vCard file with hearth members import."
	emptyMembersFiltered = "No members match these filters."
)

// Screen is the member files: the table with its segments, filters
// and bulk tagging, the rituals, merge suggestions and the expert finder in
// tabs, and a member's dossier in front of them when a row is opened.
type Screen struct {
	u         *env
	importer  *memberImport // nil when the backend cannot import
	filters   *memberFilters
	table     *memberTable
	colWidths []float32 // the table's columns in the language in use
	sortCol   int       // the column with the sort arrow, of memberCols
	bulk      *bulkTagBar
	count     *widget.RichText
	empty     *widget.RichText
	banner    *kit.Banner
	reload    *kit.Refresher

	welcome  *ritualList
	checkins *ritualList
	merges   *mergeList
	experts  *expertFinder
	tabs     *container.AppTabs
	dossier  *dossierView
	main     fyne.CanvasObject // the tabs; hidden while a dossier is open
	content  fyne.CanvasObject

	settings core.ScoreSettings
	rows     []core.Member
	total    int
	checked  map[int64]bool
	gen      int  // bumps on every reload so stale pages are dropped
	loading  bool // a next page is being fetched
	loaded   bool // the first page has arrived
}

// New builds the member files; openItem shows an item of a member's
// history in the inbox.
func New(e *kit.Env, b Backend, openItem func(itemID int64)) *Screen {
	u := &env{Env: e, b: b, openItem: openItem}
	s := &Screen{u: u, banner: kit.NewBanner(), checked: map[int64]bool{}}
	s.reload = kit.NewRefresher(s.load)
	s.filters = newMemberFilters(s.restart)
	s.colWidths = baseWidths()
	s.table = newMemberTable(s)
	s.count = kit.NewMuted("")
	s.bulk = newBulkTagBar(s)
	s.empty = kit.NewMutedWrapped("", fyne.TextAlignCenter)
	s.empty.Hide()
	s.welcome = newWelcomeList(s)
	s.checkins = newCheckInList(s)
	s.merges = newMergeList(s)
	s.experts = newExpertFinder(s)
	s.dossier = newDossierView(s)
	s.content = s.layout()
	return s
}

func (s *Screen) layout() fyne.CanvasObject {
	people := container.NewBorder(
		container.NewVBox(s.filters.content, s.bulk.content),
		nil, nil, nil,
		container.NewStack(s.table.content, container.New(kit.CenteredColumn{Width: 360}, s.empty)),
	)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("People"), people),
		container.NewTabItem(lang.L("Welcome queue"), s.welcome.content),
		container.NewTabItem(lang.L("Check-ins"), s.checkins.content),
		container.NewTabItem(lang.L("Merge suggestions"), s.merges.content),
		container.NewTabItem(lang.L("Expert finder"), s.experts.content),
	)
	s.importer = newMemberImport(s, s.u.b.Members)
	s.tabs.Append(container.NewTabItem(lang.L("Import"), s.importer.content))
	s.tabs.OnSelected = func(*container.TabItem) { s.tabShown() }
	top := container.NewVBox(s.banner.Content)
	s.main = container.NewBorder(top, nil, nil, nil, s.tabs)
	s.dossier.content.Hide()
	return container.NewPadded(container.NewStack(s.main, s.dossier.content))
}

// Undo takes the last merge back (Ctrl+Z, sent by the window).
func (s *Screen) Undo() { s.dossier.toast.Undo() }

// Content is the screen's widget tree.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Start does nothing: the member files load when they are first shown.
func (s *Screen) Start() {}

// Changed does nothing: the member files reload when shown.
func (s *Screen) Changed(kit.Changes) {}

// Close has nothing to save: every edit is saved as it is made.
func (s *Screen) Close() {}

// Shown reloads what is in front: the screen came to the front.
func (s *Screen) Shown() {
	if s.dossier.memberID != 0 {
		s.dossier.reload()
		return
	}
	s.tabShown()
}

// tabShown loads the tab in front.
func (s *Screen) tabShown() {
	switch s.tabs.SelectedIndex() {
	case 0:
		s.reload.Request()
	case 1:
		s.welcome.load()
	case 2:
		s.checkins.load()
	case 3:
		s.merges.load()
	case 4:
		s.experts.focus()
	}
}

// restart reloads from the first page: the filters or the sort changed.
func (s *Screen) restart() {
	s.rows = nil
	s.table.list.UnselectAll()
	s.table.refresh()
	s.table.list.ScrollToTop()
	s.reload.Request()
}

// memberLoad is one reload of the table: a page, the settings the cohorts
// come from, and the segment counts.
type memberLoad struct {
	page     core.MemberPage
	settings core.ScoreSettings
	counts   core.SegmentCounts
}

// load re-reads at least the rows shown, and the counts.
func (s *Screen) load(done func()) {
	s.gen++
	gen, f := s.gen, s.filters.filter()
	f.Sort, f.Desc = s.table.sort, s.table.desc
	f.Limit, f.Now = max(memberPageSize, len(s.rows)), s.u.Now()
	kit.Background(s.u.Env, "load members", func(ctx context.Context) (memberLoad, error) {
		return s.fetch(ctx, f)
	}, func(l memberLoad, err error) {
		defer done()
		if gen != s.gen {
			return
		}
		s.loading, s.loaded = false, true
		if err != nil {
			s.banner.Show(lang.L("Could not load the members: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		s.settings = l.settings
		s.filters.setCounts(l.counts)
		s.setRows(l.page.Members, l.page.Total)
	})
}

func (s *Screen) fetch(ctx context.Context, f core.MemberFilter) (memberLoad, error) {
	var l memberLoad
	var err error
	if l.settings, err = s.u.b.Members.Settings(ctx); err != nil {
		return l, err
	}
	if l.counts, err = s.u.b.Members.Counts(ctx); err != nil {
		return l, err
	}
	l.page, err = s.u.b.Members.List(ctx, f)
	return l, err
}

// loadMore fetches the rows after the last one shown.
func (s *Screen) loadMore() {
	if s.loading || s.reload.Busy() || len(s.rows) == 0 || len(s.rows) >= s.total {
		return
	}
	s.loading = true
	gen, f := s.gen, s.filters.filter()
	f.Sort, f.Desc = s.table.sort, s.table.desc
	f.Offset, f.Limit, f.Now = len(s.rows), memberPageSize, s.u.Now()
	kit.Background(s.u.Env, "load more members", func(ctx context.Context) (core.MemberPage, error) {
		return s.u.b.Members.List(ctx, f)
	}, func(p core.MemberPage, err error) {
		if gen != s.gen {
			return
		}
		s.loading = false
		if err != nil {
			s.banner.Show(lang.L("Could not load more members: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		s.setRows(append(s.rows, p.Members...), p.Total)
	})
}

func (s *Screen) setRows(rows []core.Member, total int) {
	s.rows, s.total = rows, total
	kit.SetSegment(s.count, membersCount(len(rows), total))
	s.table.refresh()
	s.updateEmpty()
}

func membersCount(shown, total int) string {
	if shown < total {
		return lang.N("{{.Shown}} of {{.Count}} members", total, map[string]any{"Shown": shown, "Count": total})
	}
	return lang.N("{{.Count}} members", total, map[string]any{"Count": total})
}

func (s *Screen) updateEmpty() {
	switch {
	case len(s.rows) > 0 || !s.loaded:
		s.empty.Hide()
		return
	case s.filters.isDefault():
		kit.SetSegment(s.empty, lang.L(emptyMembers))
	default:
		kit.SetSegment(s.empty, lang.L(emptyMembersFiltered))
	}
	s.empty.Show()
}

// cohort is the cohort of a listed member at the backend's clock.
func (s *Screen) cohort(m core.Member) core.Cohort {
	return core.CohortOf(m, s.u.Now(), s.settings)
}

// OpenMember shows a member's file, whichever screen asked (an author's
// name in the inbox).
func (s *Screen) OpenMember(id int64) { s.openDossier(id) }

// openDossier puts a member's file in front of the tabs.
func (s *Screen) openDossier(id int64) {
	s.main.Hide()
	s.dossier.open(id)
	s.dossier.content.Show()
}

// closeDossier goes back to the tabs and re-reads them: the file may have
// changed (tags, a merge, a deletion).
func (s *Screen) closeDossier() {
	s.dossier.close()
	s.dossier.content.Hide()
	s.main.Show()
	s.tabShown()
}

// setChecked marks a row for bulk tagging.
func (s *Screen) setChecked(id int64, on bool) {
	if on {
		s.checked[id] = true
	} else {
		delete(s.checked, id)
	}
	s.bulk.update()
}

func (s *Screen) checkedIDs() []int64 {
	out := make([]int64, 0, len(s.checked))
	for _, m := range s.rows {
		if s.checked[m.ID] {
			out = append(out, m.ID)
		}
	}
	return out
}

func (s *Screen) clearChecked() {
	clear(s.checked)
	s.bulk.update()
	s.table.refresh()
}

// ShowImport brings the Import tab to the front (the welcome page's
// "Import members").
func (s *Screen) ShowImport() {
	if s.dossier.memberID != 0 {
		s.closeDossier()
	}
	s.tabs.Select(s.tabs.Items[len(s.tabs.Items)-1])
}
