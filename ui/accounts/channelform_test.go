package accounts

import (
	"encoding/json"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

// field returns the entry of a channel form's row by its label.
func field(t *testing.T, f *channelForm, label string) *kit.Entry {
	t.Helper()
	for _, it := range f.items {
		if it.Text == label {
			return it.Widget.(*kit.Entry)
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
	tests := h.ch.testsOf(core.KindVK)
	if len(tests) != 1 || vkGroup(t, tests[0].acct.Settings) != 123456 || tests[0].secrets["token"] != "vk1.a.secret" {
		t.Errorf("the channel's tests = %+v, want one of community 123456 with the token typed", tests)
	}
	test.Tap(f.SaveButton)
	h.WaitFor("the form to close", func() bool { return !f.content.Visible() && h.s.adds.Visible() })
	a := h.mustAccount("Клуб любителей")
	if a.Kind != core.KindVK || vkGroup(t, a.Settings) != 123456 {
		t.Errorf("stored a %s account with settings %s", a.Kind, a.Settings)
	}
	if tok, _ := h.secret(a.ID, "token"); tok != "vk1.a.secret" {
		t.Errorf("the keyring holds the token %q, want the one typed", tok)
	}
}

// vkGroup is the community id of VK settings.
func vkGroup(t *testing.T, raw json.RawMessage) int64 {
	t.Helper()
	s, err := core.ParseVKSettings(raw)
	if err != nil {
		t.Fatalf("vk settings %s: %v", raw, err)
	}
	return s.GroupID
}

func TestXFormNamesTheMissingKeyAndShowsAFailedTest(t *testing.T) {
	h := newHarness(t)
	h.openChannelForm("Add X account")
	f := h.s.x
	test.Type(f.name, "@hearth_support") // @hearth_game is taken
	test.Type(field(t, f, "API key"), "ck")
	test.Type(field(t, f, "API key secret"), "cs")
	test.Type(field(t, f, "Access token"), "at")
	test.Tap(f.TestButton)
	if got := f.Problem.Text; got != "The access token secret is missing." {
		t.Errorf("with three keys the form says %q", got)
	}
	test.Type(field(t, f, "Access token secret"), "as")
	h.ch.failTests(core.KindX, &core.RemoteError{Problem: core.ProblemAuth, Message: "X refused the keys", Action: "re-enter them"})
	test.Tap(f.TestButton)
	h.WaitFor("the failed test", func() bool {
		return f.Result.Importance == widget.DangerImportance && strings.Contains(f.Result.Text, "X refused the keys")
	})
	if tests := h.ch.testsOf(core.KindX); len(tests) != 1 || tests[0].secrets["access_secret"] != "as" {
		t.Errorf("the channel's tests = %+v, want one with the four keys typed", tests)
	}
	h.ch.failTests(core.KindX, nil)
	test.Tap(f.SaveButton)
	h.WaitFor("the form to close", func() bool { return !f.content.Visible() })
	a := h.mustAccount("@hearth_support")
	var s core.XSettings
	h.settings(a, &s)
	if a.Kind != core.KindX || s.Handle != "" || s.APIVersion != core.XAPIv2 {
		t.Errorf("stored a %s account with settings %+v", a.Kind, s)
	}
	keys := core.XKeys{ConsumerKey: "ck", ConsumerSecret: "cs", AccessToken: "at", AccessSecret: "as"}
	for name, want := range keys.Secrets() {
		if got, _ := h.secret(a.ID, name); got != want {
			t.Errorf("the keyring holds %s = %q, want %q", name, got, want)
		}
	}
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
