package inbox

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/ui/kit"
)

// Empty-state sentences: what to do, not just "nothing here".
const (
	emptyInbox    = "No messages. Add an account in Accounts, or run hearth --demo"
	emptyFiltered = "No messages match these filters."
)

// Screen is triage: filters and search on top, the item list on the
// left, the open conversation and the composer on the right.
type Screen struct {
	u       *env
	filters *filterBar
	search  *searchEntry
	views   *viewPicker // nil without saved views
	list    *itemList
	empty   *widget.RichText
	banner  *kit.Banner
	toast   *kit.Toast       // what the last triage step did, with Undo
	hits    *widget.RichText // how many conversations a search found
	marks   *marks           // conversations picked for a bulk step
	// spamOK are the regular authors the person already agreed to send to
	// spam: asked once, not at every message.
	spamOK map[string]bool
	// selecting is set while the screen itself selects a row (a key, the
	// next row after a triage step): not a click, so no pick.
	selecting bool

	// OpenMember, when set, opens a member's file: an author's name in a
	// conversation is then a link to it.
	OpenMember func(memberID int64)
	// OnUnread, when set, hears the unread conversations in triage after
	// every reload: the navigation shows the number.
	OnUnread func(n int)
	// OnFirstPage, when set, is called once, when the first page of
	// conversations (or the error that stopped it) has been handed to the
	// list: the shell starts the work that can wait until then.
	OnFirstPage func()
	thread      *threadView
	composer    *composer
	panel       *memberPanel // nil without member files
	panelSized  bool         // whether the panel's first visibility was chosen
	panelOff    bool         // the person (or a small window) put the panel away
	reload      *kit.Refresher
	keys        *triageKeys
	content     fyne.CanvasObject

	items      []core.Item
	selectedID int64
	openItem   core.Item  // what the right-hand side shows, listed or not
	query      string     // the search being shown; "" for the list
	zone       searchZone // the zone the dashboard's search reads its days in
	gen        int        // bumps on every reload so stale pages are dropped
	loading    bool       // a next page is being fetched
	exhausted  bool       // the last page came back short: no more to fetch
	loaded     bool       // the first page has arrived
}

// New builds the inbox; active reports whether it is the screen in front,
// where its triage keys apply. Start loads it.
func New(e *kit.Env, b Backend, active func() bool) *Screen {
	u := &env{Env: e, b: b, active: active}
	s := &Screen{u: u, banner: kit.NewBanner(), toast: kit.NewToast(e), spamOK: map[string]bool{}}
	s.marks = newMarks(s)
	s.hits = kit.NewMuted("")
	s.hits.Hide()
	s.reload = kit.NewRefresher(s.load)
	s.filters = newFilterBar(u, s.restart)
	// Another list of states is another list: the conversation open
	// beside the old one is closed, as a drill closes it (the Moderation
	// queue kept an inbox conversation open, and its f and h keys acted on
	// it). A search typed in the box keeps it, for the triage keys.
	s.filters.onState = s.closeItem
	s.search = newSearchEntry(s.runSearch, s.clearSearch)
	if b.Views != nil {
		// A view picked is a search of the person's own: what is open
		// stays open, as with a search typed in the box.
		s.views = newViewPicker(u, func(q string) { s.showSearch(searchZone{query: q}) })
	}
	s.list = newItemList(func() []core.Item { return s.items }, u.Now)
	s.list.OnSelected = s.selected
	s.list.marked = func(id int64) bool { return s.marks.has(id) }
	s.list.nearEnd = s.loadMore
	s.empty = kit.NewMutedWrapped("", fyne.TextAlignCenter)
	s.empty.Hide()
	s.composer = newComposer(u)
	if b.Members != nil {
		s.panel = newMemberPanel(u, s)
	}
	s.thread = newThreadView(u, s)
	s.content = s.layout()
	s.keys = &triageKeys{s: s}
	s.keys.install(e.Win.Canvas())
	return s
}

