package calendar

import (
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

func TestPeriods(t *testing.T) {
	loc := paris(t)
	day := func(s string) time.Time {
		d, err := time.ParseInLocation(time.DateOnly, s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name     string
		mode     calMode
		anchor   string
		from, to string
		title    string
		next     string
	}{
		{"month starting on a Saturday", monthMode, "2025-03-12", "2025-02-24", "2025-04-07", "March 2025", "2025-04-01"},
		{"month of November 2026", monthMode, "2026-11-22", "2026-10-26", "2026-12-07", "November 2026", "2026-12-01"},
		{"week", weekMode, "2026-11-22", "2026-11-16", "2026-11-23", "16-22 Nov 2026", "2026-11-29"},
		{"week across months", weekMode, "2026-12-02", "2026-11-30", "2026-12-07", "30 Nov - 6 Dec 2026", "2026-12-09"},
		{"week across years", weekMode, "2026-01-01", "2025-12-29", "2026-01-05", "29 Dec 2025 - 4 Jan 2026", "2026-01-08"},
		{"week of the spring change", weekMode, "2025-03-30", "2025-03-24", "2025-03-31", "24-30 Mar 2025", "2025-04-06"},
		{"agenda", agendaMode, "2025-03-12", "2025-03-12", "2025-03-26", "12-25 Mar 2025", "2025-03-26"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := period(tt.mode, day(tt.anchor))
			if !from.Equal(day(tt.from)) || !to.Equal(day(tt.to)) {
				t.Errorf("period = %s .. %s, want %s .. %s", from, to, tt.from, tt.to)
			}
			if got := periodTitle(tt.mode, day(tt.anchor)); got != tt.title {
				t.Errorf("title = %q, want %q", got, tt.title)
			}
			if got := stepPeriod(tt.mode, day(tt.anchor), 1); !got.Equal(day(tt.next)) {
				t.Errorf("next = %s, want %s", got, tt.next)
			}
		})
	}
}

// monthCell is the month grid's cell of a day of March 2025.
func (h *calHarness) monthCell(day int) *dayCell {
	h.T.Helper()
	for _, c := range h.screen().month.cells {
		if c.day.Month() == time.March && c.day.Day() == day {
			return c
		}
	}
	h.T.Fatalf("no cell for %d March", day)
	return nil
}

func chipTexts(chips []*calChip) []string {
	var out []string
	for _, c := range chips {
		out = append(out, c.text)
	}
	return out
}

func hasChip(chips []*calChip, prefix string) bool {
	return slices.ContainsFunc(chipTexts(chips), func(s string) bool { return strings.HasPrefix(s, prefix) })
}

func TestMonthPlacesPostsOnTheirLocalDays(t *testing.T) {
	h := newCalHarness(t)
	if got := h.screen().bar.title.Text; got != "March 2025" {
		t.Errorf("title = %q", got)
	}
	// 00:30 in Paris on the 11th is still the 10th in UTC.
	if c := h.monthCell(11); !hasChip(c.chips, "00:30 Late-night lore drop") {
		t.Errorf("11 March shows %q, want the 00:30 lore drop", chipTexts(c.chips))
	}
	if c := h.monthCell(10); hasChip(c.chips, "00:30") {
		t.Errorf("10 March shows %q: the post was placed on its UTC day", chipTexts(c.chips))
	}
	if c := h.monthCell(15); !hasChip(c.chips, "15:00 Builders' meetup") || c.chips[0].icon != pinIcon {
		t.Errorf("15 March shows %q, want the meetup with a pin", chipTexts(c.chips))
	}
	var today []int
	for _, c := range h.screen().month.cells {
		if c.today {
			today = append(today, c.day.Day())
		}
	}
	if !slices.Equal(today, []int{12}) {
		t.Errorf("today is highlighted on %v, want only the 12th", today)
	}
}

func TestMonthChipsShowStates(t *testing.T) {
	h := newCalHarness(t)
	tests := []struct {
		day    int
		prefix string
		state  core.TargetState
	}{
		{13, "10:00 Patch", core.TargetFailed},      // one channel failed: red
		{14, "17:00 Community", core.TargetHeld},    // held for review: warning
		{16, "11:00 Sunday", core.TargetDraft},      // italic
		{20, "09:00 Press", core.TargetUnconfirmed}, // warning
		{10, "09:00 Weekly", core.TargetPublished},  // quieter
		{12, "18:30 Meetup photos", core.TargetScheduled},
	}
	for _, tt := range tests {
		i := slices.IndexFunc(h.monthCell(tt.day).chips, func(c *calChip) bool { return strings.HasPrefix(c.text, tt.prefix) })
		if i < 0 {
			t.Errorf("%d March: no chip %q", tt.day, tt.prefix)
			continue
		}
		if got := h.monthCell(tt.day).chips[i].state; got != tt.state {
			t.Errorf("%q is drawn as %s, want %s", tt.prefix, got, tt.state)
		}
	}
}

func TestChannelFilterShowsOneChannel(t *testing.T) {
	h := newCalHarness(t)
	h.screen().bar.filter.SetSelected(xName)
	h.waitLoaded()
	x := h.accountID(xName)
	for _, e := range h.screen().data.view.Posts {
		if !slices.ContainsFunc(e.Post.Targets, func(t core.PostTarget) bool { return t.AccountID == x }) {
			t.Errorf("%q shows with the X filter, on %v", e.Post.Text, e.Post.Targets)
		}
	}
	if c := h.monthCell(12); hasChip(c.chips, "18:30") {
		t.Errorf("a VK-only post shows with the X filter: %q", chipTexts(c.chips))
	}
	if c := h.monthCell(29); !hasChip(c.chips, "09:00 Saturday build") {
		t.Errorf("an X post is missing with the X filter: %q", chipTexts(c.chips))
	}
}

func TestNavigationMovesByPeriod(t *testing.T) {
	h := newCalHarness(t)
	s := h.screen()
	s.step(1)
	h.waitLoaded()
	if got := s.bar.title.Text; got != "April 2025" {
		t.Errorf("after next: %q", got)
	}
	s.setMode(weekMode)
	s.today()
	h.waitLoaded()
	if got := s.bar.title.Text; got != "10-16 Mar 2025" {
		t.Errorf("week of today: %q", got)
	}
	if d := s.data; !d.from.Equal(time.Date(2025, 3, 10, 0, 0, 0, 0, s.loc)) || !d.to.Equal(time.Date(2025, 3, 17, 0, 0, 0, 0, s.loc)) {
		t.Errorf("the screen shows %s .. %s, want the week of 10 March", d.from, d.to)
	}
	if !hasChip(s.week.chips, "09:00 Weekly devlog") {
		t.Errorf("the week lacks Monday's devlog: %q", chipTexts(s.week.chips))
	}
}

// weekChip is the week view's chip of a post.
func (h *calHarness) weekChip(id int64) *calChip {
	h.T.Helper()
	for _, c := range h.screen().week.chips {
		if c.post.ID == id {
			return c
		}
	}
	h.T.Fatalf("post %d is not in the week", id)
	return nil
}

func TestWeekDragMovesPost(t *testing.T) {
	tests := []struct {
		name        string
		days, hours float32
		want        string // the post's time after the drop, UTC; "" for no move
		wantDay     int    // the column the chip lands in after the reload
	}{
		// Summer time starts on Sunday 30 March: 09:00 is 07:00 UTC there.
		{"to the next day across the spring change", 1, 0, "2025-03-30T07:00:00Z", 6},
		{"two hours later", 0, 2, "2025-03-29T10:00:00Z", 5},
		{"to Monday, an hour and a half earlier", -5, -1.5, "2025-03-24T06:30:00Z", 0},
		{"a small slip stays in place", 0.1, 0.1, "", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newCalHarness(t)
			s := h.screen()
			s.setMode(weekMode)
			s.goTo(time.Date(2025, 3, 27, 0, 0, 0, 0, s.loc))
			h.waitLoaded()
			colW, rowH := s.week.layout.cell(s.week.grid.Size())
			id := h.post("Saturday build along").ID
			c := h.weekChip(id)
			c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(tt.days*colW, tt.hours*rowH)})
			c.DragEnd()
			h.expectMove(id, at("2025-03-29T09:00"), tt.want)
			if got := s.week.layout.spots[h.weekChip(id)].day; got != tt.wantDay {
				t.Errorf("after the drop the post is in column %d, want %d", got, tt.wantDay)
			}
		})
	}
}

