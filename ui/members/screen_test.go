package members

import (
	"context"
	"encoding/json"
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
	"github.com/hearthhq/hearth/core/settings"
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
	for _, b := range s.table.headers { // by the title a person reads
		if b != nil && b.Text == title {
			test.Tap(b)
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
	got := []string{r.name.FullText(), r.activity.Text, r.loyalty.Text, r.quadrant.Text(), r.cohort.String(),
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

// newcomers are people who joined lately, added to the sample community
// by a test: Мария wrote the community a VK message, then a public
// comment; Дмитрий introduced himself in a comment 2 hours after joining;
// a spammer whose comment is in spam and a banned troll joined when Игорь
// did.
type newcomers struct {
	mariaMessage, mariaComment, dmitryComment int64
}

func addNewcomers(h *harness) *newcomers {
	t := h.T
	ctx := context.Background()
	vk := h.ids.accounts[acctVK]
	maria := core.Identity{Kind: idVK, Address: "6060", Handle: "msokolova", Name: "Мария Соколова", Followers: 150, JoinedAt: ago(36 * time.Hour)}
	dmitry := core.Identity{Kind: idVK, Address: "6061", Handle: "d_orlov", Name: "Дмитрий Орлов", Followers: 12, JoinedAt: ago(3 * time.Hour)}
	spam := core.Identity{Kind: idVK, Address: "6062", Handle: "cheap_subs_24", Name: "Подписчики Недорого", JoinedAt: ago(30 * time.Hour)}
	troll := core.Identity{Kind: idVK, Address: "6063", Name: "Тролль Злой", JoinedAt: ago(30 * time.Hour)}
	h.ws.AddIdentities(t, vk, maria, dmitry, spam, troll)
	by := func(id core.Identity) core.Person {
		return core.Person{Name: id.Name, Address: id.Address, Handle: id.Handle}
	}
	post := core.Item{Kind: core.ItemVKPost, RemoteID: "wall-1_90", Author: core.Person{Name: acctVK, Address: "-1"},
		CreatedAt: ago(50 * time.Hour), Text: "English game night is back!", Outgoing: true}
	comment := func(rid string, who core.Identity, at time.Time, text string) core.Item {
		return core.Item{Kind: core.ItemVKComment, RemoteID: rid, ThreadRefs: []string{post.RemoteID}, Author: by(who),
			CreatedAt: at, Text: text}
	}
	photos := core.Item{Kind: core.ItemVKPost, RemoteID: "wall-1_91", Author: post.Author,
		CreatedAt: ago(40 * time.Hour), Text: "Фото с прошлой игротеки", Outgoing: true}
	got := h.ws.AddItems(t, vk, post, photos,
		core.Item{Kind: core.ItemVKMessage, RemoteID: "msg6060_1", Author: by(maria), CreatedAt: ago(20 * time.Hour),
			Text: "Здравствуйте! Можно ли забронировать стол на 8 человек?"},
		comment("c-6060", maria, ago(2*time.Hour), "А для студентов будет скидка?"),
		comment("c-6061", dmitry, ago(2*time.Hour), "Привет всем, я новенький! Можно прийти, если английский так себе?"),
		core.Item{Kind: core.ItemVKComment, RemoteID: "c-6062", ThreadRefs: []string{photos.RemoteID}, Author: by(spam),
			CreatedAt: ago(29 * time.Hour), Text: "Накрутка подписчиков недорого!!! Пиши в ЛС"},
		comment("c-6063", troll, ago(29*time.Hour), "Кто-нибудь играет в субботу?"),
	)
	if err := h.ws.Inbox.SetState(ctx, got[5].ID, core.StateSpam, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := h.ws.Store.SetIdentityBan(ctx, idVK, troll.Address, core.BanForever); err != nil {
		t.Fatal(err)
	}
	h.ws.RefreshMembers(t)
	return &newcomers{mariaMessage: got[2].ID, mariaComment: got[3].ID, dmitryComment: got[4].ID}
}

// queueNames are the names in the welcome queue, in order.
func queueNames(s *Screen) []string {
	var out []string
	for _, m := range s.welcome.list {
		out = append(out, m.Name)
	}
	return out
}

// greetDialogSays waits for the greeting composer to say where the
// greeting goes, and returns all it says.
func greetDialogSays(h *harness, want string) string {
	var text string
	h.WaitFor("the composer to say "+want, func() bool {
		top := h.Canvas().Overlays().Top()
		if top == nil {
			return false
		}
		text = strings.Join(uitest.LabelsIn(top), "|")
		return strings.Contains(text, want)
	})
	return text
}

// replies are the texts of the replies the outbox holds for an item.
func (h *harness) replies(itemID int64) []string {
	h.T.Helper()
	entries, err := h.ws.Inbox.Outbox(context.Background(), itemID)
	if err != nil {
		h.T.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		var p struct{ Text string }
		if e.Op == core.OpReply && json.Unmarshal(e.Payload, &p) == nil {
			out = append(out, p.Text)
		}
	}
	return out
}

// The welcome queue lists the earliest newcomer first, and leaves out the
// spammer and the banned troll who joined with Игорь; Дмитрий, who
// introduced himself two hours after joining, is due at once.
func TestWelcomeQueueSkipsSpamAndBansAndListsIntroductions(t *testing.T) {
	h := newMembersHarness(t, withSetup(func(h *harness) { addNewcomers(h) }))
	s := membersOf(h)
	showTab(h, "Welcome queue")
	want := []string{"Priya Natarajan", "Мария Соколова", "Игорь Волков", "Дмитрий Орлов"}
	h.WaitFor("the queue", func() bool { return len(s.welcome.list) > 0 })
	if got := queueNames(s); !slices.Equal(got, want) {
		t.Errorf("welcome queue %q, want %q (no spammer, no banned member)", got, want)
	}
	if got := strings.Join(uitest.LabelsIn(s.welcome.rows), "|"); !strings.Contains(got, "Дмитрий Орлов|joined 3 h ago") {
		t.Errorf("Дмитрий's row does not say when he joined: %q", got)
	}
}

// Acceptance (issue 13): a greeting goes by a private channel. Мария wrote
// the community a VK message and later a public comment: the composer says
// the greeting goes privately, by VK community message, to her, and the
// outbox answers her message, never her comment.
func TestWelcomeGreetsPrivatelyAndSaysWhereAndToWhom(t *testing.T) {
	var nc *newcomers
	h := newMembersHarness(t, withWriter(), withSetup(func(h *harness) { nc = addNewcomers(h) }))
	s := membersOf(h)
	showTab(h, "Welcome queue")
	h.WaitFor("the queue", func() bool { return len(s.welcome.list) == 4 })
	maria := h.idOf("Мария Соколова")
	test.Tap(greetButton(t, h, "Мария Соколова"))
	greetDialogSays(h, "Sent privately by VK community message to Мария Соколова (vk.com/msokolova)")
	entry := greetingEntry(t, h)
	entry.SetText("Привет, {first_name}! Рады видеть тебя в сообществе.")
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Send privately and mark greeted"))
	h.WaitFor("the greeting", func() bool { return len(s.welcome.list) == 3 })
	h.Settle()
	if got, want := h.replies(nc.mariaMessage), []string{"Привет, Мария! Рады видеть тебя в сообществе."}; !slices.Equal(got, want) {
		t.Errorf("replies to her VK message: %q, want %q", got, want)
	}
	if got := h.replies(nc.mariaComment); len(got) != 0 {
		t.Errorf("the greeting was posted publicly under her comment: %q", got)
	}
	if got := h.ritualsOf(maria); !slices.Equal(got, []core.Ritual{core.RitualWelcome}) {
		t.Errorf("the store holds rituals %v for Мария, want the welcome", got)
	}
	if h.Canvas().Overlays().Top() != nil {
		t.Error("the composer stayed open")
	}
	if got := greetingTemplate(); !strings.HasPrefix(got, "Привет, {first_name}!") {
		t.Errorf("the edited template was not kept: %q", got)
	}
}

// Дмитрий wrote only a public comment: the composer says there is no
// private channel and copies the text by default; nothing is posted.
func TestWelcomeWithoutPrivateChannelCopiesByDefault(t *testing.T) {
	var nc *newcomers
	h := newMembersHarness(t, withWriter(), withSetup(func(h *harness) { nc = addNewcomers(h) }))
	s := membersOf(h)
	showTab(h, "Welcome queue")
	h.WaitFor("the queue", func() bool { return len(s.welcome.list) == 4 })
	test.Tap(greetButton(t, h, "Дмитрий Орлов"))
	says := greetDialogSays(h, "Дмитрий has not written to you by e-mail or VK message")
	if strings.Contains(says, "Sent privately") {
		t.Errorf("the composer offers a private route VK did not confirm: %q", says)
	}
	radio := overlayRadio(t, h)
	if radio.Selected != choiceCopy || len(radio.Options) != 2 || !strings.Contains(radio.Options[1], "public VK comment") {
		t.Errorf("choices %q, selected %q: want copying chosen, posting publicly offered", radio.Options, radio.Selected)
	}
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Copy and mark greeted"))
	h.WaitFor("the ritual", func() bool { return len(s.welcome.list) == 3 })
	h.Settle()
	if got := fyne.CurrentApp().Clipboard().Content(); !strings.HasPrefix(got, "Hi Дмитрий, welcome") {
		t.Errorf("clipboard = %q", got)
	}
	if got := h.replies(nc.dmitryComment); len(got) != 0 {
		t.Errorf("posted publicly without being asked: %q", got)
	}
}

// Posting in public is the person's explicit choice, and then the greeting
// answers the newcomer's latest comment.
func TestWelcomePostsPubliclyOnlyWhenChosen(t *testing.T) {
	var nc *newcomers
	h := newMembersHarness(t, withWriter(), withSetup(func(h *harness) { nc = addNewcomers(h) }))
	s := membersOf(h)
	showTab(h, "Welcome queue")
	h.WaitFor("the queue", func() bool { return len(s.welcome.list) == 4 })
	test.Tap(greetButton(t, h, "Дмитрий Орлов"))
	greetDialogSays(h, "no private")
	radio := overlayRadio(t, h)
	radio.SetSelected(radio.Options[1])
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Post publicly and mark greeted"))
	h.WaitFor("the greeting", func() bool { return len(s.welcome.list) == 3 })
	h.Settle()
	if got := h.replies(nc.dmitryComment); len(got) != 1 || !strings.HasPrefix(got[0], "Hi Дмитрий") {
		t.Errorf("replies under his comment: %q, want the greeting", got)
	}
}

func overlayRadio(t *testing.T, h *harness) *widget.RadioGroup {
	t.Helper()
	for _, o := range test.LaidOutObjects(h.Canvas().Overlays().Top()) {
		if r, ok := o.(*widget.RadioGroup); ok && r.Visible() {
			return r
		}
	}
	t.Fatal("the greeting composer offers no choice")
	return nil
}

func TestWelcomeGreetingFailureKeepsComposerOpen(t *testing.T) {
	h := newMembersHarness(t, withWriter(), withSetup(func(h *harness) {
		addNewcomers(h)
		h.writer.fail = errors.New("members: vk: token expired")
	}))
	s := membersOf(h)
	showTab(h, "Welcome queue")
	h.WaitFor("the queue", func() bool { return len(s.welcome.list) == 4 })
	test.Tap(greetButton(t, h, "Мария Соколова"))
	greetDialogSays(h, "Sent privately")
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Send privately and mark greeted"))
	greetDialogSays(h, "Could not greet")
	h.Settle()
	if got := h.ritualsOf(h.idOf("Мария Соколова")); len(got) != 0 || len(s.welcome.list) != 4 {
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

func greetingEntry(t *testing.T, h *harness) *kit.Entry {
	t.Helper()
	for _, o := range test.LaidOutObjects(h.Canvas().Overlays().Top()) {
		if e, ok := o.(*kit.Entry); ok && e.MultiLine {
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
	h.WaitFor("Ben off the list", func() bool { return len(s.checkins.list) == 1 })
	// The row goes at once; the store is written off the UI goroutine.
	h.WaitFor("the check-in stored for Ben", func() bool {
		return slices.Equal(h.ritualsOf(h.id("Ben Carter")), []core.Ritual{core.RitualCheckIn})
	})
	if s.checkins.list[0].Name != "Sophie Laurent" {
		t.Errorf("left on the list: %q", s.checkins.list[0].Name)
	}
}

// Acceptance (issue 13): a neutral member is not a critic. Lena asked
// three friendly questions this month and wrote no word that leans either
// way: active, loyalty unknown. The table and her file say "unknown" and
// place her as a quiet fan, never a critic.
func TestNeutralMemberIsNotACritic(t *testing.T) {
	h := newMembersHarness(t, withSetup(func(h *harness) {
		lena := core.Person{Name: "Lena Fischer", Address: "lena@example.de"}
		var items []core.Item
		for i, q := range []string{"Could you tell me when the next meetup is?",
			"Is there a Discord server for the club?", "Can I bring a friend on Thursday?"} {
			it := wrote(core.ItemEmail, ago(time.Duration(i+1)*dayLen), "Question", q)
			it.Author = lena
			items = append(items, it)
		}
		h.ws.AddItems(h.T, h.ids.accounts[acctMail], items...)
		h.ws.RefreshMembers(h.T)
	}))
	s := membersOf(h)
	h.Relayout()
	var row *memberRow
	for _, r := range memberRows(s) {
		if r.name.FullText() == "Lena Fischer" {
			row = r
		}
	}
	if row == nil {
		t.Fatalf("Lena is not on screen: %q", names(s))
	}
	if got := []string{row.activity.Text, row.loyalty.Text, row.quadrant.Text()}; !slices.Equal(got, []string{"6", "unknown", "quiet fan"}) {
		t.Errorf("Lena's row shows activity, loyalty, quadrant %q; want 6, unknown, quiet fan", got)
	}
	lena := h.idOf("Lena Fischer")
	for i, m := range s.rows {
		if m.ID == lena {
			s.table.list.Select(i)
		}
	}
	h.WaitFor("her file", func() bool { return s.dossier.loaded && s.dossier.memberID == lena })
	text := strings.Join(uitest.LabelsIn(s.dossier.standing), "|")
	for _, want := range []string{"Loyalty unknown", "nothing written in the last 180 days reads warm or cold",
		"Activity 6 is at or above 6. Loyalty unknown", "so not a critic"} {
		if !strings.Contains(text, want) {
			t.Errorf("her file does not say %q: %q", want, text)
		}
	}
	if strings.Contains(strings.ToLower(text), "critic:") {
		t.Errorf("her file calls her a critic: %q", text)
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

// The greeting dialog starts from the template of the member's language
// in Settings (Мария writes Russian), filled for her when sent; the
// template in Settings stays as it was.
func TestGreetingUsesTheSettingsTemplateOfTheMembersLanguage(t *testing.T) {
	var nc *newcomers
	ru := "{first_name}, привет! Это шаблон из настроек."
	h := newMembersHarness(t, withWriter(), withSetup(func(h *harness) {
		nc = addNewcomers(h)
		prefs := settings.New(settings.Params{Store: h.ws.Store})
		if err := prefs.SetGreetings(t.Context(), map[string]string{"ru": ru}); err != nil {
			t.Fatal(err)
		}
		h.greetings = prefs
		lang := "ru"
		if err := h.ws.Members.UpdateProfile(t.Context(), h.idOf("Мария Соколова"), core.MemberProfile{Language: &lang}); err != nil {
			t.Fatal(err)
		}
	}))
	s := membersOf(h)
	showTab(h, "Welcome queue")
	h.WaitFor("the queue", func() bool { return len(s.welcome.list) == 4 })
	test.Tap(greetButton(t, h, "Мария Соколова"))
	entry := greetingEntry(t, h)
	h.WaitFor("the Russian template of Settings", func() bool { return entry.Text == ru })
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Send privately and mark greeted"))
	h.WaitFor("the greeting", func() bool { return len(s.welcome.list) == 3 })
	h.Settle()
	if got, want := h.replies(nc.mariaMessage), []string{"Мария, привет! Это шаблон из настроек."}; !slices.Equal(got, want) {
		t.Errorf("replies to her VK message: %q, want %q", got, want)
	}
	// Priya has no language: the English template of Settings.
	test.Tap(greetButton(t, h, "Priya Natarajan"))
	entry = greetingEntry(t, h)
	h.WaitFor("the English template of Settings", func() bool {
		return strings.HasPrefix(entry.Text, "Hi {first_name}, welcome to the community!")
	})
}
