package inbox

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// shortcuts are every key the inbox answers, as the ? overlay lists them.
var shortcuts = []struct{ keys, what string }{
	{"j  ↓", "next conversation"},
	{"k  ↑", "previous conversation"},
	{"e", "done"},
	{"s", "snooze"},
	{"#", "spam"},
	{"u", "mark unread"},
	{"r", "reply"},
	{"x", "pick the conversation for a bulk step"},
	{"Ctrl+click  Shift+click", "pick one, pick a run"},
	{"Esc", "clear the picks"},
	{"/", "search"},
	{"Ctrl+Z", "undo the last step"},
	{"Ctrl+Enter", "send the reply"},
	{"Ctrl+Shift+S", "saved replies, in the reply"},
	{"Esc", "leave the reply, back to the keys"},
	{"?", "this list"},
	{"Esc", "close a dialog or this list"},
	{"f  d  b  h", "in Moderation: fine, delete, ban, hide"},
}

// showShortcuts lists every shortcut in a dialog.
func (s *Screen) showShortcuts() {
	grid := container.NewGridWithColumns(2)
	for _, k := range shortcuts {
		// Key names are translated too: a French keyboard says Échap.
		key := widget.NewLabelWithStyle(lang.L(k.keys), fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})

		grid.Add(key)
		grid.Add(widget.NewLabel(lang.L(k.what)))
	}
	dialog.ShowCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), grid, s.u.Win)

}
