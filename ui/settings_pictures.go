package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	coreinbox "github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/ui/kit"
	"github.com/hearthhq/hearth/ui/settings"
)

// AlwaysLoad lists the people whose VK and X pictures the inbox loads
// without a click, and stops it for one (core/inbox.Pictures).
type AlwaysLoad interface {
	AlwaysLoadList(ctx context.Context) ([]coreinbox.Sender, error)
	SetAlwaysLoad(ctx context.Context, s coreinbox.Sender, on bool) error
}

// picturesSection is Settings › Pictures: who the inbox loads pictures of
// without a click (ticked under one of their messages), each with Stop.
func (u *UI) picturesSection(al AlwaysLoad) settings.Section {
	list := container.NewVBox()
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	var load func()
	show := func(people []coreinbox.Sender) {
		list.RemoveAll()
		if len(people) == 0 {
			list.Add(kit.NewMuted(lang.L("Nobody: VK and X pictures load when you click Load.")))
		}
		for _, p := range people {
			stop := widget.NewButtonWithIcon(lang.L("Stop"), theme.CancelIcon(), func() {
				kit.BackgroundErr(u.Env, "always load pictures", func(ctx context.Context) error {
					return al.SetAlwaysLoad(ctx, p, false)
				}, func(err error) {
					if err != nil {
						status.SetText(lang.L("Not saved: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
						return
					}
					load()
				})
			})
			stop.Importance = widget.LowImportance
			name := widget.NewLabel(p.Name)
			name.Truncation = fyne.TextTruncateEllipsis
			list.Add(container.NewBorder(nil, nil, nil, stop, name))
		}
	}
	load = func() {
		kit.Background(u.Env, "always load pictures", al.AlwaysLoadList, func(people []coreinbox.Sender, err error) {
			if err != nil {
				status.SetText(lang.L("Could not read the setting: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
				return
			}
			status.SetText("")
			show(people)
		})
	}
	return settings.Section{Title: lang.L("Pictures"),
		About:   lang.L("Hearth loads a picture from VK or X only when you click Load under it, or for the people listed here (tick \"Always load pictures from this person\" under one of their messages)."),
		Content: container.NewVBox(list, status), Start: load, Shown: load}
}
