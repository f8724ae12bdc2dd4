package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"

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
				u.app.SendNotification(fyne.NewNotification("Hearth", fmt.Sprintf("%d more messages your rules flagged", len(ns)-i)))
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
	return "Rule '" + n.RuleName + "'"
}
