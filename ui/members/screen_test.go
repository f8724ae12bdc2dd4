package members

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

// names lists the names the members table holds, in order.
func names(s *Screen) []string {
	out := make([]string, len(s.rows))
	for i, m := range s.rows {
		out[i] = m.Name
	}
	return out
}

// tapHeader sorts the table by a column as a tap on its header does.
func tapHeader(t *testing.T, h *harness, title string) {
	t.Helper()
	s := membersOf(h)
	for i, c := range memberCols {
		if c.title == title {
			test.Tap(s.table.headers[i])
			h.WaitFor("the sorted table", func() bool { return !s.reload.Busy() })
			return
		}
	}
	t.Fatalf("no %q column", title)
}

// memberRows are the table rows on screen.
func memberRows(s *Screen) []*memberRow {
	var out []*memberRow
	for _, o := range test.LaidOutObjects(s.table.list) {
		if r, ok := o.(*memberRow); ok && r.Visible() && r.id != 0 {
			out = append(out, r)
		}
	}
	return out
}

func TestMembersTableShowsMembersByActivity(t *testing.T) {
	h := newMembersHarness(t)
	s := membersOf(h)
	want := []string{"Claire Dubois", "Pixel Jane", "Дмитрий Иванов", "Élodie Marchand", "Анна Смирнова",
		"Dmitry Ivanov", "Ben Carter", "Sophie Laurent", "Игорь Волков", "Priya Natarajan"}
	if got := names(s); !slices.Equal(got, want) {
		t.Fatalf("rows = %q,\nwant %q", got, want)
	}
	h.Relayout()
	rows := memberRows(s)
	if len(rows) == 0 {
		t.Fatal("no row on screen")
	}
	r := rows[0]
	got := []string{r.name.Text, r.activity.Text, r.loyalty.Text, r.quadrant.Text(), r.cohort.String(),
		r.lastSeen.String(), r.followers.Text, r.tags.String()}
	wantCells := []string{"Claire Dubois", "9", "0.33", "advocate", "regular", "12 min ago", "12.4k", "#meetup #vip"}
	if !slices.Equal(got, wantCells) {
		t.Errorf("first row = %q, want %q", got, wantCells)
	}
	if c := kit.SegmentText(s.count); c != "10 members" {
		t.Errorf("count = %q", c)
	}
}

func TestMembersTableSortsByTappedHeader(t *testing.T) {
	tests := []struct {
		taps []string
		sort core.MemberSort
		desc bool
		head []string
	}{
		{[]string{"Name"}, core.SortName, false, []string{"Ben Carter", "Claire Dubois", "Dmitry Ivanov"}},
		{[]string{"Name", "Name"}, core.SortName, true, []string{"Игорь Волков", "Дмитрий Иванов", "Анна Смирнова"}},
		{[]string{"Followers"}, core.SortFollowers, true, []string{"Pixel Jane", "Claire Dubois", "Priya Natarajan"}},
		{[]string{"Last seen"}, core.SortLastSeen, true, []string{"Claire Dubois", "Дмитрий Иванов", "Анна Смирнова"}},
		{[]string{"Loyalty", "Loyalty"}, core.SortLoyalty, false, []string{"Дмитрий Иванов", "Sophie Laurent", "Игорь Волков"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.taps, "+"), func(t *testing.T) {
			h := newMembersHarness(t)
			for _, title := range tt.taps {
				tapHeader(t, h, title)
			}
			if f := h.members.lastList(); f.Sort != tt.sort || f.Desc != tt.desc {
				t.Errorf("asked for sort %q desc %v, want %q desc %v", f.Sort, f.Desc, tt.sort, tt.desc)
			}
			if got := names(membersOf(h))[:3]; !slices.Equal(got, tt.head) {
				t.Errorf("first rows = %q, want %q", got, tt.head)
			}
		})
	}
}

