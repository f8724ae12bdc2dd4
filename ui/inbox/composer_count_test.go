package inbox

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

func TestReplyCount(t *testing.T) {
	long := strings.Repeat("a", 265)
	tests := []struct {
		name  string
		kind  core.ItemKind
		text  string
		label string
		imp   widget.Importance
		over  bool
	}{
		{"e-mail has no counter", core.ItemEmail, long + long, "", widget.MediumImportance, false},
		{"X counts a link as 23", core.ItemXMention, "see https://example.com/a/very/long/path/indeed", "27/280", widget.MediumImportance, false},
		{"X counts CJK double", core.ItemXMention, "你好", "4/280", widget.MediumImportance, false},
		{"X warns near the limit", core.ItemXMention, long, "265/280, 15 left", widget.WarningImportance, false},
		{"X refuses over the limit", core.ItemXMention, long + "bbbbbbbbbbbbbbbbbbbb", "285/280, 5 over", widget.DangerImportance, true},
		{"VK stays quiet far from its limit", core.ItemVKComment, long, "", widget.MediumImportance, false},
		{"a VK message over 4096", core.ItemVKMessage, strings.Repeat("я", 4100), "4100/4096, 4 over", widget.DangerImportance, true},
	}
	for _, tt := range tests {
		label, imp, over := replyCount(tt.kind, tt.text)
		if label != tt.label || imp != tt.imp || over != tt.over {
			t.Errorf("%s: replyCount = %q, %v, %v; want %q, %v, %v", tt.name, label, imp, over, tt.label, tt.imp, tt.over)
		}
	}
}

func TestOverlongXReplyIsNotSent(t *testing.T) {
	h := newHarness(t)
	h.selectID(h.id(5)) // Pixel Jane's mention on X
	h.composer().focus()
	h.TypeKeys(strings.Repeat("long ", 60))
	h.WaitFor("the counter", func() bool { return h.composer().count.Text == "300/280, 20 over" })
	h.composer().entry.TypedShortcut(uitest.CtrlEnter)
	h.Settle()
	if got := h.replies(h.id(5)); len(got) > 0 {
		t.Fatalf("a reply over X's limit was queued: %q", got)
	}
	if got := h.composer().note.Text; !strings.Contains(got, "Too long for X") {
		t.Errorf("note = %q", got)
	}
}