func TestWeekFailedMoveSaysSoAndPutsThePostBack(t *testing.T) {
	h := newCalHarness(t)
	s := h.screen()
	s.setMode(weekMode)
	h.waitLoaded()
	h.cal.failNext("Move", core.ErrConflict)
	photos := h.post("Meetup photos")
	colW, _ := s.week.layout.cell(s.week.grid.Size())
	c := h.weekChip(photos.ID)
	c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(colW, 0)})
	c.DragEnd()
	h.WaitFor("the error", func() bool { return s.banner.Message() != "" })
	h.waitLoaded()
	if !strings.HasPrefix(s.banner.Message(), "Could not move the post") {
		t.Errorf("banner = %q", s.banner.Message())
	}
	if got := s.week.layout.spots[h.weekChip(photos.ID)].day; got != 2 {
		t.Errorf("the post shows in column %d after a refused move, want 2 (Wednesday)", got)
	}
	if p := h.byID(photos.ID); !p.At.Equal(photos.At) || p.State() != core.TargetScheduled {
		t.Errorf("after a refused move the post is %s at %s, want scheduled at %s", p.State(), p.At, photos.At)
	}
}

// A published post cannot move: the core refuses (its channels have it).
// Today the screen still lets its chip be dragged and says so in a banner.
func TestWeekDragLeavesAPublishedPostInPlace(t *testing.T) {
	h := newCalHarness(t)
	s := h.screen()
	s.setMode(weekMode)
	h.waitLoaded()
	devlog := h.post("Weekly devlog")
	colW, _ := s.week.layout.cell(s.week.grid.Size())
	c := h.weekChip(devlog.ID)
	c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(colW, 0)})
	c.DragEnd()
	h.waitLoaded()
	if p := h.byID(devlog.ID); !p.At.Equal(devlog.At) || p.State() != core.TargetPublished {
		t.Errorf("the published post is %s at %s after a drag, want published at %s", p.State(), p.At, devlog.At)
	}
	if got := s.week.layout.spots[h.weekChip(devlog.ID)].day; got != 0 {
		t.Errorf("the published post shows in column %d after a drag, want 0 (Monday)", got)
	}
}

