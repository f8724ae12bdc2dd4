package inbox

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

func TestInboxListsItemsNewestFirstUnreadInBold(t *testing.T) {
	h := newHarness(t)
	want := make([]int64, len(samples))
	for i := range want {
		want[i] = h.id(i + 1) // samples are newest first
	}
	if got := h.ids(); !slices.Equal(got, want) {
		t.Fatalf("list = %v, want %v", got, want)
	}
	rows := h.rows()
	if len(rows) < 5 {
		t.Fatalf("only %d rows on screen", len(rows))
	}
	for _, r := range rows {
		it := sampleBySubject(t, r.subject.FullText())
		if r.subject.TextStyle.Bold != !it.seen || r.author.TextStyle.Bold != !it.seen {
			t.Errorf("row %q: bold = %v, want %v (seen %v)", r.subject.FullText(), r.subject.TextStyle.Bold, !it.seen, it.seen)
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
		if r.author.FullText() == "Дмитрий Иванов" {
			row = r
		}
	}
	if row == nil {
		t.Fatal("no row for Дмитрий Иванов")
	}
	if row.subject.FullText() != "Ошибка после обновления" || kit.SegmentText(row.when) != "40 min ago" {
		t.Errorf("row = %q, %q", row.subject.FullText(), kit.SegmentText(row.when))
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
		want int // selected sample
	}{
		{"j", 1},
		{"jj", 2},
		{"jjjk", 2},
		{"kkk", 1},
		{strings.Repeat("j", 30), len(samples)},
	}
	for _, tt := range tests {
		t.Run(tt.keys, func(t *testing.T) {
			h := newHarness(t)
			h.TypeKeys(tt.keys)
			want := h.id(tt.want)
			if got := h.s.selectedID; got != want {
				t.Fatalf("after %q selected %d, want %d", tt.keys, got, want)
			}
			h.WaitFor("the item to open", func() bool {
				it := h.item(want)
				return it.Seen && it.State != core.StateNew && h.s.thread.itemID == want &&
					len(h.s.thread.messages.Objects) > 0
			})
		})
	}
}

func TestTriageKeysIgnoredWhileTyping(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j")
	h.Canvas().Focus(h.s.filters.tag)
	h.TypeKeys("jje")
	if h.s.selectedID != h.id(1) || h.s.filters.tag.Text != "jje" {
		t.Fatalf("selected %d, tag entry %q: keys went to triage while typing", h.s.selectedID, h.s.filters.tag.Text)
	}
	h.Settle()
	if st := h.item(h.id(1)).State; st == core.StateDone {
		t.Fatal("e in a text field marked the item done")
	}
	h.s.filters.tag.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.TypeKeys("j")
	if h.s.selectedID != h.id(2) {
		t.Errorf("after Esc, j selected %d, want %d", h.s.selectedID, h.id(2))
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
			h.TypeKeys("jj") // item 2
			h.TypeKeys(tt.key)
			// # first checks the author is no regular correspondent.
			h.WaitFor("item 2 out of the list", func() bool { return !slices.Contains(h.ids(), h.id(2)) })
			if h.s.selectedID != h.id(3) {
				t.Errorf("selection moved to %d, want the next item, %d", h.s.selectedID, h.id(3))
			}
			h.WaitFor("the backend change", func() bool { return h.item(h.id(2)).State == tt.state })
			h.Settle()
			if msg := h.s.banner.Message(); msg != "" {
				t.Errorf("unexpected error shown: %q", msg)
			}
		})
	}
}

func TestDoneStaysInDoneView(t *testing.T) {
	h := newHarness(t)
	if err := h.ws.Inbox.SetState(context.Background(), h.id(5), core.StateDone, time.Time{}); err != nil {
		t.Fatal(err)
	}
	// Claire's earlier exchange is not in it: she wrote again (item 1), so
	// her conversation is back in the inbox, and our reply makes no row.
	want := []int64{h.id(5)}
	h.s.filters.selectState("Done")
	h.WaitFor(fmt.Sprintf("the done view %v", want), func() bool { return slices.Equal(h.ids(), want) })
	h.TypeKeys("j")
	h.TypeKeys("e")
	h.Settle()
	if !slices.Equal(h.ids(), want) {
		t.Fatalf("done view lost the item: %v, want %v", h.ids(), want)
	}
	if st := h.item(h.id(5)).State; st != core.StateDone {
		t.Errorf("item 5 is %s, want done", st)
	}
}

