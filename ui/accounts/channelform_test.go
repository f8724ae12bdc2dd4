package accounts

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// field returns the entry of a channel form's row by its label.
func field(t *testing.T, f *channelForm, label string) *widget.Entry {
	t.Helper()
	for _, it := range f.items {
		if it.Text == label {
			return it.Widget.(*widget.Entry)
		}
	}
	t.Fatalf("the form has no %q field", label)
	return nil
}

func (h *harness) openChannelForm(button string) {
	for _, b := range uitest.ButtonsIn(h.s.adds) {
		if b.Text == button {
			test.Tap(b)
			return
		}
	}
	h.T.Fatalf("no %q button on the Accounts screen", button)
}

func TestVKFormTestsThenAddsTheCommunity(t *testing.T) {
	h := newHarness(t)
	h.openChannelForm("Add VK community")
	f := h.s.vk
	if !f.content.Visible() || h.s.adds.Visible() {
		t.Fatal("the VK form did not open in place of the Add buttons")
	}
	test.Type(f.name, "Клуб любителей")
	test.Type(field(t, f, "Community"), "https://vk.com/club123456")
	test.Tap(f.SaveButton)
	if got := f.Problem.Text; got != "The access token is missing." {
		t.Errorf("without a token the form says %q", got)
	}
	test.Type(field(t, f, "Access token"), "vk1.a.secret")
	test.Tap(f.TestButton)
	h.WaitFor("the test", func() bool { return f.Result.Importance == widget.SuccessImportance })
	test.Tap(f.SaveButton)
	h.WaitFor("the account", func() bool {
		_, _, calls := h.accts.snapshot()
		return slices.Contains(calls, "AddVK Клуб любителей 123456 vk1.a.secret")
	})
	_, _, calls := h.accts.snapshot()
	if !slices.Contains(calls, "TestVK 123456 vk1.a.secret") {
		t.Errorf("calls = %v, want the test before the add", calls)
	}
	h.WaitFor("the form to close", func() bool { return !f.content.Visible() && h.s.adds.Visible() })
}

func TestXFormNamesTheMissingKeyAndShowsAFailedTest(t *testing.T) {
	h := newHarness(t)
	h.openChannelForm("Add X account")
	f := h.s.x
	test.Type(f.name, "@hearth_game")
	test.Type(field(t, f, "API key"), "ck")
	test.Type(field(t, f, "API key secret"), "cs")
	test.Type(field(t, f, "Access token"), "at")
	test.Tap(f.TestButton)
	if got := f.Problem.Text; got != "The access token secret is missing." {
		t.Errorf("with three keys the form says %q", got)
	}
	test.Type(field(t, f, "Access token secret"), "as")
	h.accts.mu.Lock()
	h.accts.testErr = &core.RemoteError{Problem: core.ProblemAuth, Message: "X refused the keys", Action: "re-enter them"}
	h.accts.mu.Unlock()
	test.Tap(f.TestButton)
	h.WaitFor("the failed test", func() bool {
		return f.Result.Importance == widget.DangerImportance && strings.Contains(f.Result.Text, "X refused the keys")
	})
	h.accts.mu.Lock()
	h.accts.testErr = nil
	h.accts.mu.Unlock()
	test.Tap(f.SaveButton)
	h.WaitFor("the account", func() bool {
		_, _, calls := h.accts.snapshot()
		return slices.Contains(calls, "AddX @hearth_game  v2 as")
	})
}

func TestParseVKGroup(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"123456", 123456},
		{"club123456", 123456},
		{"public77", 77},
		{"https://vk.com/club123456", 123456},
		{"vk.com/public42/", 42},
		{" -123 ", 123},
	}
	for _, tt := range tests {
		if got, err := parseVKGroup(tt.in); err != nil || got != tt.want {
			t.Errorf("parseVKGroup(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "vk.com/ourgroup", "club", "0"} {
		if _, err := parseVKGroup(bad); err == nil {
			t.Errorf("parseVKGroup(%q) accepted", bad)
		}
	}
}
