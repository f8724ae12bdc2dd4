package inbox

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/kit"
)

// searchEntry is the inbox search: Enter searches, Esc clears and goes
// back to the list.
type searchEntry struct {
	kit.Entry
	onSearch func(query string)
	onClear  func()
}

func newSearchEntry(onSearch func(string), onClear func()) *searchEntry {
	e := &searchEntry{onSearch: onSearch, onClear: onClear}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(lang.L("Search all messages (press / )"))

	e.ActionItem = widget.NewIcon(theme.SearchIcon())
	e.OnSubmitted = func(q string) { e.onSearch(q) }
	e.OnChanged = func(q string) {
		if q == "" {
			e.onClear()
		}
	}
	return e
}

// TypedKey clears the search on Esc and hands the keyboard back to the
// list, so triage keys work again at once.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name != fyne.KeyEscape {
		e.Entry.TypedKey(k)
		return
	}
	if e.Text != "" {
		e.SetText("") // OnChanged clears the search
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Unfocus()
	}
}

// escEntry is a one-line field that hands the keyboard back to the window
// on Esc, so the triage keys work again without reaching for the mouse.
type escEntry struct {
	kit.Entry
}

func newEscEntry() *escEntry {
	e := &escEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey unfocuses on Esc.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name != fyne.KeyEscape {
		e.Entry.TypedKey(k)
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Unfocus()
	}
}