func (s *Screen) layout() fyne.CanvasObject {
	search := fyne.CanvasObject(s.search)
	if s.views != nil {
		search = container.NewBorder(nil, nil, nil, container.New(kit.FixedWidth{Width: 200}, s.views.sel), s.search)
	}
	top := container.NewVBox(search, s.hits, s.filters.content, s.banner.Content, s.toast.Content, s.marks.bar)
	listPane := container.NewStack(s.list, container.NewPadded(container.New(kit.CenteredColumn{Width: 300}, s.empty)))
	right := container.NewBorder(nil, s.composer.content, nil, nil, s.thread.content)
	if s.panel != nil {
		right = container.NewBorder(nil, nil, nil, s.panel.content, right)
	}
	split := container.NewHSplit(listPane, right)
	split.Offset = 0.4
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
}

// restart reloads from the first page: the filters changed.
func (s *Screen) restart() {
	s.items = nil
	s.exhausted = false
	s.list.UnselectAll()
	s.list.Refresh()
	s.list.ScrollToTop()
	s.reload.Request()
}

func (s *Screen) runSearch(q string) {
	s.query = q
	s.thread.lit = nil
	if parsed, err := query.ParseAt(q, s.now()); err == nil {
		s.thread.lit = parsed.Highlights // the thread lights what was found
	}
	s.restart()
}

func (s *Screen) clearSearch() {
	if s.query == "" {
		return
	}
	s.query = ""
	s.thread.lit = nil
	s.hits.Hide()
	s.restart()
}

// hitCap is how far a search's hits are counted: past it the box says
// "1000+", a number nobody reads through anyway.
const hitCap = 1000

// countHits says how many conversations a search found, off the UI
// goroutine, once its first page is shown.
func (s *Screen) countHits(gen int, q string, f core.ItemFilter) {
	kit.Background(s.u.Env, "count hits", func(ctx context.Context) (hitCount, error) {
		n, more, err := s.u.b.Inbox.SearchCount(ctx, q, f, hitCap)
		return hitCount{n, more}, err
	}, func(h hitCount, err error) {
		if gen != s.gen || s.query != q {
			return
		}
		if err != nil {
			s.hits.Hide()
			return
		}
		kit.SetSegment(s.hits, hitsLine(h, q, !f.Conversations))
		s.hits.Show()
	})
}

type hitCount struct {
	n    int
	more bool
}

// hitsLine reads "23 conversations match «встреча»".
func hitsLine(h hitCount, q string, messages bool) string {
	data := map[string]any{"Count": h.n, "Query": kit.QuoteSubject(q)}
	switch {
	case messages && h.more:
		return lang.L("{{.Count}}+ messages match {{.Query}}", data)
	case messages:
		return lang.N("{{.Count}} messages match {{.Query}}", h.n, data)
	case h.more:
		return lang.L("{{.Count}}+ conversations match {{.Query}}", data)
	}
	return lang.N("{{.Count}} conversations match {{.Query}}", h.n, data)
}

// load re-reads what the list shows (at least one page) for the current
// filters; the Refresher makes sure only one load runs at a time.
func (s *Screen) load(done func()) {
	s.gen++
	gen, q, f := s.gen, s.query, s.filter()
	f.Limit = max(f.Limit, len(s.items))
	f.Now = s.now()
	kit.Background(s.u.Env, "load inbox", func(ctx context.Context) ([]core.Item, error) {
		return s.fetch(ctx, q, f)
	}, func(items []core.Item, err error) {
		defer done()
		if gen != s.gen {
			return
		}
		s.loading = false
		first := !s.loaded
		s.loaded = true
		if first {
			// scripts/bench-window.sh times the first paint by this line.
			s.u.Log.Debug("inbox: first page shown", "conversations", len(items))
			if s.OnFirstPage != nil {
				defer s.OnFirstPage() // once the list has the page
			}
		}
		if err != nil {
			s.banner.Show(searchProblem(err))
			s.updateEmpty()
			return
		}
		s.exhausted = len(items) < f.Limit
		s.setItems(items)
		s.loadCounts()
		if q != "" {
			s.countHits(gen, q, searchFilter(f))
		}
	})
}

