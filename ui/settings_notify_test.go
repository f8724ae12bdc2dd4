package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/notify"
	"github.com/hearthhq/hearth/core/settings"
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
		if sc, ok := e.screen.(*uisettings.Screen); ok && !sc.Show("Notifications") {
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
