package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Banner shows an error inside a screen, readable and dismissable, so a
// failure is never only in the log.
type Banner struct {
	text    *widget.Label
	Content *fyne.Container
}

// NewBanner is a hidden banner; place its Content at the top of a screen.
func NewBanner() *Banner {
	b := &Banner{text: widget.NewLabel("")}
	b.text.Wrapping = fyne.TextWrapWord
	b.text.Importance = widget.DangerImportance
	dismiss := widget.NewButtonWithIcon("", theme.CancelIcon(), b.Hide)
	dismiss.Importance = widget.LowImportance
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.ErrorIcon()))
	b.Content = container.NewBorder(nil, nil, icon, dismiss, b.text)
	b.Content.Hide()
	return b
}

// Show shows msg.
func (b *Banner) Show(msg string) {
	b.text.SetText(msg)
	b.Content.Show()
}

// Hide clears and hides the banner.
func (b *Banner) Hide() {
	b.text.SetText("")
	b.Content.Hide()
}

// Message is the text shown, "" when hidden.
func (b *Banner) Message() string {
	if !b.Content.Visible() {
		return ""
	}
	return b.text.Text
}