func (s *Screen) fetch(ctx context.Context, q string, f core.ItemFilter) ([]core.Item, error) {
	if q != "" {
		return s.u.b.Inbox.Search(ctx, q, searchFilter(f))
	}
	return s.u.b.Inbox.Page(ctx, f)
}

// searchFilter is the filter a search runs under: the box says "search all
// messages", so without a chosen state every state is searched (the
// default triage view would hide every answered message).
func searchFilter(f core.ItemFilter) core.ItemFilter {
	if len(f.States) == 0 {
		f.States = core.States
	}
	return f
}

// loadMore fetches the page after the last item shown (keyset paging).
func (s *Screen) loadMore() {
	if s.loading || s.exhausted || s.reload.Busy() || len(s.items) == 0 {
		return
	}
	s.loading = true
	last := s.items[len(s.items)-1]
	gen, q, f := s.gen, s.query, s.filter()
	f.Before, f.BeforeID, f.BeforeVIP, f.Now = last.CreatedAt, last.ID, last.VIP, s.now()
	kit.Background(s.u.Env, "load next page", func(ctx context.Context) ([]core.Item, error) {
		return s.fetch(ctx, q, f)
	}, func(items []core.Item, err error) {
		if gen != s.gen {
			return
		}
		s.loading = false
		if err != nil {
			s.banner.Show(lang.L("Could not load more messages: {{.Error}}", errData(err)))
			return
		}
		s.exhausted = len(items) < f.Limit
		s.setItems(append(s.items, items...))
		// scripts/bench-window.sh scrolls until this says enough rows went by.
		s.u.Log.Debug("inbox: page added", "conversations", len(s.items))
	})
}

func (s *Screen) setItems(items []core.Item) {
	s.items = items
	s.marks.keep(items)
	s.list.Refresh()
	s.syncSelection()
	s.updateEmpty()
}

func (s *Screen) updateEmpty() {
	switch {
	case len(s.items) > 0 || !s.loaded:
		s.empty.Hide()
		return
	case s.query != "":
		kit.SetSegment(s.empty, lang.L("Nothing matches {{.Query}}. Press Esc to go back to the inbox.", map[string]any{"Query": kit.QuoteSubject(s.query)}))
	case !s.filters.isDefault():
		kit.SetSegment(s.empty, lang.L(emptyFiltered))
	default:
		kit.SetSegment(s.empty, lang.L(emptyInbox))
	}
	s.empty.Show()
}

func (s *Screen) indexOf(id int64) int {
	return slices.IndexFunc(s.items, func(it core.Item) bool { return it.ID == id })
}

func (s *Screen) selectedIndex() int {
	if s.selectedID == 0 {
		return -1
	}
	return s.indexOf(s.selectedID)
}

// syncSelection puts the list's selection back on the open item after the
// items moved under it.
func (s *Screen) syncSelection() {
	if idx := s.selectedIndex(); idx >= 0 {
		s.list.Select(idx)
		return
	}
	s.list.UnselectAll()
}

// selected opens the item the list selected, unless it is already open.
func (s *Screen) selected(idx widget.ListItemID) {
	if idx < 0 || idx >= len(s.items) || s.items[idx].ID == s.selectedID {
		return
	}
	if !s.selecting && s.marks.clicked(idx) {
		return // Ctrl or Shift held: the click picked, it opened nothing
	}
	s.open(idx)
}

func (s *Screen) open(idx int) {
	it := s.items[idx]
	s.selectedID, s.openItem = it.ID, it
	s.thread.show(it)
	s.composer.setItem(it)
	s.showPanel(it)
	if !it.Seen {
		s.items[idx].Seen = true // Open marks it seen; show that at once
		s.list.RefreshItem(idx)
	}
}

// selectIndex selects and opens the item at idx, scrolling to it.
func (s *Screen) selectIndex(idx int) {
	if idx < 0 || idx >= len(s.items) {
		return
	}
	// A selection made by a key (j, or the next conversation after e)
	// is no click: a Shift held for # must not pick a run.
	s.selecting = true
	s.list.UnselectAll()
	s.list.Select(idx)
	s.selecting = false
	s.list.ScrollTo(idx)
}

