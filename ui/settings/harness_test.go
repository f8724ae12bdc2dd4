package settings

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core/backup"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/settings"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// harness is the Settings screen over the real services of a workspace,
// at the size it gets in a 1024x700 window.
type harness struct {
	*uitest.Window
	s       *Screen
	ws      *coretest.Workspace
	prefs   *settings.Service
	stats   *stats.Service
	backups *backup.Service
	themes  []string // what ApplyTheme was asked
	opened  []string // the folders OpenFolder was asked
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	w := uitest.NewScreenWindow(t, uitest.SmallestScreen)
	clock := func() time.Time { return uitest.Now }
	ws := coretest.Open(t, clock)
	h := &harness{Window: w, ws: ws, prefs: settings.New(settings.Params{Store: ws.Store}),
		stats:   stats.New(stats.Params{Store: ws.Store, Members: ws.Members, Now: clock, Zone: "Europe/Paris"}),
		backups: backup.New(backup.Params{Store: ws.Store, Dir: filepath.Join(t.TempDir(), "backups"), Now: clock})}
	h.s = New(w.Env, Backend{Prefs: h.prefs, Hours: h.stats, Scores: ws.Members, Replies: ws.Inbox, Backups: h.backups},
		Callbacks{
			ApplyTheme: func(t string) { h.themes = append(h.themes, t) },
			OpenFolder: func(dir string) error { h.opened = append(h.opened, dir); return nil },
			Workspace:  "/home/anna/.local/share/hearth/hearth.db",
		})
	w.Win.SetContent(h.s.Content())
	w.Win.Show()
	h.s.Start()
	h.WaitFor("the settings", func() bool { return h.s.appearance.loaded })
	h.Settle()
	return h
}

func (h *harness) ctx() context.Context { return context.Background() }
