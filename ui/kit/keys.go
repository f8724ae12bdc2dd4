package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// IsSendShortcut reports whether s is Ctrl+Enter (Cmd+Enter on a Mac):
// send what is being written.
func IsSendShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || (cs.KeyName != fyne.KeyReturn && cs.KeyName != fyne.KeyEnter) {
		return false
	}
	return cs.Modifier == fyne.KeyModifierControl || cs.Modifier == fyne.KeyModifierSuper
}

// Undoer is a screen that can take its last step back: the window sends
// Ctrl+Z (Cmd+Z) to the screen in front.
type Undoer interface {
	Undo()
}

// Dropper is a screen that takes files dropped on the window: the shell
// hands the drop to the screen in front, as local paths.
type Dropper interface {
	Dropped(paths []string)
}