// move selects the next (delta 1) or previous (-1) item.
func (s *Screen) move(delta int) {
	if len(s.items) == 0 {
		return
	}
	idx := s.selectedIndex()
	if idx < 0 {
		s.selectIndex(0)
		return
	}
	s.selectIndex(min(max(idx+delta, 0), len(s.items)-1))
}

// closeItem empties the right-hand side: nothing is selected.
func (s *Screen) closeItem() {
	s.selectedID, s.openItem = 0, core.Item{}
	s.list.UnselectAll()
	s.thread.clear()
	s.composer.setItem(core.Item{})
	s.showPanel(core.Item{})
}

// removeAt takes an item out of the view; if it was open, the next one
// opens, as in any mail client.
func (s *Screen) removeAt(idx int) {
	wasOpen := s.items[idx].ID == s.selectedID
	s.items = slices.Delete(s.items, idx, idx+1)
	s.list.Refresh()
	s.updateEmpty()
	if !wasOpen {
		s.syncSelection()
		return
	}
	if len(s.items) == 0 {
		s.closeItem()
		return
	}
	s.selectedID = 0
	s.selectIndex(min(idx, len(s.items)-1))
}

// restore puts an item back after a failed change, where it was (idx -1:
// it was not listed).
func (s *Screen) restore(it core.Item, idx int) {
	if s.openItem.ID == it.ID {
		s.openItem = it
	}
	switch i := s.indexOf(it.ID); {
	case i >= 0:
		s.items[i] = it
	case idx >= 0:
		s.items = slices.Insert(s.items, min(idx, len(s.items)), it)
	}
	s.list.Refresh()
	s.syncSelection()
	s.updateEmpty()
}

// current is the open item and its index in the list, -1 when the list no
// longer holds it (a search or a reload moved it out): triage keys still
// act on what the person is reading.
func (s *Screen) current() (core.Item, int, bool) {
	if s.selectedID == 0 {
		return core.Item{}, -1, false
	}
	if idx := s.selectedIndex(); idx >= 0 {
		return s.items[idx], idx, true
	}
	return s.openItem, -1, s.openItem.ID == s.selectedID
}

// edit changes the open item locally: its row, if listed, and the copy the
// right-hand side shows.
func (s *Screen) edit(idx int, change func(*core.Item)) {
	change(&s.openItem)
	if idx >= 0 {
		change(&s.items[idx])
		s.list.RefreshItem(idx)
	}
}

// leave takes the open item out of view: out of the list if listed, else
// the right-hand side closes.
func (s *Screen) leave(idx int) {
	if idx >= 0 {
		s.removeAt(idx)
		return
	}
	s.closeItem()
}

// setState triages the open item: it changes at once (leaving the view if
// the view no longer holds it) and comes back with an error if the backend
// refuses.
func (s *Screen) setState(st core.State, until time.Time) {
	if len(s.marks.ids) > 0 {
		s.bulkState(st, until)
		return
	}
	it, _, ok := s.current()
	if !ok || it.State == st && st != core.StateSnoozed {
		return
	}
	if st == core.StateSpam {
		s.confirmSpam(it, func() { s.applyState(it, st, until) })
		return
	}
	s.applyState(it, st, until)
}

// applyState changes a conversation's state: the open one, or the one a
// question was asked about (the person may have moved on meanwhile).
func (s *Screen) applyState(it core.Item, st core.State, until time.Time) {
	idx := s.indexOf(it.ID)
	open := s.openItem.ID == it.ID
	switch {
	case s.filters.hides(st) && open:
		s.leave(idx)
	case s.filters.hides(st) && idx >= 0:
		s.removeAt(idx)
	case open:
		s.edit(idx, func(it *core.Item) { it.State, it.SnoozeUntil = st, until })
		s.thread.showState(st)
	case idx >= 0:
		s.items[idx].State, s.items[idx].SnoozeUntil = st, until
		s.list.RefreshItem(idx)
	}
	kit.BackgroundErr(s.u.Env, "set state", func(ctx context.Context) error {
		return s.u.b.Inbox.SetState(ctx, it.ID, st, until)
	}, func(err error) {
		if err != nil {
			s.restore(it, idx)
			s.banner.Show(stateFailed(st, it, err))
			return
		}
		s.toast.Show(stateDone(st, it, s.u.Now()), func() { s.undoState(it) })
	})
}