func TestAgendaListsStatesPerChannel(t *testing.T) {
	h := newCalHarness(t)
	h.screen().setMode(agendaMode)
	h.waitLoaded()
	var badges []string
	for _, o := range test.LaidOutObjects(h.screen().agenda.list) {
		if b, ok := o.(*kit.Badge); ok {
			badges = append(badges, b.Text())
		}
	}
	for _, want := range []string{"@hearth_game: Failed", "Hearth VK: Published", "Hearth VK: Held", "Hearth VK: Unconfirmed"} {
		if !slices.Contains(badges, want) {
			t.Errorf("badges %q lack %q", badges, want)
		}
	}
}

// buttons are the buttons under o, by text.
func buttons(o fyne.CanvasObject) map[string]*widget.Button {
	out := map[string]*widget.Button{}
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Visible() {
			out[b.Text] = b
		}
	}
	return out
}

func TestEditorCountsXWeightedLength(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		x, vk  string
		xLevel widget.Importance
	}{
		{"a link counts 23", "Patch notes: https://hearth.games/patch-notes/2-4-1-colour-blind-markers-and-the-save-crash",
			"36/280", "91/16384", widget.LowImportance},
		{"CJK counts double", strings.Repeat("灯", 131), "262/280, 18 left", "131/16384", widget.WarningImportance},
		{"over the limit", strings.Repeat("灯", 141), "282/280, 2 over", "141/16384", widget.DangerImportance},
		{"an emoji sequence counts 2", "Build night 👩‍👩‍👧", "14/280", "17/16384", widget.LowImportance},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newCalHarness(t)
			e := h.screen().editor
			h.screen().newPost()
			vk, x := h.accountID(vkName), h.accountID(xName)
			e.checks[vk].SetChecked(true)
			e.checks[x].SetChecked(true)
			e.text.SetText(tt.text)
			if got := e.counters[x].Text; got != tt.x || e.counters[x].Importance != tt.xLevel {
				t.Errorf("X counter = %q (importance %d), want %q (%d)", got, e.counters[x].Importance, tt.x, tt.xLevel)
			}
			if got := e.counters[vk].Text; got != tt.vk {
				t.Errorf("VK counter = %q, want %q", got, tt.vk)
			}
		})
	}
}

