package inbox

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

const vkCommentID = 3 // Анна Смирнова's VK comment in the samples

// moderateButton finds the Moderate menu of the open conversation.
func moderateButton(t *testing.T, h *harness) *widget.Button {
	t.Helper()
	for _, b := range uitest.ButtonsIn(h.s.thread.messages) {
		if b.Text == "Moderate" {
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
	h.selectID(vkCommentID)
	test.Tap(moderateButton(t, h))
	menu := h.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("Moderate opened no menu")
	}
	test.Tap(uitest.MenuItem(t, menu, "Ban Анна Смирнова…"))
	if h.inbox.called("Moderate") || len(h.inbox.callsWith("Moderate")) > 0 {
		t.Fatal("banned before asking how long")
	}
	form := h.Canvas().Overlays().Top()
	for _, o := range test.LaidOutObjects(form) {
		if e, ok := o.(*widget.Entry); ok {
			test.Type(e, "ads again")
		}
	}
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Ban"))
	want := `Moderate 3 ban 168h0m0s 1 "ads again"` // the defaults: one week, spam
	h.WaitFor("the ban", func() bool { return slices.Contains(h.inbox.callsWith("Moderate"), want) })
	h.WaitFor("the status line", func() bool {
		return strings.Contains(h.s.thread.status.Text, "Banning Анна Смирнова for 1 week")
	})
}

func TestDeleteAsksFirstThenMarksTheComment(t *testing.T) {
	h := newHarness(t)
	h.selectID(vkCommentID)
	test.Tap(moderateButton(t, h))
	test.Tap(uitest.MenuItem(t, h.Canvas().Overlays().Top(), "Delete VK comment"))
	if len(h.inbox.callsWith("Moderate")) > 0 {
		t.Fatal("deleted without asking")
	}
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Yes"))
	h.WaitFor("the delete", func() bool { return h.inbox.item(vkCommentID).Deleted })
	h.WaitFor("the deleted mark", func() bool {
		return indexContaining(uitest.LabelsIn(h.s.thread.messages), "Deleted on VK") >= 0
	})
	// The menu now offers to bring it back.
	test.Tap(moderateButton(t, h))
	test.Tap(uitest.MenuItem(t, h.Canvas().Overlays().Top(), "Restore VK comment"))
	h.WaitFor("the restore", func() bool { return !h.inbox.item(vkCommentID).Deleted })
}

func TestModerationFailureIsShown(t *testing.T) {
	h := newHarness(t)
	h.selectID(vkCommentID)
	h.inbox.fail("Moderate", errors.New("the outbox is full"))
	test.Tap(moderateButton(t, h))
	test.Tap(uitest.MenuItem(t, h.Canvas().Overlays().Top(), "Unban Анна Смирнова"))
	h.WaitFor("the error", func() bool {
		s := h.s.thread.status
		return s.Importance == widget.DangerImportance && s.Text == "Could not unban Анна Смирнова: The outbox is full."
	})
}

func TestEmailOffersNoModeration(t *testing.T) {
	h := newHarness(t)
	h.selectID(1)
	for _, b := range uitest.ButtonsIn(h.s.thread.messages) {
		if b.Text == "Moderate" {
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
	if got := statsLine(it.Stats); got != "1 like · 12 reposts · 15k views" {
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
	if h.ids()[0] == 5 {
		t.Fatal("the VIP item is already first without the option: the test proves nothing")
	}
	test.Tap(h.s.filters.vip)
	h.WaitFor("Pixel Jane (VIP) first", func() bool { ids := h.ids(); return len(ids) > 0 && ids[0] == 5 })
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
