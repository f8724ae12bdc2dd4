package accounts

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
)

// fixedDefaults are the workspace defaults of Settings › Channels.
type fixedDefaults core.ChannelDefaults

func (d fixedDefaults) ChannelDefaults(context.Context) (core.ChannelDefaults, error) {
	return core.ChannelDefaults(d), nil
}

// A new account left at the workspace's defaults stores none of its own,
// so the engine fills in those of Settings, today's and later ones; the
// forms say what the default is. A number typed is the account's own.
func TestFormsFollowTheWorkspaceDefaults(t *testing.T) {
	h := newHarnessWith(t, Backend{Defaults: fixedDefaults{VIPFollowers: 500, MailBackfillDays: 60, VKBackfillDays: 14}})

	h.openChannelForm("Add VK community")
	vk := h.s.vk
	backfill := field(t, vk, "Backfill days")
	h.WaitFor("the VK default", func() bool { return backfill.PlaceHolder == "14, the workspace default" })
	if backfill.Text != "" {
		t.Errorf("a new VK form holds backfill %q, want it empty (the default)", backfill.Text)
	}
	test.Type(vk.name, "Клуб")
	test.Type(field(t, vk, "Community"), "123456")
	test.Type(field(t, vk, "Access token"), "vk1.a.secret")
	test.Tap(vk.TestButton)
	h.WaitFor("the test", func() bool { return vk.Result.Importance == widget.SuccessImportance })
	test.Tap(vk.SaveButton)
	h.WaitFor("the VK form to close", func() bool { return !vk.content.Visible() })
	var vs core.VKSettings
	h.settings(h.mustAccount("Клуб"), &vs)
	if vs.BackfillDays != 0 {
		t.Errorf("stored backfill %d, want 0: the account follows Settings", vs.BackfillDays)
	}
	applied := core.ChannelDefaults(fixedDefaults{VKBackfillDays: 14}).Apply(h.mustAccount("Клуб"))
	if s, _ := core.ParseVKSettings(applied.Settings); s.BackfillDays != 14 {
		t.Errorf("the engine would sync %d days back, want the workspace's 14", s.BackfillDays)
	}

	h.openChannelForm("Add X account")
	x := h.s.x
	vip := field(t, x, "VIP from")
	h.WaitFor("the X default", func() bool { return vip.PlaceHolder == "500, the workspace default" })
	test.Type(vip, "lots")
	test.Type(x.name, "@brand")
	for _, k := range []string{"API key", "API key secret", "Access token", "Access token secret"} {
		test.Type(field(t, x, k), "k")
	}
	test.Tap(x.TestButton)
	if got := x.Problem.Text; got != "VIP from must be a number of followers, e.g. 10000." {
		t.Errorf("with VIP from %q the form says %q", vip.Text, got)
	}
	x.close()

	h.edit("work@example.com")
	h.WaitFor("the e-mail default", func() bool { return h.s.form.backfill.PlaceHolder == "60, the workspace default" })
	if b := h.s.form.backfill; b.Text != "" || b.PlaceHolder != "60, the workspace default" {
		t.Errorf("a mailbox without its own backfill shows %q (placeholder %q), want empty and Settings' 60", b.Text, b.PlaceHolder)
	}
}
