package ui

import (
	"context"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/accounts"
	"github.com/hearthhq/hearth/ui/calendar"
	"github.com/hearthhq/hearth/ui/dashboard"
	"github.com/hearthhq/hearth/ui/inbox"
	"github.com/hearthhq/hearth/ui/kit"
	"github.com/hearthhq/hearth/ui/members"
	"github.com/hearthhq/hearth/ui/rules"
	"github.com/hearthhq/hearth/ui/settings"
	"github.com/hearthhq/hearth/ui/watches"
)

// Backend is everything the window needs from the application core. Each
// field is an interface of the screen that uses it, complete: cmd/hearth
// checks at compile time that the core services satisfy every one.
type Backend struct {
	Inbox    Inbox
	Accounts accounts.Accounts
	Events   Events
	// Calendar and Members drive their screens; nil shows what is not
	// built yet.
	Calendar calendar.Calendar
	Members  Members
	// Dashboard computes the dashboard's numbers; nil shows what is not
	// built yet.
	Dashboard dashboard.Stats
	// Writer sends greetings and check-ins to members; nil: the text is
	// copied for the person to send.
	Writer members.MemberWriter
	// Views lists the saved views beside the inbox's search box; nil
	// offers none.
	Views inbox.Views
	// Feeds and Keywords drive the Watches screen (the accounts and views
	// services); nil shows what is not wired.
	Feeds    watches.Feeds
	Keywords watches.Keywords
	// Rules drives the Rules screen and the lines under messages that say
	// what a rule did; nil shows what is not wired.
	Rules Rules
	// Pictures shows the pictures in the inbox's messages; nil: a row per
	// attachment.
	Pictures inbox.Pictures
	// Notify decides the desktop notifications; nil sends none.
	Notify Notifications
	// Sync pauses and resumes the sync from the tray's menu; Tray says
	// what closing the window does. nil: no pause; closing keeps Hearth
	// in the tray when the desktop has one.
	Sync SyncControl
	Tray TraySettings
	// MailGuess fills a new e-mail account's servers from its address;
	// nil leaves them to the person.
	MailGuess accounts.MailGuesser
	// TryDemo opens the demo workspace beside this one (the welcome page
	// of an empty workspace offers it); nil does not offer it.
	TryDemo func(ctx context.Context) error
	// Settings drives the Settings screen (settings_screen.go); nil
	// shows what is not wired.
	Settings Settings
	// FirstPage, when set, is called once on the UI goroutine when the
	// inbox's first page of conversations is in its list: background work
	// that can wait (the tone of old messages, the dashboard's figures)
	// starts then, not while the window paints.
	FirstPage func()
	Now       func() time.Time // nil means time.Now
}

// Settings is what the Settings screen needs: the workspace's own
// settings, those of the use cases it edits (each nil leaves its section
// out) and where the workspace and its backups are.
type Settings struct {
	Prefs   settings.Prefs
	Hours   settings.Hours
	Scores  settings.Scores
	Replies settings.Replies
	Backups settings.Backups // nil: no automatic backups (the demo)
	// Workspace is the workspace file's path.
	Workspace string
}

// Inbox is the inbox screen's use case plus the unread counts of the
// status bar (the core inbox service has both).
type Inbox interface {
	inbox.Inbox
	inbox.SavedReplies
	// UnreadCounts counts unread items in triage per account.
	UnreadCounts(ctx context.Context) (map[int64]int, error)
}

// Members is the member files' use case plus the experts the composers
// offer to @-mention (the core members service has both).
type Members interface {
	members.Members
	kit.Mentioner
}

// Events tells the UI that something changed; the UI then re-reads.
type Events interface {
	Subscribe() (events <-chan core.Event, cancel func())
}

// Rules is the rules screen's use case and the steps the inbox shows
// under each message (the core rules service has both); the notifications
// rules ask for reach the desktop through Notify.
type Rules interface {
	rules.Rules
	inbox.RuleSteps
}
