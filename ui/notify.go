package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// maxNotifications is how many rule notifications one burst shows one by
// one; the rest are counted in one more, so a first sync does not flood
// the desktop.
const maxNotifications = 3

// showRuleNotifications shows on the desktop the messages rules asked to
// be notified of since the last look; each is shown once. UI goroutine.
func (u *UI) showRuleNotifications() {
	if u.b.Rules == nil {
		return
	}
	kit.Background(u.Env, "rule notifications", func(ctx context.Context) ([]core.Notification, error) {
		return u.b.Rules.Notifications(ctx)
	}, func(ns []core.Notification, err error) {
		if err != nil {
			return // logged by Background; the messages are in the inbox all the same
		}
		for i, n := range ns {
			if i == maxNotifications {
				u.app.SendNotification(fyne.NewNotification("Hearth", lang.N("{{.Count}} more messages your rules flagged", len(ns)-i, map[string]any{"Count": len(ns) - i})))
				return
			}
			u.app.SendNotification(fyne.NewNotification(notificationTitle(n), n.Snippet))
		}
	})
}

// notificationTitle names what the rule flagged: its subject when it has
// one, else the rule.
func notificationTitle(n core.Notification) string {
	if n.Subject != "" {
		return n.Subject
	}
	return lang.L("Rule '{{.Name}}'", map[string]any{"Name": n.RuleName})
}
