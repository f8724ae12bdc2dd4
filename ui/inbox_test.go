package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

func TestInboxListsItemsNewestFirstUnreadInBold(t *testing.T) {
	h := newHarness(t)
	want := make([]int64, len(samples))
	for i := range want {
		want[i] = int64(i + 1) // samples are newest first
	}
	if got := h.ids(); !slices.Equal(got, want) {
		t.Fatalf("list = %v, want %v", got, want)
	}
	rows := h.rows()
	if len(rows) < 5 {
		t.Fatalf("only %d rows on screen", len(rows))
	}
	for _, r := range rows {
		it := sampleBySubject(t, r.subject.Text)
		if r.subject.TextStyle.Bold != !it.seen || r.author.TextStyle.Bold != !it.seen {
			t.Errorf("row %q: bold = %v, want %v (seen %v)", r.subject.Text, r.subject.TextStyle.Bold, !it.seen, it.seen)
		}
	}
}

// sampleBySubject finds the sample a row shows (rows of channels without
// subjects show the kind).
func sampleBySubject(t *testing.T, subject string) sample {
	t.Helper()
	for _, s := range samples {
		if s.subject == subject || s.subject == "" && kit.KindLabel(s.kind) == subject {
			return s
		}
	}
	t.Fatalf("no sample with subject %q", subject)
	return sample{}
}

func TestRowShowsCyrillicAndRelativeTime(t *testing.T) {
	h := newHarness(t)
	var row *itemRow
	for _, r := range h.rows() {
		if r.author.Text == "Дмитрий Иванов" {
			row = r
		}
	}
	if row == nil {
		t.Fatal("no row for Дмитрий Иванов")
	}
	if row.subject.Text != "Ошибка после обновления" || kit.SegmentText(row.when) != "40 min ago" {
		t.Errorf("row = %q, %q", row.subject.Text, kit.SegmentText(row.when))
	}
	if got := kit.SegmentText(row.tags); got != "#bug" {
		t.Errorf("tags = %q", got)
	}
	if row.state.Text() != "New" {
		t.Errorf("badge = %q, want New", row.state.Text())
	}
}

func TestTriageKeysMoveSelection(t *testing.T) {
	tests := []struct {
		keys string
		want int64 // selected item id
	}{
		{"j", 1},
		{"jj", 2},
		{"jjjk", 2},
		{"kkk", 1},
		{strings.Repeat("j", 30), int64(len(samples))},
	}
	for _, tt := range tests {
		t.Run(tt.keys, func(t *testing.T) {
			h := newHarness(t)
			h.typeKeys(tt.keys)
			if got := h.ui.inbox.selectedID; got != tt.want {
				t.Fatalf("after %q selected %d, want %d", tt.keys, got, tt.want)
			}
			h.waitFor("the item to open", func() bool { return h.inbox.called(fmt.Sprintf("Open %d", tt.want)) })
		})
	}
}

func TestTriageKeysIgnoredWhileTyping(t *testing.T) {
	h := newHarness(t)
	h.typeKeys("j")
	h.canvas().Focus(h.ui.inbox.filters.tag)
	h.typeKeys("jje")
	if h.ui.inbox.selectedID != 1 || h.ui.inbox.filters.tag.Text != "jje" {
		t.Fatalf("selected %d, tag entry %q: keys went to triage while typing", h.ui.inbox.selectedID, h.ui.inbox.filters.tag.Text)
	}
	if h.inbox.called("SetState 1 done") {
		t.Fatal("e in a text field marked the item done")
	}
	h.ui.inbox.filters.tag.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.typeKeys("j")
	if h.ui.inbox.selectedID != 2 {
		t.Errorf("after Esc, j selected %d, want 2", h.ui.inbox.selectedID)
	}
}