func TestMembersSegmentChipsFilter(t *testing.T) {
	tests := []struct {
		chip  string
		label string
		want  []string
	}{
		{"Critics", "Critics · 1", []string{"Дмитрий Иванов"}},
		{"New", "New · 2", []string{"Игорь Волков", "Priya Natarajan"}},
		{"Drifting away", "Drifting away · 1", []string{"Ben Carter"}},
		{"Dead souls", "Dead souls · 1", []string{"Sophie Laurent"}},
		{"X", "X · 4", []string{"Claire Dubois", "Pixel Jane", "Dmitry Ivanov", "Priya Natarajan"}},
	}
	for _, tt := range tests {
		t.Run(tt.chip, func(t *testing.T) {
			h := newMembersHarness(t)
			s := membersOf(h)
			chip := uitest.Button(t, s.filters.content, tt.label)
			test.Tap(chip)
			h.WaitFor("the filtered table", func() bool { return !s.reload.Busy() && len(s.rows) == len(tt.want) })
			if got := names(s); !slices.Equal(got, tt.want) {
				t.Errorf("rows = %q, want %q", got, tt.want)
			}
			if chip.Importance != widget.HighImportance {
				t.Error("the chip tapped is not highlighted")
			}
			test.Tap(chip) // a second tap clears it
			h.WaitFor("the whole table", func() bool { return len(s.rows) == 10 })
		})
	}
}

func TestMembersBoxFiltersApplyOnEnter(t *testing.T) {
	h := newMembersHarness(t)
	s := membersOf(h)
	s.filters.tag.SetText("vip")
	s.filters.tag.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.WaitFor("the tag filter", func() bool { return len(s.rows) == 1 })
	if got := h.members.lastList().Tag; got != "vip" {
		t.Errorf("filter tag = %q", got)
	}
	s.filters.tag.SetText("") // emptying a box drops its filter
	h.WaitFor("the whole table", func() bool { return len(s.rows) == 10 })
	s.filters.search.SetText("nothing like it")
	s.filters.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.WaitFor("the empty table", func() bool { return len(s.rows) == 0 && s.empty.Visible() })
	if got := kit.SegmentText(s.empty); got != emptyMembersFiltered {
		t.Errorf("empty note = %q", got)
	}
}

func TestMembersBulkTag(t *testing.T) {
	h := newMembersHarness(t)
	s := membersOf(h)
	h.Relayout()
	rows := memberRows(s)
	test.Tap(rows[0].check)
	test.Tap(rows[1].check)
	if !s.bulk.bar.Visible() || s.bulk.label.Text != "2 selected" {
		t.Fatalf("bulk bar visible %v, says %q", s.bulk.bar.Visible(), s.bulk.label.Text)
	}
	test.Type(s.bulk.tag, "press")
	test.Tap(uitest.Button(t, s.bulk.bar, "Add tag"))
	h.WaitFor("the reload", func() bool { return slices.Contains(s.rows[1].Tags, "press") })
	if len(s.checked) != 0 || s.bulk.bar.Visible() {
		t.Error("the selection outlived the tagging")
	}
	var tagged []string
	for _, m := range h.list(core.MemberFilter{Tag: "press"}) {
		tagged = append(tagged, m.Name)
	}
	if want := []string{"Claire Dubois", "Pixel Jane"}; !slices.Equal(tagged, want) {
		t.Errorf("the store has %q tagged press, want %q", tagged, want)
	}
}

func TestMembersTablePagesOnScroll(t *testing.T) {
	h := newMembersHarness(t, withSetup(func(h *harness) {
		var more []core.Identity
		for i := 100; i < 340; i++ {
			more = append(more, core.Identity{Kind: idEmail, Address: fmt.Sprintf("member%03d@example.org", i),
				Name: fmt.Sprintf("Member %03d", i), Followers: -1})
		}
		h.ws.AddIdentities(t, h.ids.accounts[acctMail], more...)
		h.ws.RefreshMembers(t)
	}))
	s := membersOf(h)
	if len(s.rows) != memberPageSize || kit.SegmentText(s.count) != "100 of 250 members" {
		t.Fatalf("first page: %d rows, count %q", len(s.rows), kit.SegmentText(s.count))
	}
	s.table.list.ScrollToBottom()
	h.WaitFor("the second page", func() bool { return len(s.rows) == 2*memberPageSize })
	if f := h.members.lastList(); f.Offset != memberPageSize || f.Limit != memberPageSize {
		t.Errorf("next page asked offset %d limit %d", f.Offset, f.Limit)
	}
}

// showTab brings a tab of the members screen to the front.
func showTab(h *harness, title string) {
	s := membersOf(h)
	for _, it := range s.tabs.Items {
		if it.Text == title {
			s.tabs.Select(it)
		}
	}
	h.Settle()
}