func TestFailingBackendRevertsAndShowsError(t *testing.T) {
	h := newHarness(t)
	id := h.id(1)
	h.inbox.failNext("SetState", fmt.Errorf("inbox: state %d: database is locked", id))
	h.TypeKeys("j")
	h.TypeKeys("e")
	h.WaitFor("the error", func() bool { return h.s.banner.Message() != "" })
	if !slices.Contains(h.ids(), id) || h.ids()[0] != id {
		t.Fatalf("item 1 not back at the top after the failure: %v", h.ids())
	}
	if st := h.item(id).State; st == core.StateDone {
		t.Errorf("the store has item 1 %s after the failure", st)
	}
	want := fmt.Sprintf("Could not mark as done “Rencontre de samedi : toujours à 15 h ?”: State %d: database is locked.", id)
	if got := h.s.banner.Message(); got != want {
		t.Errorf("error shown = %q\nwant %q", got, want)
	}
	test.Tap(h.s.banner.Content.Objects[2].(fyne.Tappable)) // dismiss
	if h.s.banner.Message() != "" {
		t.Error("the error did not go away when dismissed")
	}
}

func TestMarkUnread(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j")
	// Seen in the store and on screen: the opening has finished.
	h.WaitFor("item 1 to be seen", func() bool { return h.item(h.id(1)).Seen && h.s.items[0].Seen })
	h.TypeKeys("u")
	h.WaitFor("item 1 to be unread in the store", func() bool { return !h.item(h.id(1)).Seen })
	h.Settle()
	if h.s.items[0].Seen {
		t.Error("item 1 still shown as seen")
	}
}

func TestSearch(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("/")
	if h.Canvas().Focused() != h.s.search {
		t.Fatalf("/ focused %T, want the search entry", h.Canvas().Focused())
	}
	h.TypeKeys("турнир")
	h.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.WaitFor("the search results", func() bool { return slices.Equal(h.ids(), h.idsOf(10)) })
	if got := h.inbox.searchCalls(); !slices.Equal(got, []string{"турнир"}) {
		t.Errorf("Search calls = %q", got)
	}
	h.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.WaitFor("the list to come back", func() bool { return len(h.ids()) == len(samples) })
	if h.s.search.Text != "" || h.Canvas().Focused() != nil {
		t.Errorf("Esc left %q in the search, focus on %T", h.s.search.Text, h.Canvas().Focused())
	}
}

func TestSearchWithoutResultsSaysSo(t *testing.T) {
	h := newHarness(t)
	h.s.runSearch("zzz")
	h.WaitFor("the empty result", func() bool { return h.s.empty.Visible() })
	if got := kit.SegmentText(h.s.empty); !strings.Contains(got, "Nothing matches “zzz”") {
		t.Errorf("empty state = %q", got)
	}
}

func TestEmptyInboxSaysWhatToDo(t *testing.T) {
	h := newHarness(t, withItems(nil))
	if !h.s.empty.Visible() || kit.SegmentText(h.s.empty) != emptyInbox {
		t.Fatalf("empty state = %q (visible %v)", kit.SegmentText(h.s.empty), h.s.empty.Visible())
	}
}

func TestLoadErrorIsShown(t *testing.T) {
	h := newHarness(t)
	h.inbox.failNext("Page", errors.New("store: disk I/O error"))
	h.s.restart()
	h.WaitFor("the error", func() bool { return h.s.banner.Message() != "" })
	if got := h.s.banner.Message(); got != "Could not load the inbox: Store: disk I/O error." {
		t.Errorf("error = %q", got)
	}
}

func TestPagingLoadsNextPageNearTheEnd(t *testing.T) {
	items := make([]core.Item, 250)
	for i := range items {
		items[i] = core.Item{Kind: core.ItemEmail, Subject: fmt.Sprintf("Message %d", i+1),
			Author: core.Person{Name: "Sender"}, State: core.StateOpen, Seen: true,
			CreatedAt: uitest.Now.Add(-time.Duration(i/2) * time.Minute)} // pairs share a time: keyset needs the id
	}
	h := newHarness(t, withItems(items))
	if n := len(h.ids()); n != pageSize {
		t.Fatalf("first page has %d items, want %d", n, pageSize)
	}
	for want := 200; want <= 250; want += 50 {
		h.s.list.ScrollToBottom()
		h.WaitFor(fmt.Sprintf("%d items", want), func() bool { return len(h.ids()) == want })
	}
	want := slices.Clone(h.items)
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
	if !h.s.exhausted {
		t.Error("the last short page did not end the paging")
	}
}

