package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core/coretest"
	coreinbox "github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/settings"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	uisettings "github.com/hearthhq/hearth/ui/settings"
)

// Settings > Pictures lists the people whose pictures load without a
// click, and Stop takes one off in the workspace.
func TestSettingsStopLoadingSomeonesPictures(t *testing.T) {
	var pics *coreinbox.Pictures
	s := newNotifyingShell(t, func(b *Backend, ws *coretest.Workspace) {
		b.Settings = Settings{Prefs: settings.New(settings.Params{Store: ws.Store}), Workspace: "hearth.db"}
		pics = coreinbox.NewPictures(coreinbox.PicturesParams{Store: ws.Store})
		if err := pics.SetAlwaysLoad(context.Background(), coreinbox.Sender{Key: "vk:101", Name: "Анна Петрова"}, true); err != nil {
			t.Fatal(err)
		}
		b.Pictures = pics
	})
	s.show(t, "Settings")
	for _, e := range s.u.nav.screens {
		if sc, ok := unwrap(e.screen).(*uisettings.Screen); ok && !sc.Show("Pictures") {
			t.Fatal("no Pictures section in Settings")
		}
	}
	s.WaitFor("Anna in the list", func() bool {
		return strings.Contains(strings.Join(uitest.LabelsIn(s.u.nav.stack), " "), "Анна Петрова")
	})
	test.Tap(uitest.Button(t, s.u.nav.stack, "Stop"))
	s.WaitFor("nobody left", func() bool {
		list, err := pics.AlwaysLoadList(context.Background())
		return err == nil && len(list) == 0 &&
			!strings.Contains(strings.Join(uitest.LabelsIn(s.u.nav.stack), " "), "Анна Петрова")
	})
}