func TestTriageRemovesItemFromDefaultView(t *testing.T) {
	tests := []struct {
		key   string
		state core.State
	}{
		{"e", core.StateDone},
		{"#", core.StateSpam},
	}
	for _, tt := range tests {
		t.Run(string(tt.state), func(t *testing.T) {
			h := newHarness(t)
			h.typeKeys("jj") // item 2
			h.typeKeys(tt.key)
			if slices.Contains(h.ids(), 2) {
				t.Fatalf("item 2 still listed after %q: %v", tt.key, h.ids())
			}
			if h.ui.inbox.selectedID != 3 {
				t.Errorf("selection moved to %d, want the next item, 3", h.ui.inbox.selectedID)
			}
			h.waitFor("the backend change", func() bool { return h.inbox.item(2).State == tt.state })
			h.settle()
			if msg := h.ui.inbox.banner.Message(); msg != "" {
				t.Errorf("unexpected error shown: %q", msg)
			}
		})
	}
}

func TestDoneStaysInDoneView(t *testing.T) {
	h := newHarness(t)
	h.inbox.items[5].State = core.StateDone
	h.ui.inbox.filters.state.SetSelected("Done")
	h.waitFor("the done view", func() bool { return slices.Equal(h.ids(), []int64{5}) })
	h.typeKeys("j")
	h.typeKeys("e")
	if !slices.Equal(h.ids(), []int64{5}) {
		t.Fatalf("done view lost the item: %v", h.ids())
	}
}

func TestFailingBackendRevertsAndShowsError(t *testing.T) {
	h := newHarness(t)
	h.inbox.fail("SetState", errors.New("inbox: state 1: database is locked"))
	h.typeKeys("j")
	h.typeKeys("e")
	h.waitFor("the error", func() bool { return h.ui.inbox.banner.Message() != "" })
	if !slices.Contains(h.ids(), 1) || h.ids()[0] != 1 {
		t.Fatalf("item 1 not back at the top after the failure: %v", h.ids())
	}
	want := "Could not mark as done “Rencontre de samedi : toujours à 15 h ?”: State 1: database is locked."
	if got := h.ui.inbox.banner.Message(); got != want {
		t.Errorf("error shown = %q\nwant %q", got, want)
	}
	test.Tap(h.ui.inbox.banner.Content.Objects[2].(fyne.Tappable)) // dismiss
	if h.ui.inbox.banner.Message() != "" {
		t.Error("the error did not go away when dismissed")
	}
}

func TestMarkUnread(t *testing.T) {
	h := newHarness(t)
	h.typeKeys("j")
	h.waitFor("item 1 to be seen", func() bool { return h.inbox.item(1).Seen })
	h.typeKeys("u")
	h.waitFor("SetSeen false", func() bool { return h.inbox.called("SetSeen 1 false") })
	if h.ui.inbox.items[0].Seen {
		t.Error("item 1 still shown as seen")
	}
}

func TestSearch(t *testing.T) {
	h := newHarness(t)
	h.typeKeys("/")
	if h.canvas().Focused() != h.ui.inbox.search {
		t.Fatalf("/ focused %T, want the search entry", h.canvas().Focused())
	}
	h.typeKeys("турнир")
	h.ui.inbox.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.waitFor("the search results", func() bool { return slices.Equal(h.ids(), []int64{10}) })
	if got := h.inbox.searchCalls(); !slices.Equal(got, []string{"турнир"}) {
		t.Errorf("Search calls = %q", got)
	}
	h.ui.inbox.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.waitFor("the list to come back", func() bool { return len(h.ids()) == len(samples) })
	if h.ui.inbox.search.Text != "" || h.canvas().Focused() != nil {
		t.Errorf("Esc left %q in the search, focus on %T", h.ui.inbox.search.Text, h.canvas().Focused())
	}
}

func TestSearchWithoutResultsSaysSo(t *testing.T) {
	h := newHarness(t)
	h.ui.inbox.runSearch("zzz")
	h.waitFor("the empty result", func() bool { return h.ui.inbox.empty.Visible() })
	if got := kit.SegmentText(h.ui.inbox.empty); !strings.Contains(got, "Nothing matches “zzz”") {
		t.Errorf("empty state = %q", got)
	}
}

func TestEmptyInboxSaysWhatToDo(t *testing.T) {
	h := newHarness(t, withItems(nil))
	if !h.ui.inbox.empty.Visible() || kit.SegmentText(h.ui.inbox.empty) != emptyInbox {
		t.Fatalf("empty state = %q (visible %v)", kit.SegmentText(h.ui.inbox.empty), h.ui.inbox.empty.Visible())
	}
}