func TestEditorRefusesToScheduleOverTheLimit(t *testing.T) {
	h := newCalHarness(t)
	e := h.screen().editor
	x := h.accountID(xName)
	h.screen().newPost()
	e.checks[x].SetChecked(true)
	e.text.SetText(strings.Repeat("灯", 141))
	test.Tap(e.schedule)
	h.Settle()
	if !strings.Contains(e.note.Text, "too long for @hearth_game (282 of 280)") {
		t.Errorf("note = %q", e.note.Text)
	}
	// Where the person clicked: beside Schedule, in a 1024x700 window.
	h.ResizeContent(uitest.SmallestScreen)
	h.Settle()
	d := fyne.CurrentApp().Driver()
	note, sched := d.AbsolutePositionForObject(e.note), d.AbsolutePositionForObject(e.schedule)
	if !e.note.Visible() || note.Y+e.note.Size().Height > sched.Y+1 || sched.Y-note.Y > 3*e.note.MinSize().Height ||
		note.Y+e.note.Size().Height > uitest.SmallestScreen.Height {
		t.Errorf("the note at %v (%v) is not just above Schedule at %v", note, e.note.Size(), sched)
	}
	for _, p := range h.postsLike("灯") {
		if p.State() != core.TargetDraft {
			t.Errorf("scheduled anyway: the post is %s", p.State())
		}
	}
	// A variant for X alone makes it fit.
	e.toggleVariant(x) // X's pencil
	test.Type(e.variants[x], "The lighthouse is lit.")
	if got := e.counters[x].Text; got != "22/280" {
		t.Errorf("X counter with its variant = %q", got)
	}
	test.Tap(e.schedule)
	h.WaitFor("the schedule", func() bool {
		ps := h.postsLike("灯")
		return len(ps) == 1 && ps[0].State() == core.TargetScheduled
	})
	if got := target(t, h.post("灯"), xName).Text; got != "The lighthouse is lit." {
		t.Errorf("X's variant = %q", got)
	}
}

func TestNewPostIsSavedAsTypedAndCreatedOnce(t *testing.T) {
	h := newCalHarness(t)
	s, e := h.screen(), h.screen().editor
	s.newPostOn(time.Date(2025, 3, 18, 0, 0, 0, 0, s.loc))
	e.checks[h.accountID(vkName)].SetChecked(true)
	test.Type(e.text, "Harbour night")
	h.WaitFor("the draft", func() bool { return len(h.postsLike("Harbour night")) == 1 })
	h.WaitFor("the saved post", func() bool { return e.post.ID != 0 })
	test.Type(e.text, " on Friday")
	h.WaitFor("the second save", func() bool { return h.byID(e.post.ID).Text == "Harbour night on Friday" })
	if got := h.postsLike("Harbour night"); len(got) != 1 {
		t.Errorf("%d posts were created, want one", len(got))
	}
	p := h.byID(e.post.ID)
	if !p.At.Equal(at("2025-03-18T09:00")) || p.Zone != calZone || len(p.Targets) != 1 || p.Targets[0].Account != vkName ||
		p.State() != core.TargetDraft {
		t.Errorf("saved post is %s at %s in %q on %v, want a draft at 09:00 in Paris on VK", p.State(), p.At, p.Zone, p.Targets)
	}
	test.Tap(e.schedule)
	h.WaitFor("the schedule", func() bool { return h.byID(p.ID).State() == core.TargetScheduled })
	h.waitLoaded()
	if e.note.Text != "Scheduled for Tue 18 Mar, 09:00." {
		t.Errorf("note = %q", e.note.Text)
	}
	if got := h.postsLike("Harbour night"); len(got) != 1 {
		t.Errorf("%d posts after scheduling, want one", len(got))
	}
}