// greetButton is the Greet… button of a member in the welcome queue (each
// row holds the member's name, a button to the file, then Greet…).
func greetButton(t *testing.T, h *harness, name string) *widget.Button {
	t.Helper()
	s := membersOf(h)
	for i, m := range s.welcome.list {
		if m.Name == name {
			return uitest.ButtonsIn(s.welcome.rows)[2*i+1]
		}
	}
	t.Fatalf("%s is not in the welcome queue", name)
	return nil
}

// The welcome queue lists the earliest newcomer first: Priya (joined 40
// hours ago), then Игорь (30 hours ago).
func TestWelcomeQueueGreetsAndMarksDone(t *testing.T) {
	fw := &recordingWriter{}
	h := newMembersHarness(t, withWriter(fw))
	s := membersOf(h)
	showTab(h, "Welcome queue")
	h.WaitFor("the queue", func() bool { return len(s.welcome.list) == 2 })
	igor, priya := h.id("Игорь Волков"), h.id("Priya Natarajan")
	test.Tap(greetButton(t, h, "Игорь Волков"))
	h.Pump()
	entry := greetingEntry(t, h)
	entry.SetText("Привет, {name}! Рады видеть тебя в сообществе.")
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Send and mark greeted"))
	h.WaitFor("the greeting", func() bool { return len(s.welcome.list) == 1 })
	h.Settle()
	if want := []string{fmt.Sprintf("%d: Привет, Игорь! Рады видеть тебя в сообществе.", igor)}; !slices.Equal(fw.greetings(), want) {
		t.Errorf("sent %q, want %q", fw.greetings(), want)
	}
	if got := h.ritualsOf(igor); !slices.Equal(got, []core.Ritual{core.RitualWelcome}) {
		t.Errorf("the store holds rituals %v for Игорь, want the welcome", got)
	}
	if s.welcome.list[0].ID != priya {
		t.Errorf("queue after greeting = %v", s.welcome.list)
	}
	if h.Canvas().Overlays().Top() != nil {
		t.Error("the composer stayed open")
	}
	if got := greetingTemplate(); !strings.HasPrefix(got, "Привет, {name}!") {
		t.Errorf("the edited template was not kept: %q", got)
	}
}

func TestWelcomeGreetingFailureKeepsComposerOpen(t *testing.T) {
	fw := &recordingWriter{fail: errors.New("members: vk: token expired")}
	h := newMembersHarness(t, withWriter(fw))
	s := membersOf(h)
	showTab(h, "Welcome queue")
	h.WaitFor("the queue", func() bool { return len(s.welcome.list) == 2 })
	test.Tap(greetButton(t, h, "Игорь Волков"))
	h.Pump()
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Send and mark greeted"))
	h.WaitFor("the failure", func() bool {
		top := h.Canvas().Overlays().Top()
		return top != nil && strings.Contains(strings.Join(uitest.LabelsIn(top), "|"), "Could not greet")
	})
	h.Settle()
	if got := h.ritualsOf(h.id("Игорь Волков")); len(got) != 0 || len(s.welcome.list) != 2 {
		t.Errorf("a greeting that was not sent marked the member greeted: rituals %v, queue %v", got, s.welcome.list)
	}
	if h.Canvas().Overlays().Top() == nil {
		t.Error("the composer closed on a failure")
	}
}

func TestWelcomeWithoutWriterCopiesText(t *testing.T) {
	h := newMembersHarness(t)
	s := membersOf(h)
	showTab(h, "Welcome queue")
	h.WaitFor("the queue", func() bool { return len(s.welcome.list) == 2 })
	test.Tap(greetButton(t, h, "Priya Natarajan"))
	h.Pump()
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Copy and mark greeted"))
	h.WaitFor("the ritual", func() bool { return len(s.welcome.list) == 1 })
	if got := h.ritualsOf(h.id("Priya Natarajan")); !slices.Equal(got, []core.Ritual{core.RitualWelcome}) {
		t.Errorf("the store holds rituals %v for Priya, want the welcome", got)
	}
	if got := fyne.CurrentApp().Clipboard().Content(); !strings.HasPrefix(got, "Hi Priya, welcome") {
		t.Errorf("clipboard = %q", got)
	}
}

func greetingEntry(t *testing.T, h *harness) *widget.Entry {
	t.Helper()
	for _, o := range test.LaidOutObjects(h.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok && e.MultiLine {
			return e
		}
	}
	t.Fatal("the greeting composer has no text box")
	return nil
}

