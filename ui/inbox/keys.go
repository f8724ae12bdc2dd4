package inbox

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/hearthhq/hearth/core"
)

// triageKeys are the inbox's single-key commands. They act only while the
// inbox is in front and no text field has the keyboard: the window gets
// typed keys only when nothing is focused, and the item list forwards its
// own.
type triageKeys struct {
	s *Screen
}

func (k *triageKeys) install(c fyne.Canvas) {
	// Ctrl+Z (Cmd+Z) takes the last triage step back; the desktop driver
	// delivers it as fyne's Undo shortcut.
	c.AddShortcut(&fyne.ShortcutUndo{},
		func(fyne.Shortcut) {
			if k.active() {
				k.s.toast.Undo()
			}
		})
	c.SetOnTypedRune(k.typedRune)
	c.SetOnTypedKey(func(e *fyne.KeyEvent) { k.typedKey(e) })
	k.s.list.onRune = k.typedRune
	k.s.list.onKey = k.typedKey
}

// active reports whether triage keys apply: the inbox is in front and the
// keyboard is not in a text field (only the item list may hold it).
// Undo takes the last triage step back: Ctrl+Z, sent by the window to the
// screen in front.
func (s *Screen) Undo() { s.toast.Undo() }

func (k *triageKeys) active() bool {
	if !k.s.u.active() {
		return false
	}
	f := k.s.u.Win.Canvas().Focused()
	return f == nil || f == fyne.Focusable(k.s.list)
}

func (k *triageKeys) typedRune(r rune) {
	if !k.active() {
		return
	}
	s := k.s
	switch r {
	case 'j':
		s.move(1)
	case 'k':
		s.move(-1)
	case 'e':
		s.setState(core.StateDone, time.Time{})
	case '#':
		s.setState(core.StateSpam, time.Time{})
	case 's':
		s.thread.showSnooze()
	case 'u':
		s.markUnread()
	case 'x':
		s.marks.toggle(s.selectedID)
	case 'r':
		s.composer.focus()
	case '/':
		s.focusSearch()
	case '?':
		s.showShortcuts()
	default:
		s.queueKey(r)
	}
}

// typedKey maps arrows to j/k; it reports whether it handled the key.
func (k *triageKeys) typedKey(e *fyne.KeyEvent) bool {
	if !k.active() {
		return false
	}
	switch e.Name {
	case fyne.KeyDown:
		k.s.move(1)
	case fyne.KeyUp:
		k.s.move(-1)
	case fyne.KeyEscape:
		if len(k.s.marks.ids) == 0 {
			return false
		}
		k.s.marks.clear()
	default:
		return false
	}
	return true
}