func TestItemEventsReloadCoalesced(t *testing.T) {
	h := newHarness(t)
	pagesBefore := h.inbox.pageCalls()
	account := h.item(h.id(1)).AccountID
	added := h.ws.AddItems(t, account, core.Item{Kind: core.ItemEmail, Subject: "Just arrived",
		Author: core.Person{Name: "Nouvelle"}, State: core.StateNew, CreatedAt: uitest.Now})[0]
	for range 50 {
		h.publish(core.Event{Kind: core.EventItems, AccountID: account})
	}
	h.WaitFor("the new item", func() bool { return len(h.ids()) > 0 && h.ids()[0] == added.ID })
	h.Settle()
	if n := h.inbox.pageCalls() - pagesBefore; n > 3 {
		t.Errorf("50 events caused %d reloads; they should coalesce", n)
	}
}

func TestFiltersNarrowTheList(t *testing.T) {
	tests := []struct {
		name string
		set  func(f *filterBar)
		want []int // samples
	}{
		{"kind", func(f *filterBar) { choose(f.kind, "VK comments") }, []int{3, 14}},
		{"tag", func(f *filterBar) { f.tag.SetText("bug"); f.tag.OnSubmitted("bug") }, []int{2, 12}},
		{"unread", func(f *filterBar) { f.unread.SetChecked(true) }, []int{1, 2, 4, 6, 7, 8, 11, 15}},
		{"account", func(f *filterBar) { choose(f.account, "@hearth_game") }, []int{5, 11, 19}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.WaitFor("the accounts in the filter", func() bool { return len(h.s.filters.account.Options) > 1 })
			tt.set(h.s.filters)
			want := h.idsOf(tt.want...)
			h.WaitFor(fmt.Sprintf("the list %v", want), func() bool { return slices.Equal(h.ids(), want) })
		})
	}
}

func TestThreadShowsMessagesOldestFirst(t *testing.T) {
	h := newHarness(t)
	h.selectID(h.id(1))
	cards := h.s.thread.messages.Objects
	if len(cards) != 5 { // three messages, two separators
		t.Fatalf("thread shows %d objects, want 3 messages and 2 separators", len(cards))
	}
	texts := uitest.LabelsIn(h.s.thread.messages)
	first := indexContaining(texts, "aura-t-elle lieu")
	reply := indexContaining(texts, "même salle, même heure")
	last := indexContaining(texts, "deux amis")
	if first < 0 || reply < 0 || last < 0 || !(first < reply && reply < last) {
		t.Errorf("messages not oldest first: %d %d %d", first, reply, last)
	}
	if indexContaining(texts, "You (Hearth team") < 0 {
		t.Error("our reply is not marked as ours")
	}
	if got := kit.SegmentText(h.s.thread.meta); got != "work@example.com · 3 messages" {
		t.Errorf("meta = %q", got)
	}
}

func TestThreadShowsAttachmentsAndProblems(t *testing.T) {
	h := newHarness(t)
	h.selectID(h.id(2))
	texts := uitest.LabelsIn(h.s.thread.messages)
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
	h.TypeKeys("j")
	h.TypeKeys("s")
	menu := h.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("s did not open the snooze menu")
	}
	tomorrow := uitest.MenuItem(t, menu, "Tomorrow morning (Thu 08:00)")
	test.Tap(tomorrow)
	id := h.id(1)
	h.WaitFor("the snooze", func() bool { return h.item(id).State == core.StateSnoozed })
	if want := time.Date(2025, 3, 13, 8, 0, 0, 0, time.UTC); !h.item(id).SnoozeUntil.Equal(want) {
		t.Errorf("snoozed until %v, want %v", h.item(id).SnoozeUntil, want)
	}
	if slices.Contains(h.ids(), id) {
		t.Error("a snoozed item stayed in the default view")
	}
}

func TestTagsAddAndRemove(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j")
	id := h.id(1)
	h.s.changeTag("vip", true)
	h.WaitFor("the tag in the store", func() bool { return slices.Equal(h.item(id).Tags, []string{"meetup", "vip"}) })
	h.Settle()
	if got := h.s.items[0].Tags; !slices.Equal(got, []string{"meetup", "vip"}) {
		t.Errorf("tags = %v", got)
	}
	test.Tap(h.s.thread.tags.Objects[0].(*widget.Button)) // "#meetup ✕"
	h.WaitFor("the tag gone from the store", func() bool { return slices.Equal(h.item(id).Tags, []string{"vip"}) })
	h.Settle()
	if got := h.s.items[0].Tags; !slices.Equal(got, []string{"vip"}) {
		t.Errorf("tags = %v", got)
	}
}