func TestLoadErrorIsShown(t *testing.T) {
	h := newHarness(t)
	h.inbox.fail("Page", errors.New("store: disk I/O error"))
	h.ui.inbox.restart()
	h.waitFor("the error", func() bool { return h.ui.inbox.banner.Message() != "" })
	if got := h.ui.inbox.banner.Message(); got != "Could not load the inbox: Store: disk I/O error." {
		t.Errorf("error = %q", got)
	}
}

func TestPagingLoadsNextPageNearTheEnd(t *testing.T) {
	items := make([]core.Item, 250)
	for i := range items {
		items[i] = core.Item{ID: int64(i + 1), AccountID: 1, Kind: core.ItemEmail, Subject: fmt.Sprintf("Message %d", i+1),
			Author: core.Person{Name: "Sender"}, State: core.StateOpen, Seen: true,
			CreatedAt: testNow.Add(-time.Duration(i/2) * time.Minute)} // pairs share a time: keyset needs the id
	}
	h := newHarness(t, withItems(items))
	if n := len(h.ids()); n != pageSize {
		t.Fatalf("first page has %d items, want %d", n, pageSize)
	}
	for want := 200; want <= 250; want += 50 {
		h.ui.inbox.list.ScrollToBottom()
		h.waitFor(fmt.Sprintf("%d items", want), func() bool { return len(h.ids()) == want })
	}
	want := slices.Clone(items)
	slices.SortFunc(want, func(a, b core.Item) int { // newest first, then the higher id
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
	for i, id := range h.ids() {
		if id != want[i].ID {
			t.Fatalf("item %d is %d, want %d: a page was skipped or repeated", i, id, want[i].ID)
		}
	}
	if !h.ui.inbox.exhausted {
		t.Error("the last short page did not end the paging")
	}
}

func TestItemEventsReloadCoalesced(t *testing.T) {
	h := newHarness(t)
	pagesBefore := h.pageCalls()
	h.inbox.mu.Lock()
	h.inbox.items[99] = &core.Item{ID: 99, AccountID: 1, Kind: core.ItemEmail, Subject: "Just arrived",
		Author: core.Person{Name: "Nouvelle"}, State: core.StateNew, CreatedAt: testNow}
	h.inbox.mu.Unlock()
	for range 50 {
		h.events.publish(core.Event{Kind: core.EventItems, AccountID: 1})
	}
	h.waitFor("the new item", func() bool { return len(h.ids()) > 0 && h.ids()[0] == 99 })
	h.settle()
	if n := h.pageCalls() - pagesBefore; n > 3 {
		t.Errorf("50 events caused %d reloads; they should coalesce", n)
	}
}

func (h *harness) pageCalls() int {
	h.inbox.mu.Lock()
	defer h.inbox.mu.Unlock()
	return h.inbox.pages
}

func TestFiltersNarrowTheList(t *testing.T) {
	tests := []struct {
		name string
		set  func(f *filterBar)
		want []int64
	}{
		{"kind", func(f *filterBar) { f.kind.SetSelected("VK comments") }, []int64{3, 14}},
		{"tag", func(f *filterBar) { f.tag.SetText("bug"); f.tag.OnSubmitted("bug") }, []int64{2, 12}},
		{"unread", func(f *filterBar) { f.unread.SetChecked(true) }, []int64{1, 2, 4, 6, 7, 8, 11, 15}},
		{"account", func(f *filterBar) { f.account.SetSelected("@hearth_game") }, []int64{5, 11, 19}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.waitFor("the accounts in the filter", func() bool { return len(h.ui.inbox.filters.account.Options) > 1 })
			tt.set(h.ui.inbox.filters)
			h.waitFor(fmt.Sprintf("the list %v", tt.want), func() bool { return slices.Equal(h.ids(), tt.want) })
		})
	}
}

func TestThreadShowsMessagesOldestFirst(t *testing.T) {
	h := newHarness(t)
	h.selectID(1)
	cards := h.ui.inbox.thread.messages.Objects
	if len(cards) != 5 { // three messages, two separators
		t.Fatalf("thread shows %d objects, want 3 messages and 2 separators", len(cards))
	}
	texts := labelsIn(h.ui.inbox.thread.messages)
	first := indexContaining(texts, "aura-t-elle lieu")
	reply := indexContaining(texts, "même salle, même heure")
	last := indexContaining(texts, "deux amis")
	if first < 0 || reply < 0 || last < 0 || !(first < reply && reply < last) {
		t.Errorf("messages not oldest first: %d %d %d", first, reply, last)
	}
	if indexContaining(texts, "You (Hearth team") < 0 {
		t.Error("our reply is not marked as ours")
	}
	if got := kit.SegmentText(h.ui.inbox.thread.meta); got != "work@example.com · 3 messages" {
		t.Errorf("meta = %q", got)
	}
}

func TestThreadShowsAttachmentsAndProblems(t *testing.T) {
	h := newHarness(t)
	h.selectID(2)
	texts := labelsIn(h.ui.inbox.thread.messages)
	for _, want := range []string{
		"Part 2 could not be decoded: unknown charset x-mac-cyrillic.",
		"crash-2.4.log  ·  18 KB",
		"скриншот.png  ·  1.2 MB",
	} {
		if !slices.Contains(texts, want) {
			t.Errorf("thread lacks %q; has %q", want, texts)
		}
	}
}

// labelsIn collects the text of labels and rich texts under o.
func labelsIn(o fyne.CanvasObject) []string {
	var out []string
	for _, c := range test.LaidOutObjects(o) {
		switch x := c.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.RichText:
			out = append(out, x.String())
		}
	}
	return out
}