// undoState puts a conversation back in the state it had before a triage
// step (a snooze whose time has passed comes back open).
func (s *Screen) undoState(was core.Item) {
	st, until := was.State, was.SnoozeUntil
	if st == core.StateSnoozed && !until.After(s.u.Now()) {
		st, until = core.StateOpen, time.Time{}
	}
	kit.BackgroundErr(s.u.Env, "undo", func(ctx context.Context) error {
		return s.u.b.Inbox.SetState(ctx, was.ID, st, until)
	}, func(err error) {
		if err != nil {
			s.banner.Show(lang.L("Could not undo on {{.What}}: {{.Error}}", whatErr(kit.QuoteItem(was), err)))
			return
		}
		if s.openItem.ID == was.ID {
			s.openItem.State, s.openItem.SnoozeUntil = st, until
			s.thread.showState(st)
		}
		s.reload.Request()
	})
}

// stateDone says what a triage step did, for its toast.
func stateDone(st core.State, it core.Item, now time.Time) string {
	data := map[string]any{"What": kit.QuoteItem(it), "State": kit.StateLabel(st)}
	switch {
	case st == core.StateDone:
		return lang.L("Marked {{.What}} as done.", data)
	case st == core.StateSpam:
		return lang.L("Moved {{.What}} to spam.", data)
	case st == core.StateSnoozed:
		return lang.L("Snoozed {{.What}}.", data)
	case st == core.StateOpen && it.State == core.StateSpam:
		return lang.L("Marked {{.What}} as not spam: it is back in the inbox.", data)
	case st == core.StateOpen:
		return lang.L("Reopened {{.What}}.", data)
	}
	return lang.L("Moved {{.What}} to {{.State}}.", data)
}

// stateFailed says which triage step the backend refused on it, and why.
func stateFailed(st core.State, it core.Item, err error) string {
	data := whatErr(kit.QuoteItem(it), err)
	data["State"] = kit.StateLabel(st)
	switch st {
	case core.StateDone:
		return lang.L("Could not mark as done {{.What}}: {{.Error}}", data)
	case core.StateSpam:
		return lang.L("Could not move to spam {{.What}}: {{.Error}}", data)
	case core.StateSnoozed:
		return lang.L("Could not snooze {{.What}}: {{.Error}}", data)
	}
	return lang.L("Could not move to {{.State}} {{.What}}: {{.Error}}", data)
}

// errData is the template data of a sentence that ends in an error.
func errData(err error) map[string]any {
	return map[string]any{"Error": kit.ErrorText(err)}
}

// whatErr is the template data of a sentence about an item that failed.
func whatErr(what string, err error) map[string]any {
	return map[string]any{"What": what, "Error": kit.ErrorText(err)}
}

// markUnread marks the open item unread, optimistically.
func (s *Screen) markUnread() {
	it, idx, ok := s.current()
	if !ok {
		return
	}
	s.edit(idx, func(it *core.Item) { it.Seen = false })
	kit.BackgroundErr(s.u.Env, "mark unread", func(ctx context.Context) error {
		return s.u.b.Inbox.SetSeen(ctx, it.ID, false)
	}, func(err error) {
		if err != nil {
			s.restore(it, idx)
			s.banner.Show(lang.L("Could not mark {{.What}} unread: {{.Error}}", whatErr(kit.QuoteItem(it), err)))
			return
		}
		s.toast.Show(lang.L("Marked {{.What}} as unread.", map[string]any{"What": kit.QuoteItem(it)}), func() {
			kit.BackgroundErr(s.u.Env, "undo", func(ctx context.Context) error {
				return s.u.b.Inbox.SetSeen(ctx, it.ID, true)
			}, func(err error) {
				if err != nil {
					s.banner.Show(lang.L("Could not undo: {{.Error}}", errData(err)))
				}
				s.reload.Request()
			})
		})
		// A list read that started before the change may land after the
		// optimistic edit and show the item read again: read once more.
		s.reload.Request()
	})
}