// An account's status changes while a post is being written (every sync
// does): the channel list is read again, and what was typed and ticked
// since the last save stays on screen and is saved.
func TestEditsSurviveAnAccountChange(t *testing.T) {
	h := newCalHarness(t)
	s, e := h.screen(), h.screen().editor
	s.newPostOn(time.Date(2025, 3, 18, 0, 0, 0, 0, s.loc))
	test.Type(e.text, "Harbour night")
	h.WaitFor("the saved post", func() bool { return e.post.ID != 0 })
	vk := h.accountID(vkName)
	e.checks[vk].SetChecked(true)
	test.Type(e.text, " on Friday")
	c := kit.NewChanges()
	c.Add(core.Event{Kind: core.EventAccount})
	s.Changed(c)
	h.Settle()
	if e.text.Text != "Harbour night on Friday" || !e.checks[vk].Checked {
		t.Fatalf("after the channels were read again: text %q, %s ticked %v; want the edits kept", e.text.Text, vkName, e.checks[vk].Checked)
	}
	// A new channel: the rows are built again, the edits stay.
	test.Type(e.text, " at 19:00")
	added := h.ws.AddAccount(t, core.Account{Kind: core.KindVK, Name: "Harbour club"})
	s.Changed(c)
	h.WaitFor("the new channel", func() bool { return e.checks[added.ID] != nil })
	if e.text.Text != "Harbour night on Friday at 19:00" || !e.checks[vk].Checked || e.checks[added.ID].Checked {
		t.Fatalf("after a channel was added: text %q, %s ticked %v, the new one %v", e.text.Text, vkName, e.checks[vk].Checked, e.checks[added.ID].Checked)
	}
	h.WaitFor("the edits saved", func() bool {
		p := h.byID(e.post.ID)
		return p.Text == "Harbour night on Friday at 19:00" && len(p.Targets) == 1
	})
}

func TestEditorMovesAPostToTheTimeTyped(t *testing.T) {
	h := newCalHarness(t)
	e := h.screen().editor
	photos := h.post("Meetup photos")
	e.open(photos)
	e.date.SetText("2025-03-31") // after the spring change
	e.clock.SetText("18:30")
	test.Tap(e.save)
	h.WaitFor("the move and the unschedule", func() bool { return h.byID(photos.ID).State() == core.TargetDraft })
	p := h.byID(photos.ID)
	if got := p.At.UTC().Format(time.RFC3339); got != "2025-03-31T16:30:00Z" || p.Zone != calZone {
		t.Errorf("the post is at %s in %q, want 2025-03-31T16:30:00Z in %s", got, p.Zone, calZone)
	}
	if p.Text != photos.Text || len(p.Targets) != 1 || p.Targets[0].ID != photos.Targets[0].ID {
		t.Errorf("the post became %q on %v", p.Text, p.Targets)
	}
}

func TestFailedTargetIsRetriedAlone(t *testing.T) {
	h := newCalHarness(t)
	e := h.screen().editor
	patch := h.post("Patch 2.4.1")
	e.open(patch)
	h.Settle()
	bs := buttons(e.status)
	if _, ok := bs["Publish now"]; ok {
		t.Error("a failed channel offers Publish now")
	}
	retry, ok := bs["Retry this channel"]
	if !ok {
		t.Fatalf("no retry for the failed channel; buttons %v", keys(bs))
	}
	if !strings.Contains(labelsText(e.status), "looks like a duplicate") {
		t.Errorf("the failure's reason is not shown: %q", labelsText(e.status))
	}
	test.Tap(retry)
	h.WaitFor("the retry", func() bool { return target(t, h.byID(patch.ID), xName).State == core.TargetScheduled })
	h.waitLoaded()
	p := h.byID(patch.ID)
	if x := target(t, p, xName); x.Error != "" || x.Key != target(t, patch, xName).Key {
		t.Errorf("the retried X channel has error %q and key %q, want none and the same key", x.Error, x.Key)
	}
	if vk := target(t, p, vkName); vk.State != core.TargetPublished {
		t.Errorf("the VK channel is %s after X's retry, want published", vk.State)
	}
	if _, ok := buttons(e.status)["Retry this channel"]; ok {
		t.Error("retry still offered after the channel was put back in line")
	}
}