// menuItem finds the entry of a shown menu by its label.
func menuItem(t *testing.T, overlay fyne.CanvasObject, label string) fyne.Tappable {
	t.Helper()
	for _, o := range test.LaidOutObjects(overlay) {
		m, ok := o.(*widget.Menu)
		if p, isPopUp := o.(*widget.PopUpMenu); isPopUp {
			m, ok = p.Menu, true
		}
		if !ok {
			continue
		}
		for _, it := range m.Items {
			if slices.Contains(textsIn(it), label) {
				return it.(fyne.Tappable)
			}
		}
	}
	t.Fatalf("no menu entry %q", label)
	return nil
}

// textsIn collects the raw texts drawn under o.
func textsIn(o fyne.CanvasObject) []string {
	var out []string
	for _, c := range test.LaidOutObjects(o) {
		if x, ok := c.(*canvas.Text); ok {
			out = append(out, x.Text)
		}
	}
	return out
}

func indexContaining(texts []string, part string) int {
	return slices.IndexFunc(texts, func(s string) bool { return strings.Contains(s, part) })
}

func TestSnoozeChoices(t *testing.T) {
	tests := []struct {
		now  time.Time
		want []string
	}{
		{time.Date(2025, 3, 12, 9, 20, 0, 0, time.UTC), []string{ // Wednesday morning
			"Later today (12:00)", "Tomorrow morning (Thu 08:00)", "Next week (Mon 17 Mar, 08:00)"}},
		{time.Date(2025, 3, 12, 20, 0, 0, 0, time.UTC), []string{ // too late for later today
			"Tomorrow morning (Thu 08:00)", "Next week (Mon 17 Mar, 08:00)"}},
		{time.Date(2025, 3, 17, 10, 0, 0, 0, time.UTC), []string{ // on a Monday, next week is in seven days
			"Later today (13:00)", "Tomorrow morning (Tue 08:00)", "Next week (Mon 24 Mar, 08:00)"}},
		{time.Date(2025, 3, 30, 22, 30, 0, 0, time.UTC), []string{ // Sunday night: tomorrow is Monday already
			"Tomorrow morning (Mon 08:00)", "Next week (Mon 7 Apr, 08:00)"}},
	}
	for _, tt := range tests {
		t.Run(tt.now.Format(time.DateTime), func(t *testing.T) {
			var got []string
			for _, c := range snoozeChoices(tt.now) {
				got = append(got, c.label)
				if !c.until.After(tt.now) {
					t.Errorf("%q is not in the future", c.label)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("choices = %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestParseWhen(t *testing.T) {
	now := time.Date(2025, 3, 12, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		date, clock string
		want        time.Time
		wantErr     string
	}{
		{"2025-03-13", "09:30", time.Date(2025, 3, 13, 9, 30, 0, 0, time.UTC), ""},
		{" 2025-03-12 ", "16:00", time.Date(2025, 3, 12, 16, 0, 0, 0, time.UTC), ""},
		{"2025-03-12", "14:00", time.Time{}, "not in the future"},
		{"13/03/2025", "09:00", time.Time{}, "not valid"},
		{"2025-03-13", "9h", time.Time{}, "not valid"},
	}
	for _, tt := range tests {
		got, err := parseWhen(tt.date, tt.clock, now)
		switch {
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("parseWhen(%q, %q) error = %v, want %q", tt.date, tt.clock, err, tt.wantErr)
		case tt.wantErr == "" && (err != nil || !got.Equal(tt.want)):
			t.Errorf("parseWhen(%q, %q) = %v, %v; want %v", tt.date, tt.clock, got, err, tt.want)
		}
	}
}

func TestSnoozeKeyOpensMenuAndSnoozes(t *testing.T) {
	h := newHarness(t)
	h.typeKeys("j")
	h.typeKeys("s")
	menu := h.canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("s did not open the snooze menu")
	}
	tomorrow := menuItem(t, menu, "Tomorrow morning (Thu 08:00)")
	test.Tap(tomorrow)
	h.waitFor("the snooze", func() bool { return h.inbox.item(1).State == core.StateSnoozed })
	if want := time.Date(2025, 3, 13, 8, 0, 0, 0, time.UTC); !h.inbox.item(1).SnoozeUntil.Equal(want) {
		t.Errorf("snoozed until %v, want %v", h.inbox.item(1).SnoozeUntil, want)
	}
	if slices.Contains(h.ids(), 1) {
		t.Error("a snoozed item stayed in the default view")
	}
}

func TestTagsAddAndRemove(t *testing.T) {
	h := newHarness(t)
	h.typeKeys("j")
	h.ui.inbox.changeTag("vip", true)
	h.waitFor("AddTag", func() bool { return h.inbox.called("AddTag 1 vip") })
	if got := h.ui.inbox.items[0].Tags; !slices.Equal(got, []string{"meetup", "vip"}) {
		t.Errorf("tags = %v", got)
	}
	test.Tap(h.ui.inbox.thread.tags.Objects[0].(*widget.Button)) // "#meetup ✕"
	h.waitFor("RemoveTag", func() bool { return h.inbox.called("RemoveTag 1 meetup") })
	if got := h.ui.inbox.items[0].Tags; !slices.Equal(got, []string{"vip"}) {
		t.Errorf("tags = %v", got)
	}
}

func TestTriageActsOnOpenItemOutsideTheList(t *testing.T) {
	h := newHarness(t)
	h.typeKeys("j") // Claire's message is open...
	h.ui.inbox.runSearch("турнир")
	h.waitFor("the search results", func() bool { return slices.Equal(h.ids(), []int64{10}) })
	h.typeKeys("e") // ...and still what e acts on, though the search hides it
	h.waitFor("the state change", func() bool { return h.inbox.item(1).State == core.StateDone })
	if h.ui.inbox.thread.itemID != 0 || h.inbox.item(10).State != core.StateOpen {
		t.Errorf("after e: thread shows %d, item 10 is %s", h.ui.inbox.thread.itemID, h.inbox.item(10).State)
	}
}

func TestSearchFindsAnsweredMessages(t *testing.T) {
	h := newHarness(t)
	h.inbox.mu.Lock()
	for _, it := range h.inbox.items {
		if it.ID == 10 {
			it.State = core.StateDone
		}
	}
	h.inbox.mu.Unlock()
	h.typeKeys("/")
	h.typeKeys("турнир")
	h.ui.inbox.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.waitFor("the done message among the results", func() bool { return slices.Equal(h.ids(), []int64{10}) })
}
