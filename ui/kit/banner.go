package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// banner shows an error inside a screen, readable and dismissable, so a
// failure is never only in the log.
type banner struct {
	text    *widget.Label
	content *fyne.Container
}

func newBanner() *banner {
	b := &banner{text: widget.NewLabel("")}
	b.text.Wrapping = fyne.TextWrapWord
	b.text.Importance = widget.DangerImportance
	dismiss := widget.NewButtonWithIcon("", theme.CancelIcon(), b.hide)
	dismiss.Importance = widget.LowImportance
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.ErrorIcon()))
	b.content = container.NewBorder(nil, nil, icon, dismiss, b.text)
	b.content.Hide()
	return b
}

func (b *banner) show(msg string) {
	b.text.SetText(msg)
	b.content.Show()
}

func (b *banner) hide() {
	b.text.SetText("")
	b.content.Hide()
}

// message is the text shown, "" when hidden.
func (b *banner) message() string {
	if !b.content.Visible() {
		return ""
	}
	return b.text.Text
}