// changeTag adds or removes a tag on the open item, optimistically.
func (s *Screen) changeTag(tag string, add bool) {
	it, idx, ok := s.current()
	if !ok || tag == "" {
		return
	}
	s.edit(idx, func(it *core.Item) { it.Tags = kit.EditTags(it.Tags, tag, add) })
	s.thread.setTags(s.openItem.Tags)
	kit.BackgroundErr(s.u.Env, "tag", func(ctx context.Context) error {
		if add {
			return s.u.b.Inbox.AddTag(ctx, it.ID, tag)
		}
		return s.u.b.Inbox.RemoveTag(ctx, it.ID, tag)
	}, func(err error) {
		if err != nil {
			s.restore(it, idx)
			s.thread.setTags(it.Tags)
			s.banner.Show(lang.L("Could not change the tags of {{.What}}: {{.Error}}", whatErr(kit.QuoteItem(it), err)))
			return
		}
		data := map[string]any{"What": kit.QuoteItem(it), "Tag": tag}
		msg := lang.L("Removed #{{.Tag}} from {{.What}}.", data)
		if add {
			msg = lang.L("Tagged {{.What}} #{{.Tag}}.", data)
		}
		s.toast.Show(msg, func() { s.undoTag(it.ID, tag, add) })
	})
}

// undoTag takes a tag change back on a conversation.
func (s *Screen) undoTag(id int64, tag string, added bool) {
	kit.BackgroundErr(s.u.Env, "undo", func(ctx context.Context) error {
		if added {
			return s.u.b.Inbox.RemoveTag(ctx, id, tag)
		}
		return s.u.b.Inbox.AddTag(ctx, id, tag)
	}, func(err error) {
		if err != nil {
			s.banner.Show(lang.L("Could not undo: {{.Error}}", errData(err)))
			return
		}
		if s.openItem.ID == id {

			s.openItem.Tags = kit.EditTags(s.openItem.Tags, tag, !added)
			s.thread.setTags(s.openItem.Tags)
		}
		s.reload.Request()
	})
}

// opened records what opening an item changed: it is seen, and a new
// item became open.
func (s *Screen) opened(it core.Item) {
	if s.openItem.ID == it.ID {
		s.openItem.Seen, s.openItem.State = it.Seen, it.State
	}
	if i := s.indexOf(it.ID); i >= 0 {
		s.items[i].Seen, s.items[i].State = it.Seen, it.State
		s.list.RefreshItem(i)
	}
}

func (s *Screen) focusSearch() {
	s.u.Win.Canvas().Focus(s.search)
}

// showPanel shows the author of the open conversation beside it.
func (s *Screen) showPanel(it core.Item) {
	if s.panel == nil {
		return
	}
	if !s.panelSized && it.ID != 0 {
		// Three columns need room: on a small window the panel waits for
		// the Member button.
		s.panelSized = true
		if w := s.u.Win.Canvas().Size().Width; w > 0 && w < panelMinWindow {
			s.panelOff = true
		}
	}
	// Nothing open, nobody to show: the conversation's hint takes the room.
	s.panel.content.Hidden = s.panelOff || it.ID == 0
	s.panel.show(it)
	s.content.Refresh()
}

// toggleMember shows or hides the member panel; it starts shown on a
// window wide enough for three columns.
func (s *Screen) toggleMember() {
	if s.panel == nil {
		return
	}
	s.panelOff = !s.panelOff
	s.panel.content.Hidden = s.panelOff || s.openItem.ID == 0
	s.content.Refresh()
}