func TestFailedRetrySaysSoAndKeepsTheRetry(t *testing.T) {
	h := newCalHarness(t)
	e := h.screen().editor
	patch := h.post("Patch 2.4.1")
	e.open(patch)
	h.Settle()
	h.cal.failNext("Retry", core.ErrConflict)
	test.Tap(buttons(e.status)["Retry this channel"])
	h.WaitFor("the error", func() bool { return strings.HasPrefix(e.note.Text, "Could not retry on @hearth_game") })
	h.waitLoaded()
	if x := target(t, h.byID(patch.ID), xName); x.State != core.TargetFailed {
		t.Errorf("the X channel is %s after a failed retry, want still failed", x.State)
	}
	if _, ok := buttons(e.status)["Retry this channel"]; !ok {
		t.Errorf("after a failed retry, no retry is offered; buttons %v", keys(buttons(e.status)))
	}
}

func TestHeldTargetPublishesNowOrSkips(t *testing.T) {
	tests := []struct {
		button, want string
		done         func(core.Post) bool
	}{
		{"Publish now", "the VK channel scheduled again, late allowed", func(p core.Post) bool {
			vk := p.Targets[0]
			return vk.State == core.TargetScheduled && vk.LateOK && !p.Skipped
		}},
		{"Skip", "the post skipped", func(p core.Post) bool { return p.Skipped }},
	}
	for _, tt := range tests {
		t.Run(tt.button, func(t *testing.T) {
			h := newCalHarness(t)
			e := h.screen().editor
			contest := h.post("Community build contest")
			e.open(contest)
			h.Settle()
			b, ok := buttons(e.status)[tt.button]
			if !ok {
				t.Fatalf("no %q; buttons %v", tt.button, keys(buttons(e.status)))
			}
			test.Tap(b)
			h.WaitFor(tt.want, func() bool { return tt.done(h.byID(contest.ID)) })
		})
	}
}

// A post held because Hearth was closed says how late it is in words.
func TestHeldTargetSaysHowLateInWords(t *testing.T) {
	h := newCalHarness(t)
	held := on(vkName, core.TargetHeld)
	held.AccountID = h.accountID(vkName)
	held.Error = "27h27m0s late (Hearth was not running at its time): publish it now, move it or skip it"
	p := h.ws.AddPost(t, core.Post{Text: "Good morning, builders", At: uitest.Now.Add(-27*time.Hour - 27*time.Minute), Zone: calZone,
		Targets: []core.PostTarget{held}})
	e := h.screen().editor
	e.open(p)
	h.Settle()
	texts := strings.Join(uitest.LabelsIn(e.status), "\n")
	if want := "Held: 27 hours late. Hearth was not running at the post's time: publish it now, move it or skip it."; !strings.Contains(texts, want) {
		t.Errorf("the held channel says\n%s\nwant %q", texts, want)
	}
	if strings.Contains(texts, "27h27m") {
		t.Errorf("a Go duration on screen:\n%s", texts)
	}
}

func TestCalendarFitsSmallestWindow(t *testing.T) {
	h := newCalHarness(t)
	h.ResizeContent(uitest.SmallestScreen)
	for _, m := range []calMode{monthMode, weekMode, agendaMode} {
		h.screen().setMode(m)
		h.screen().editor.open(h.post("Patch 2.4.1"))
		h.waitLoaded()
		if got := h.s.Content().MinSize(); got.Width > uitest.SmallestScreen.Width || got.Height > uitest.SmallestScreen.Height {
			t.Errorf("%s with the editor open needs %v, more than %v", calModeNames[m], got, uitest.SmallestScreen)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func labelsText(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}
