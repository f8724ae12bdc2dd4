package kit

import (
	"fyne.io/fyne/v2"

	"github.com/hearthhq/hearth/core"
)

// Screen is one entry of the window's navigation. The shell owns the
// window, the navigation and the one event pump; a screen only draws itself
// and re-reads what changed. Screens never know each other: whatever crosses
// from one to another (open this item, the accounts changed) is a callback
// the shell wires.
type Screen interface {
	// Content is the screen's widget tree, built once.
	Content() fyne.CanvasObject
	// Start loads the first data; the shell calls it once, after the
	// window is built.
	Start()
	// Shown is called each time the screen comes to the front.
	Shown()
	// Changed is called on the UI goroutine with each coalesced burst of
	// change events, whether the screen is in front or not.
	Changed(Changes)
	// Close stops the screen's work and saves what is being written; the
	// window is closing.
	Close()
}

// Changes is a coalesced burst of change events: which kinds arrived and
// which items they named.
type Changes struct {
	Kinds map[core.EventKind]bool
	Items map[int64]bool
}

// NewChanges is an empty burst.
func NewChanges() Changes {
	return Changes{Kinds: map[core.EventKind]bool{}, Items: map[int64]bool{}}
}

// Add records one event.
func (c Changes) Add(ev core.Event) {
	c.Kinds[ev.Kind] = true
	for _, id := range ev.ItemIDs {
		c.Items[id] = true
	}
}

// Has reports whether an event of any of the kinds arrived.
func (c Changes) Has(kinds ...core.EventKind) bool {
	for _, k := range kinds {
		if c.Kinds[k] {
			return true
		}
	}
	return false
}

// Empty reports whether nothing arrived.
func (c Changes) Empty() bool { return len(c.Kinds) == 0 }
