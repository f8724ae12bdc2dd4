package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/notify"
	"github.com/hearthhq/hearth/core/settings"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	uisettings "github.com/hearthhq/hearth/ui/settings"
)

// findCheck finds a laid-out check box by its text under o.
func findCheck(o fyne.CanvasObject, text string) *widget.Check {
	for _, c := range test.LaidOutObjects(o) {
		if x, ok := c.(*widget.Check); ok && x.Text == text {
			return x
		}
	}
	return nil
}

// Settings > Notifications turns a kind off in the workspace, and the
// notifications service stops it at once.
func TestSettingsTurnANotificationKindOff(t *testing.T) {
	s := newNotifyingShell(t, func(b *Backend, ws *coretest.Workspace) {
		b.Settings = Settings{Prefs: settings.New(settings.Params{Store: ws.Store}), Workspace: "hearth.db"}
	})
	s.show(t, "Settings")
	for _, e := range s.u.nav.screens {
		if sc, ok := unwrap(e.screen).(*uisettings.Screen); ok && !sc.Show("Notifications") {
			t.Fatal("no Notifications section in Settings")
		}
	}
	var vip *widget.Check
	s.WaitFor("the VIP switch, read from the workspace", func() bool {
		vip = findCheck(s.u.nav.stack, kindLabel(notify.VIP))
		return vip != nil && !vip.Disabled() && vip.Checked
	})
	test.Tap(vip)
	ctx := context.Background()
	s.WaitFor("VIP notifications off in the workspace", func() bool {
		on, err := s.svc.Enabled(ctx)
		return err == nil && !on[notify.VIP] && on[notify.Abusive]
	})
}

// Settings > Tray on a desktop without a tray: the switch cannot be
// turned on, and the section says why.
func TestSettingsTraySwitchOffWithoutATray(t *testing.T) {
	s := newNotifyingShell(t, func(b *Backend, ws *coretest.Workspace) {
		b.Settings = Settings{Prefs: settings.New(settings.Params{Store: ws.Store}), Workspace: "hearth.db"}
		b.Tray = notify.New(notify.Params{Store: ws.Store, Accounts: ws.Accounts, Now: func() time.Time { return uitest.Now }})
	})
	if s.u.tray != nil {
		t.Skip("this desktop has a tray")
	}
	s.show(t, "Settings")
	for _, e := range s.u.nav.screens {
		if sc, ok := unwrap(e.screen).(*uisettings.Screen); ok && !sc.Show("Tray") {
			t.Fatal("no Tray section in Settings")
		}
	}
	reason := "This desktop shows no tray icon, so closing the window quits Hearth."
	var sw *widget.Check
	s.WaitFor("the tray switch and why it is off", func() bool {
		sw = findCheck(s.u.nav.stack, "Closing the window keeps Hearth syncing in the tray")
		return sw != nil && slices.Contains(uitest.LabelsIn(s.u.nav.stack), reason)
	})
	s.Settle()
	if !sw.Disabled() || sw.Checked {
		t.Errorf("the tray switch without a tray: disabled %v, checked %v; want disabled and off", sw.Disabled(), sw.Checked)
	}
}
