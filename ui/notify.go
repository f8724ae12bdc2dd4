package ui

import (
	"context"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/notify"
	"github.com/hearthhq/hearth/ui/kit"
)

// Notifications decides what the desktop shows (core/notify's service):
// the window tells it what changed and what is on screen, and sends what
// it returns.
type Notifications interface {
	Start(ctx context.Context) error
	Check(ctx context.Context, c notify.Changes, onScreen notify.Screen) ([]notify.Alert, error)
	Flush() []notify.Alert
	NextFlush() time.Time
}

// startNotifications takes what is in the workspace now as known. UI
// goroutine.
func (u *UI) startNotifications() {
	if u.b.Notify == nil {
		return
	}
	kit.BackgroundErr(u.Env, "notifications", u.b.Notify.Start, func(error) {})
}

// notifyChanges sends the desktop notifications a burst of changes calls
// for. What the person is looking at is read here, on the UI goroutine.
// UI goroutine.
func (u *UI) notifyChanges(c kit.Changes) {
	if u.b.Notify == nil || !c.Has(core.EventItems, core.EventStatus, core.EventAccount, calendar.EventCalendar) {
		return
	}
	ch := notify.Changes{Accounts: c.Has(core.EventStatus, core.EventAccount), Posts: c.Has(calendar.EventCalendar)}
	for id := range c.Items {
		ch.Items = append(ch.Items, id)
	}
	slices.Sort(ch.Items) // in the order they arrived: the latest last
	open := u.onScreen()
	kit.Background(u.Env, "notifications", func(ctx context.Context) ([]notify.Alert, error) {
		return u.b.Notify.Check(ctx, ch, open)
	}, u.sendAlerts) // an error is logged; what was found is sent all the same
}

// onScreen is what the person is looking at: the item open in the inbox
// and its conversation, while the inbox is in front of a window that is
// shown (zero: nothing).
func (u *UI) onScreen() notify.Screen {
	if u.hidden || u.nav.current() != kit.Screen(u.inbox) {
		return notify.Screen{}
	}
	id, thread := u.inbox.Reading()
	return notify.Screen{ItemID: id, ThreadID: thread}
}

// sendAlerts shows alerts on the desktop and, when the rate limit held
// some back, plans their summary. UI goroutine.
func (u *UI) sendAlerts(as []notify.Alert, _ error) {
	for _, a := range as {
		title, body := alertText(a)
		u.app.SendNotification(fyne.NewNotification(title, body))
	}
	next := u.b.Notify.NextFlush()
	if next.IsZero() || u.flushTimer != nil {
		return
	}
	u.flushTimer = time.AfterFunc(max(time.Until(next), 0), func() {
		u.Do(func() {
			u.flushTimer = nil
			if u.Ctx.Err() == nil {
				u.sendAlerts(u.b.Notify.Flush(), nil)
			}
		})
	})
}

// alertText words an alert in the window's language: a title and a body.
func alertText(a notify.Alert) (title, body string) {
	if a.Summary() {
		return lang.N("{{.Count}} more notifications", a.Count, map[string]any{"Count": a.Count}), summaryBody(a.More)
	}
	f := a.Latest
	if a.Count > 1 {
		return groupTitle(a), lang.L("Latest: {{.Title}}", map[string]any{"Title": itemLine(f)})
	}
	return oneTitle(a), oneBody(a)
}

// oneBody is the body of an alert about one thing: a held post says how
// late it is in words, the rest what core says (a snippet, an error).
func oneBody(a notify.Alert) string {
	f := a.Latest
	if a.Kind == notify.Post && a.Group == string(core.TargetHeld) && f.Late > 0 {
		return lang.L("{{.Account}}: held, {{.Late}} late. Hearth was not running at the post's time: publish it now, move it or skip it.",
			map[string]any{"Account": f.Account, "Late": kit.DurationWords(f.Late)})
	}
	return f.Text
}

// oneTitle is the title of an alert about one thing.
func oneTitle(a notify.Alert) string {
	f := a.Latest
	switch a.Kind {
	case notify.Token:
		return lang.L("{{.Account}} needs new credentials", map[string]any{"Account": f.Title})
	case notify.Post:
		if a.Group == string(core.TargetHeld) {
			return lang.L("Post held: {{.Post}}", map[string]any{"Post": f.Title})
		}
		return lang.L("Post failed: {{.Post}}", map[string]any{"Post": f.Title})
	case notify.Abusive:
		return lang.L("Abusive message: {{.Title}}", map[string]any{"Title": f.Title})
	case notify.VIP:
		return lang.L("VIP: {{.Title}}", map[string]any{"Title": f.Title})
	case notify.Rule:
		return lang.L("Rule {{.Rule}}: {{.Title}}", map[string]any{"Rule": a.Group, "Title": f.Title})
	case notify.Watch:
		return lang.L("Mention of {{.Watch}}: {{.Title}}", map[string]any{"Watch": a.Group, "Title": f.Title})
	}
	return f.Title
}

// groupTitle is the title of an alert that stands for several.
func groupTitle(a notify.Alert) string {
	n := a.Count
	switch a.Kind {
	case notify.Post:
		if a.Group == string(core.TargetHeld) {
			return lang.N("{{.Count}} posts held", n, map[string]any{"Count": n})
		}
		return lang.N("{{.Count}} posts failed", n, map[string]any{"Count": n})
	case notify.Abusive:
		return lang.N("{{.Count}} abusive messages", n, map[string]any{"Count": n})
	case notify.VIP:
		return lang.N("{{.Count}} new messages from VIPs", n, map[string]any{"Count": n})
	case notify.Rule:
		return lang.N("{{.Count}} messages flagged by rule {{.Rule}}", n, map[string]any{"Count": n, "Rule": a.Group})
	case notify.Watch:
		return lang.N("{{.Count}} new mentions of {{.Watch}}", n, map[string]any{"Count": n, "Watch": a.Group})
	}
	return a.Latest.Title // one account per alert: never grouped
}

// itemLine is who wrote an item and what it says.
func itemLine(c notify.Candidate) string {
	if c.Text == "" {
		return c.Title
	}
	return c.Title + " — " + c.Text
}

// summaryBody lists what a summary stands for, kind by kind.
func summaryBody(more map[notify.Kind]int) string {
	var lines []string
	for _, k := range notify.Kinds {
		if more[k] > 0 {
			lines = append(lines, kindName(k)+": "+kit.Number(more[k]))
		}
	}
	return strings.Join(lines, "\n")
}

// kindName names a kind of notification, as the settings list them.
func kindName(k notify.Kind) string {
	switch k {
	case notify.Token:
		return lang.L("Accounts that need new credentials")
	case notify.Post:
		return lang.L("Posts that failed or are held")
	case notify.Abusive:
		return lang.L("Abusive messages")
	case notify.VIP:
		return lang.L("Messages from VIPs")
	case notify.Rule:
		return lang.L("Messages rules flag")
	case notify.Watch:
		return lang.L("Mentions of keyword watches")
	}
	return string(k)
}