// The check-in list holds every quiet member nobody wrote to this month,
// the most recently active first: Ben (drifting away) and Sophie (a dead
// soul: the core does not leave them out).
func TestCheckInMarkWritten(t *testing.T) {
	h := newMembersHarness(t)
	s := membersOf(h)
	showTab(h, "Check-ins")
	h.WaitFor("the list", func() bool { return len(s.checkins.list) == 2 })
	if got := strings.Join(uitest.LabelsIn(s.checkins.rows), "|"); !strings.Contains(got, "last wrote 31 Jan · never written to") {
		t.Errorf("check-in row says %q", got)
	}
	if s.checkins.list[0].Name != "Ben Carter" {
		t.Fatalf("first on the list is %q, want Ben Carter", s.checkins.list[0].Name)
	}
	test.Tap(uitest.Button(t, s.checkins.rows, "Mark written")) // Ben's, the first
	h.WaitFor("the ritual", func() bool { return len(s.checkins.list) == 1 })
	if got := h.ritualsOf(h.id("Ben Carter")); !slices.Equal(got, []core.Ritual{core.RitualCheckIn}) {
		t.Errorf("the store holds rituals %v for Ben, want the check-in", got)
	}
	if s.checkins.list[0].Name != "Sophie Laurent" {
		t.Errorf("left on the list: %q", s.checkins.list[0].Name)
	}
}

func TestMergeSuggestionAccept(t *testing.T) {
	h := newMembersHarness(t)
	s := membersOf(h)
	showTab(h, "Merge suggestions")
	h.WaitFor("the suggestions", func() bool { return len(s.merges.list) == 1 })
	text := strings.Join(uitest.LabelsIn(s.merges.rows), "|")
	for _, want := range []string{"dima@example.ru", "@dima", "Screen name is the e-mail's name part"} {
		if !strings.Contains(text, want) {
			t.Errorf("suggestion does not say %q: %q", want, text)
		}
	}
	test.Tap(uitest.Button(t, s.merges.rows, "Accept"))
	h.WaitFor("the merge", func() bool { return len(s.merges.list) == 0 })
	h.Settle()
	if a, b := h.memberOf("dima@example.ru"), h.memberOf("5512"); a != b || a != h.id("Дмитрий Иванов") {
		t.Errorf("after accepting, the e-mail is in file %d and @dima in %d, want both in Дмитрий's %d", a, b, h.id("Дмитрий Иванов"))
	}
}

func TestExpertFinderCopiesMention(t *testing.T) {
	h := newMembersHarness(t)
	s := membersOf(h)
	showTab(h, "Expert finder")
	test.Type(s.experts.query, "modding")
	s.experts.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.WaitFor("the experts", func() bool { return len(s.experts.list) == 1 })
	if got := strings.Join(uitest.LabelsIn(s.experts.rows), "|"); !strings.Contains(got, "Lists it as an interest") {
		t.Errorf("result says %q", got)
	}
	test.Tap(uitest.Button(t, s.experts.rows, "Copy @claire_builds"))
	if got := fyne.CurrentApp().Clipboard().Content(); got != "@claire_builds" {
		t.Errorf("clipboard = %q", got)
	}
}

func TestFollowersAndScoreText(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{-1, "–"}, {0, "0"}, {950, "950"}, {1000, "1k"}, {12400, "12.4k"}, {250000, "250k"}, {1_250_000, "1.2M"}}
	for _, tt := range tests {
		if got := followers(tt.n); got != tt.want {
			t.Errorf("followers(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	for f, want := range map[float64]string{14: "14", 0.55: "0.55", -0.3: "-0.3", 0: "0", -0.001: "0", 2.5: "2.5"} {
		if got := score(f); got != want {
			t.Errorf("score(%v) = %q, want %q", f, got, want)
		}
	}
}

func TestInitials(t *testing.T) {
	for name, want := range map[string]string{"Claire Dubois": "CD", "анна смирнова": "АС", "Pixel": "P",
		"": "?", "Jean-Luc Picard": "JP", "  ": "?", "Élodie Marchand": "ÉM"} {
		if got := initials(name); got != want {
			t.Errorf("initials(%q) = %q, want %q", name, got, want)
		}
	}
}
