package inbox

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

const vkComment = 3 // Анна Смирнова's VK comment is the third sample

// moderateButton finds the Moderate menu of the open conversation.
func moderateButton(t *testing.T, h *harness) *widget.Button {
	t.Helper()
	for _, b := range uitest.ButtonsIn(h.s.thread.messages) {
		if isIcon(b, theme.MoreVerticalIcon()) {
			return b
		}
	}
	t.Fatal("the VK comment offers no Moderate menu")
	return nil
}

// overlayButton finds a button of the topmost dialog by its text.
func overlayButton(t *testing.T, h *harness, text string) *widget.Button {
	t.Helper()
	top := h.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is open (looking for %q)", text)
	}
	for _, b := range uitest.ButtonsIn(top) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("the dialog has no %q button", text)
	return nil
}

func TestBanFromTheThreadAsksHowLongAndWhy(t *testing.T) {
	h := newHarness(t)
	id := h.id(vkComment)
	h.selectID(id)
	test.Tap(moderateButton(t, h))
	menu := h.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("Moderate opened no menu")
	}
	test.Tap(uitest.MenuItem(t, menu, "Ban Анна Смирнова…"))
	h.Settle()
	if got := h.moderations(id); len(got) > 0 {
		t.Fatalf("banned before asking how long: %+v", got)
	}
	form := h.Canvas().Overlays().Top()
	for _, o := range test.LaidOutObjects(form) {
		if e, ok := o.(*kit.Entry); ok {
			test.Type(e, "ads again")
		}
	}
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Ban"))
	h.WaitFor("the ban in the outbox", func() bool { return len(h.moderations(id)) == 1 })
	a := h.moderations(id)[0]
	// the defaults: one week, spam
	if a.Kind != core.ModBan || a.Duration != 168*time.Hour || a.Reason != core.BanSpam || a.Comment != "ads again" {
		t.Errorf("queued %+v, want a ban of one week for spam, \"ads again\"", a)
	}
	h.WaitFor("the status line", func() bool {
		return strings.Contains(h.s.thread.status.Text, "Banning Анна Смирнова for 1 week")
	})
	// VK answers: the status line says how it ended.
	h.runOutbox(id, "")
	h.WaitFor("the result", func() bool {
		return h.s.thread.status.Text == "Анна Смирнова is banned for 1 week."
	})
}

// A moderation the channel refuses ends in a status line that says so and
// why, not in a promise that it is under way.
func TestModerationStatusEndsInTheResult(t *testing.T) {
	h := newHarness(t)
	id := h.id(vkComment)
	h.selectID(id)
	test.Tap(moderateButton(t, h))
	test.Tap(uitest.MenuItem(t, h.Canvas().Overlays().Top(), "Ban Анна Смирнова…"))
	h.Settle()
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Ban"))
	h.WaitFor("the ban under way", func() bool { return strings.HasPrefix(h.s.thread.status.Text, "Banning") })
	h.runOutbox(id, "the user is a manager of the community")
	h.WaitFor("the failure", func() bool {
		return h.s.thread.status.Text == "Ban failed: the user is a manager of the community." &&
			h.s.thread.status.Importance == widget.DangerImportance
	})
}

// runOutbox does what the outbox runner would with the item's latest
// moderation: done, or refused with failure; then publishes the change as
// the shell's pump would hand it over.
func (h *harness) runOutbox(itemID int64, failure string) {
	h.T.Helper()
	ctx := context.Background()
	entries := h.outbox(itemID, core.OpModerate)
	e := entries[len(entries)-1]
	claimed, err := h.ws.Store.ClaimOutbox(ctx, e.ID, h.clock.now(), core.OutboxOwner{Host: "test.invalid", PID: 1, Token: "t"})
	if err != nil {
		h.T.Fatal(err)
	}
	if failure == "" {
		err = h.ws.Store.FinishOutbox(ctx, claimed, "")
	} else {
		err = h.ws.Store.FailOutbox(ctx, claimed, failure, time.Time{})
	}
	if err != nil {
		h.T.Fatal(err)
	}
	h.publish(core.Event{Kind: core.EventOutbox, AccountID: e.AccountID, ItemIDs: []int64{itemID}})
}

func TestDeleteAsksFirstThenMarksTheComment(t *testing.T) {
	h := newHarness(t)
	id := h.id(vkComment)
	h.selectID(id)
	test.Tap(moderateButton(t, h))
	test.Tap(uitest.MenuItem(t, h.Canvas().Overlays().Top(), "Delete VK comment"))
	h.Settle()
	if got := h.moderations(id); len(got) > 0 {
		t.Fatalf("deleted without asking: %+v", got)
	}
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Yes"))
	h.WaitFor("the delete in the outbox", func() bool {
		m := h.moderations(id)
		return len(m) == 1 && m[0].Kind == core.ModDelete && h.item(id).State == core.StateHidden
	})
	// The channel confirms (the outbox runner marks the item deleted and
	// publishes it, which the shell's pump hands over): the hidden comment
	// leaves the list, and shows its mark when opened from elsewhere.
	h.ws.SetDeleted(t, h.item(id), true)
	h.publish(core.Event{Kind: core.EventItems, AccountID: h.item(id).AccountID, ItemIDs: []int64{id}})
	h.WaitFor("the deleted comment to leave the list", func() bool { return !slices.Contains(h.ids(), id) })
	h.s.OpenItem(id)
	h.WaitFor("the deleted mark", func() bool {
		return indexContaining(uitest.LabelsIn(h.s.thread.messages), "Deleted on VK") >= 0
	})
	// The menu now offers to bring it back.
	test.Tap(moderateButton(t, h))
	test.Tap(uitest.MenuItem(t, h.Canvas().Overlays().Top(), "Restore VK comment"))
	h.WaitFor("the restore in the outbox", func() bool {
		m := h.moderations(id)
		return len(m) == 2 && m[1].Kind == core.ModRestore && h.item(id).State == core.StateOpen
	})
}

