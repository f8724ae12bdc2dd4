package inbox

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// itemList is the virtualised inbox list. It forwards typed keys to the
// triage keys, because a tap on a row gives the list the keyboard focus.
type itemList struct {
	widget.List
	items   func() []core.Item
	marked  func(id int64) bool // picked for a bulk step
	now     func() time.Time
	onRune  func(rune)
	onKey   func(*fyne.KeyEvent) bool // true when handled
	nearEnd func()
}

func newItemList(items func() []core.Item, now func() time.Time) *itemList {
	l := &itemList{items: items, now: now}
	l.Length = func() int { return len(l.items()) }
	l.CreateItem = func() fyne.CanvasObject { return newItemRow() }
	l.UpdateItem = l.update
	l.ExtendBaseWidget(l)
	return l
}

func (l *itemList) update(id widget.ListItemID, o fyne.CanvasObject) {
	items := l.items()
	if id < 0 || id >= len(items) {
		return
	}
	o.(*itemRow).set(items[id], l.now(), l.marked != nil && l.marked(items[id].ID))
	if id >= len(items)-kit.PageAhead && l.nearEnd != nil {
		l.nearEnd()
	}
}

// TypedRune sends letters to the triage keys instead of ignoring them.
func (l *itemList) TypedRune(r rune) {
	if l.onRune != nil {
		l.onRune(r)
	}
}

// TypedKey lets the triage keys take arrows and Enter first.
func (l *itemList) TypedKey(e *fyne.KeyEvent) {
	if l.onKey != nil && l.onKey(e) {
		return
	}
	l.List.TypedKey(e)
}
