package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/ui/kit"
	"github.com/hearthhq/hearth/ui/watches"
)

const watchesNotBuilt = "Watches are not wired in this window: feeds and keyword watches, with their status, will live here."

func watchesIcon() fyne.Resource { return theme.VisibilityIcon() }

// watchesScreen is the feed and keyword watches, or the placeholder when
// the backend has none; a watch's Show opens the inbox on its messages.
func (u *UI) watchesScreen() kit.Screen {
	if u.b.Feeds == nil || u.b.Keywords == nil {
		return newPlaceholder(watchesIcon(), lang.L("Watches"), lang.L(watchesNotBuilt))
	}
	return newLazy(func() kit.Screen {
		s := watches.New(u.Env, watches.Backend{Feeds: u.b.Feeds, Keywords: u.b.Keywords})
		s.ShowQuery = func(q string) {
			u.nav.show(u.inbox)
			u.inbox.ShowSearch(q)
		}
		return s
	})
}
