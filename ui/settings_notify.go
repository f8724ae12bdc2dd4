package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core/notify"
	"github.com/hearthhq/hearth/ui/kit"
	"github.com/hearthhq/hearth/ui/settings"
)

// NotifySwitches turn each kind of desktop notification on or off
// (core/notify.Service); stored in the workspace, applied at once.
type NotifySwitches interface {
	Enabled(ctx context.Context) (map[notify.Kind]bool, error)
	SetEnabled(ctx context.Context, k notify.Kind, on bool) error
}

// TraySwitch stores what closing the window does (core/notify.Service).
type TraySwitch interface {
	TraySettings
	SetCloseToTray(ctx context.Context, on bool) error
}

// kindLabel says what a kind of notification is about, for its switch.
func kindLabel(k notify.Kind) string {
	switch k {
	case notify.Token:
		return lang.L("An account needs new credentials")
	case notify.Post:
		return lang.L("A post failed or is held")
	case notify.Abusive:
		return lang.L("An abusive message")
	case notify.VIP:
		return lang.L("A message from a VIP")
	case notify.Rule:
		return lang.L("A rule asked to be told")
	case notify.Watch:
		return lang.L("A mention matching a keyword watch")
	}
	return string(k) // untranslated: a kind this window does not know yet
}

// notifySections adds the Notifications and Tray sections to the Settings
// screen when the backend can change them. UI goroutine.
func (u *UI) notifySections(s *settings.Screen) {
	if sw, ok := u.b.Notify.(NotifySwitches); ok {
		s.AddSection(u.notificationsSection(sw))
	}
	if ts, ok := u.b.Tray.(TraySwitch); ok {
		s.AddSection(u.traySection(ts))
	}
	if al, ok := u.b.Pictures.(AlwaysLoad); ok {
		s.AddSection(u.picturesSection(al))
	}
}

func (u *UI) notificationsSection(sw NotifySwitches) settings.Section {
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	box := container.NewVBox()
	checks := map[notify.Kind]*widget.Check{}
	for _, k := range notify.Kinds {
		k := k
		c := widget.NewCheck(kindLabel(k), nil)
		c.Disable()
		checks[k] = c
		box.Add(c)
	}
	box.Add(status)
	start := func() {
		kit.Background(u.Env, "notification switches", func(ctx context.Context) (map[notify.Kind]bool, error) {
			return sw.Enabled(ctx)
		}, func(on map[notify.Kind]bool, err error) {
			if err != nil {
				status.SetText(lang.L("Could not read the notification switches: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
				return
			}
			for k, c := range checks {
				c.SetChecked(on[k])
				c.OnChanged = func(v bool) {
					kit.BackgroundErr(u.Env, "notification switch", func(ctx context.Context) error {
						return sw.SetEnabled(ctx, k, v)
					}, func(err error) {
						if err != nil {
							status.SetText(lang.L("Not saved: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
							return
						}
						status.SetText(lang.L("Saved; applies at once."))
					})
				}
				c.Enable()
			}
		})
	}
	return settings.Section{Title: lang.L("Notifications"),
		About:   lang.L("What Hearth shows on the desktop while it runs. Never for the conversation open in the inbox; at most three a minute, the rest summed up."),
		Content: box, Start: start}
}

func (u *UI) traySection(ts TraySwitch) settings.Section {
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	check := widget.NewCheck(lang.L("Closing the window keeps Hearth syncing in the tray"), nil)
	check.Disable()
	start := func() {
		kit.Background(u.Env, "close to tray", func(ctx context.Context) (bool, error) {
			on, set, err := ts.CloseToTray(ctx)
			return on || !set, err // unset: on when there is a tray
		}, func(on bool, err error) {
			if err != nil {
				status.SetText(lang.L("Could not read the setting: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
				return
			}
			check.SetChecked(on)
			if u.tray == nil {
				// Nothing to keep running in: the switch stays off and
				// says why, rather than storing a choice that does nothing.
				check.SetChecked(false)
				status.SetText(lang.L("This desktop shows no tray icon, so closing the window quits Hearth."))
				return
			}
			check.OnChanged = func(v bool) {
				kit.BackgroundErr(u.Env, "close to tray", func(ctx context.Context) error {
					return ts.SetCloseToTray(ctx, v)
				}, func(err error) {
					if err != nil {
						status.SetText(lang.L("Not saved: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
						return
					}
					u.setCloseToTray(v)
					if u.tray != nil {
						status.SetText(lang.L("Saved; applies at once."))
					}
				})
			}
			check.Enable()
		})
	}
	return settings.Section{Title: lang.L("Tray"), Content: container.NewVBox(check, status), Start: start}
}
