package ui

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/rules"
	"github.com/hearthhq/hearth/core/settings"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/core/views"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

// screenNames name the navigation's screens, in its order, for the golden
// files (the titles are translated).
var screenNames = []string{"inbox", "calendar", "members", "dashboard", "watches", "rules", "accounts", "settings"}

// withEverything wires every screen on the workspace, with members whose
// names are long, as the demo has them.
func withEverything(b *Backend, ws *coretest.Workspace) {
	now := func() time.Time { return uitest.Now }
	b.Members = ws.Members
	b.Calendar = ws.Calendar
	st := stats.New(stats.Params{Store: ws.Store, Members: ws.Members, Now: now})
	b.Dashboard = st
	vs := views.New(views.Params{Store: ws.Store})
	b.Views, b.Keywords, b.Feeds = vs, vs, ws.Accounts
	b.Rules = rules.New(rules.Params{Store: ws.Store, Notify: ws.Engine, Now: now})
	b.Settings = Settings{Prefs: settings.New(settings.Params{Store: ws.Store}), Hours: st, Scores: ws.Members,
		Replies: ws.Inbox, Workspace: "/home/claire/.local/share/hearth/hearth.db"}
}

// fullShell is the window with every screen, in a language.
func fullShell(t *testing.T, language string) *shell {
	t.Helper()
	if _, err := kit.UseLanguage(language); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { kit.UseLanguage("en") }) //nolint:errcheck // English loaded before
	s := newShell(t, withEverything, func(b *Backend, _ *coretest.Workspace) {
		acts, err := core.ParseRuleActions("state:spam, tag:links, notify")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.Rules.Add(t.Context(), core.Rule{Name: "Links from new VK accounts",
			Query: "channel:vk has:link followers<20", Actions: acts, Enabled: true}); err != nil {
			t.Fatal(err)
		}
	})
	_, _ = s.ws.AddIdentities(t, s.accts[0].ID,
		core.Identity{Kind: core.IdentityEmail, Address: "m.dupont-lefebvre@example.fr", Name: "Marie-Hélène Dupont-Lefebvre", Followers: -1},
		core.Identity{Kind: core.IdentityEmail, Address: "konstantin@example.ru", Name: "Константин Константинопольский", Followers: -1},
		core.Identity{Kind: core.IdentityEmail, Address: "ann@example.org", Name: "Ann Lee", Followers: -1},
	)
	s.ws.RefreshMembers(t)
	// A feed with a long address: its line under the account must wrap.
	s.ws.AddAccount(t, core.Account{Kind: core.KindFeed, Name: "Web alerts: Hearth Makers (demo)",
		Settings: json.RawMessage(`{"url":"http://127.0.0.1:38751/tabletop-notes/atom.xml","keywords":["Hearth Makers","hearth makers board game"]}`)})
	return s
}

// Every screen fits a 1024x700 window in every language, with no title
// cut: the window's minimum is the content's, so one screen that needs
// more would push the window past the screen's edge.
func TestEveryScreenFits1024x700InEveryLanguage(t *testing.T) {
	for _, language := range kit.Languages {
		t.Run(language, func(t *testing.T) {
			s := fullShell(t, language)
			s.u.app.Settings().SetTheme(theme.DefaultTheme())
			s.u.Win.Resize(minimumSize)
			for i, e := range s.u.nav.screens {
				s.u.nav.list.Select(i)
				s.Settle()
				refreshShown(s.u.Win.Content())
				s.Relayout()
				m := s.u.Win.Content().MinSize().AddWidthHeight(2*theme.Padding(), 2*theme.Padding())
				if m.Width > minimumSize.Width || m.Height > minimumSize.Height {
					t.Errorf("%s (%s) needs %v, more than the smallest supported window %v", screenNames[i], e.title, m, minimumSize)
				}
				for _, cut := range cutTitles(e.screen.Content()) {
					t.Errorf("%s at %v: the title %q is cut", screenNames[i], minimumSize, cut)
				}
			}
		})
	}
}

// refreshShown refreshes o as Refresh does (each container laid out, each
// other object refreshed), leaving out what is hidden: the screens behind
// the one in front, which take no part in the window's minimum size
// (stack layouts skip hidden objects) and are refreshed when they come to
// the front. Refreshing the whole window refreshed every screen built so
// far at every step, most of the test's CPU.
func refreshShown(o fyne.CanvasObject) {
	if !o.Visible() {
		return
	}
	c, ok := o.(*fyne.Container)
	if !ok {
		o.Refresh()
		return
	}
	if c.Layout != nil {
		c.Layout.Layout(c.Objects, c.Size())
	}
	for _, x := range c.Objects {
		refreshShown(x)
	}
}

// The window at 1024x700 in French and Russian, whose strings are the
// longest, screen by screen: goldens looked at by eye (the inbox's are in
// ui/inbox, inbox_1024_fr.png and inbox_1024_ru.png).
func TestWindowGoldensAt1024x700(t *testing.T) {
	for _, language := range []string{"fr", "ru"} {
		t.Run(language, func(t *testing.T) {
			s := fullShell(t, language)
			s.u.Win.Resize(minimumSize)
			for i := range s.u.nav.screens {
				if i == 0 {
					continue // the inbox's own goldens (inbox_1024_*.png): its list draws reliably only there
				}
				s.u.nav.list.Select(i)
				s.Settle()
				s.Relayout()
				test.AssertRendersToImage(t, fmt.Sprintf("window_%s_%s.png", language, screenNames[i]), s.u.Win.Canvas())
			}
		})
	}
}