func TestTriageActsOnOpenItemOutsideTheList(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j") // Claire's message is open...
	h.s.runSearch("турнир")
	h.WaitFor("the search results", func() bool { return slices.Equal(h.ids(), h.idsOf(10)) })
	h.TypeKeys("e") // ...and still what e acts on, though the search hides it
	h.WaitFor("the state change", func() bool { return h.item(h.id(1)).State == core.StateDone })
	if h.s.thread.itemID != 0 || h.item(h.id(10)).State != core.StateOpen {
		t.Errorf("after e: thread shows %d, item 10 is %s", h.s.thread.itemID, h.item(h.id(10)).State)
	}
}

func TestSearchFindsAnsweredMessages(t *testing.T) {
	h := newHarness(t)
	if err := h.ws.Inbox.SetState(context.Background(), h.id(10), core.StateDone, time.Time{}); err != nil {
		t.Fatal(err)
	}
	h.TypeKeys("/")
	h.TypeKeys("турнир")
	h.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.WaitFor("the done message among the results", func() bool { return slices.Equal(h.ids(), h.idsOf(10)) })
}

// The fake listed remotely deleted items like any other; the store keeps
// them out of the triage view and shows them when their state is asked for.
func TestRemotelyDeletedItemLeavesTheTriageViewOnly(t *testing.T) {
	h := newHarness(t)
	anna := h.item(h.id(3)) // an open VK comment, deleted on VK by someone else
	h.ws.SetDeleted(t, anna, true)
	h.publish(core.Event{Kind: core.EventItems, AccountID: anna.AccountID, ItemIDs: []int64{anna.ID}})
	h.WaitFor("the deleted comment to leave the list", func() bool { return !slices.Contains(h.ids(), anna.ID) })
	h.s.filters.selectState("Open")
	h.WaitFor("the deleted comment in the open view", func() bool { return slices.Contains(h.ids(), anna.ID) })
}

// A reply delivered while its conversation is open shows in it at once,
// without reopening the conversation.
func TestDeliveredReplyShowsInTheOpenThread(t *testing.T) {
	h := newHarness(t)
	id := h.id(1)
	h.selectID(id)
	h.WaitFor("the conversation", func() bool { return h.s.thread.threadID != 0 })
	before := h.s.thread.shown
	it := h.item(id)
	// The outbox runner delivered a reply: it stores the outgoing item and
	// publishes it, which the shell's pump hands over.
	sent := h.ws.AddItems(t, it.AccountID, core.Item{Kind: it.Kind, RemoteID: "our-reply@example.org",
		ThreadRefs: []string{it.RemoteID}, Outgoing: true, State: core.StateDone, Seen: true,
		Author: core.Person{Name: "You"}, Text: "Thanks, see you on Friday!", CreatedAt: uitest.Now})[0]
	h.publish(core.Event{Kind: core.EventItems, AccountID: it.AccountID, ItemIDs: []int64{sent.ID}})
	want := fmt.Sprintf("%d messages", before+1)
	h.WaitFor("the reply in the open conversation", func() bool {
		return strings.Contains(h.s.thread.meta.String(), want) &&
			indexContaining(uitest.LabelsIn(h.s.thread.messages), "Thanks, see you on Friday!") >= 0
	})
}

// A done conversation comes back to the inbox when its person writes again,
// as one row faced by the new message.
func TestDoneConversationReopensOnANewMessage(t *testing.T) {
	h := newHarness(t)
	it := h.item(h.id(2))
	h.selectID(it.ID)
	h.TypeKeys("e")
	h.WaitFor("the conversation done", func() bool {
		return !slices.Contains(h.ids(), it.ID) && h.item(it.ID).State == core.StateDone
	})
	h.Settle()
	rows := len(h.ids())
	again := h.ws.AddItems(t, it.AccountID, core.Item{Kind: it.Kind, RemoteID: "r2-again@example.ru",
		ThreadRefs: []string{it.RemoteID}, Author: it.Author, Subject: "Re: " + it.Subject,
		Text: "Still crashing after 2.4.1", CreatedAt: uitest.Now})[0]
	h.publish(core.Event{Kind: core.EventItems, AccountID: it.AccountID, ItemIDs: []int64{again.ID}})
	h.WaitFor("the conversation back on top, faced by the new message", func() bool {
		ids := h.ids()
		return len(ids) == rows+1 && ids[0] == again.ID
	})
	if slices.Contains(h.ids(), it.ID) {
		t.Error("the conversation shows twice: its old message is a row of its own")
	}
}
