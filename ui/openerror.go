package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// ShowOpenError runs a window of its own that says why the workspace did
// not open (text, worded by the caller) until the person closes it: the
// window has no workspace, so it is the whole app. Its title and button
// are in the language kit.UseLanguage set, English if none.
func ShowOpenError(a fyne.App, text string) {
	win := a.NewWindow(lang.L("Hearth: the workspace did not open"))
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	win.SetContent(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(),
		widget.NewButton(lang.L("Close"), a.Quit)), nil, nil, msg))
	win.Resize(fyne.NewSize(640, 240))
	win.ShowAndRun()
}