func TestModerationFailureIsShown(t *testing.T) {
	h := newHarness(t)
	h.selectID(h.id(vkComment))
	h.inbox.failNext("Moderate", errors.New("the outbox is full"))
	test.Tap(moderateButton(t, h))
	test.Tap(uitest.MenuItem(t, h.Canvas().Overlays().Top(), "Unban Анна Смирнова"))
	h.WaitFor("the error", func() bool {
		s := h.s.thread.status
		return s.Importance == widget.DangerImportance && s.Text == "Could not unban Анна Смирнова: The outbox is full."
	})
}

func TestEmailOffersNoModeration(t *testing.T) {
	h := newHarness(t)
	h.selectID(h.id(1))
	for _, b := range uitest.ButtonsIn(h.s.thread.messages) {
		if isIcon(b, theme.MoreVerticalIcon()) {
			t.Fatal("an e-mail offers moderation")
		}
	}
}

func TestStatsAndHandlesRead(t *testing.T) {
	it := core.Item{Kind: core.ItemVKPost, Author: core.Person{Name: "Сергей", Address: "880311", Handle: "kozlov"},
		Stats: core.ItemStats{Likes: 1, Reposts: 12, Views: 15400}}
	if got := personLine(it); got != "Сергей @kozlov" {
		t.Errorf("personLine = %q", got)
	}
	if got := statsLine(it.Stats); got != "1 like · 12 reposts · 15.4k views" {
		t.Errorf("statsLine = %q", got)
	}
	it.Author = core.Person{Address: "880311"}
	if got := personLine(it); got != "id880311" {
		t.Errorf("personLine without name = %q", got)
	}
	var _ fyne.CanvasObject = moderationNote(core.Item{Deleted: true, Kind: core.ItemVKComment})
}

func TestVIPFirstPutsInfluentialAuthorsOnTop(t *testing.T) {
	h := newHarness(t)
	jane := h.id(5)
	if h.ids()[0] == jane {
		t.Fatal("the VIP item is already first without the option: the test proves nothing")
	}
	test.Tap(h.s.filters.vip)
	h.WaitFor("Pixel Jane (VIP) first", func() bool { ids := h.ids(); return len(ids) > 0 && ids[0] == jane })
}

func TestThreadTitleNamesSubjectlessConversations(t *testing.T) {
	post := core.Item{Kind: core.ItemVKPost, Text: "Board-game night on Friday:\nwho brings Cascadia?"}
	mail := core.Item{Kind: core.ItemEmail, Subject: "", Text: "hello"}
	tests := []struct {
		name string
		th   core.Thread
		want string
	}{
		{"a VK thread is named by its post", core.Thread{Items: []core.Item{post, {Kind: core.ItemVKComment, Text: "me!"}}}, "Board-game night on Friday: who brings Cascadia?"},
		{"a subject wins", core.Thread{Items: []core.Item{{Kind: core.ItemVKPost, Subject: "Fees", Text: "x"}}}, ""},
		{"e-mail keeps its (no subject)", core.Thread{Items: []core.Item{mail}}, ""},
		{"empty", core.Thread{}, ""},
	}
	for _, tt := range tests {
		if got := threadTitle(tt.th); got != tt.want {
			t.Errorf("%s: threadTitle = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A message gone from the mail server (expunged, or moved where Hearth does
// not read) says so when opened, in words that fit mail, not VK.
func TestMailGoneFromTheServerIsMarked(t *testing.T) {
	h := newHarness(t, withItems([]core.Item{{Kind: core.ItemEmail, Subject: "Invoice 12",
		Author: core.Person{Name: "Claire", Address: "claire@example.org"}, Text: "Attached.",
		CreatedAt: uitest.Now.Add(-time.Hour)}}))
	id := h.id(1)
	h.ws.SetDeleted(t, h.item(id), true)
	h.s.OpenItem(id)
	h.WaitFor("the mark of a message gone from the server", func() bool {
		return indexContaining(uitest.LabelsIn(h.s.thread.messages), "Gone from the mail server") >= 0
	})
	if indexContaining(uitest.LabelsIn(h.s.thread.messages), "can be restored") >= 0 {
		t.Error("a deleted e-mail promises a restore Hearth cannot make")
	}
}
