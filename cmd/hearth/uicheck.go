//go:build !nowindow

package main

import (
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/backup"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/notify"
	"github.com/hearthhq/hearth/core/rules"
	"github.com/hearthhq/hearth/core/settings"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/core/views"
	"github.com/hearthhq/hearth/ui"
	uiaccounts "github.com/hearthhq/hearth/ui/accounts"
	uicalendar "github.com/hearthhq/hearth/ui/calendar"
	uidashboard "github.com/hearthhq/hearth/ui/dashboard"
	uiinbox "github.com/hearthhq/hearth/ui/inbox"
	"github.com/hearthhq/hearth/ui/kit"
	uimembers "github.com/hearthhq/hearth/ui/members"
	uirules "github.com/hearthhq/hearth/ui/rules"
	uisettings "github.com/hearthhq/hearth/ui/settings"
	uiwatches "github.com/hearthhq/hearth/ui/watches"
)

// The window's every capability is an interface of a screen; the core
// services satisfy each one as they are, checked here at compile time, so
// renaming a method in core breaks the build instead of silently removing
// a feature from the window.
var (
	_ ui.Inbox               = (*inbox.Service)(nil)
	_ uiinbox.Inbox          = (*inbox.Service)(nil)
	_ uiinbox.Accounts       = (*accounts.Service)(nil)
	_ uiinbox.Pictures       = (*inbox.Pictures)(nil)
	_ uiinbox.Views          = (*views.Service)(nil)
	_ ui.Events              = (*engine.Engine)(nil)
	_ uiaccounts.Accounts    = (*accounts.Service)(nil)
	_ uicalendar.Calendar    = (*calendar.Service)(nil)
	_ uicalendar.Accounts    = (*accounts.Service)(nil)
	_ ui.Members             = (*members.Service)(nil)
	_ uimembers.Members      = (*members.Service)(nil)
	_ kit.Mentioner          = (*members.Service)(nil)
	_ uimembers.MemberWriter = (*members.Writer)(nil)
	_ uirules.Rules          = (*rules.Service)(nil)
	_ uiinbox.RuleSteps      = (*rules.Service)(nil)
	_ ui.Rules               = (*rules.Service)(nil)
	_ ui.Notifications       = (*notify.Service)(nil)
	_ ui.TraySettings        = (*notify.Service)(nil)
	_ ui.SyncControl         = (*engine.Engine)(nil)
	_ uiwatches.Feeds        = (*accounts.Service)(nil)
	_ uiwatches.Keywords     = (*views.Service)(nil)
	_ uisettings.Prefs       = (*settings.Service)(nil)
	_ uisettings.Hours       = (*stats.Service)(nil)
	_ uisettings.Scores      = (*members.Service)(nil)
	_ uisettings.Replies     = (*inbox.Service)(nil)
	_ uisettings.Backups     = (*backup.Service)(nil)
	_ uidashboard.Stats      = (*stats.Service)(nil)
)
