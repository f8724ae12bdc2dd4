package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/hearthhq/hearth/ui/kit"
)

// lazyScreen is a screen of the navigation built the first time it comes to
// the front, not at the window's start: building every screen measured
// and laid out the text of seven screens nobody had asked for before the
// inbox's first page could paint (docs/benchmarks.md). Until then its
// slot in the stack is empty, events are dropped (the screen reads
// everything when built) and Close has nothing to save.
type lazyScreen struct {
	build   func() kit.Screen
	built   kit.Screen // nil until first shown
	slot    *fyne.Container
	started bool // the shell called Start: a screen built later starts at once
}

func newLazy(build func() kit.Screen) *lazyScreen {
	return &lazyScreen{build: build, slot: container.NewStack()}
}

// screen builds the screen if it is not yet, and returns it. UI goroutine.
func (l *lazyScreen) screen() kit.Screen {
	if l.built == nil {
		l.built = l.build()
		l.build = nil
		l.slot.Add(l.built.Content())
		if l.started {
			l.built.Start()
		}
	}
	return l.built
}

func (l *lazyScreen) Content() fyne.CanvasObject { return l.slot }

func (l *lazyScreen) Start() {
	l.started = true
	if l.built != nil {
		l.built.Start()
	}
}

func (l *lazyScreen) Shown() { l.screen().Shown() }

func (l *lazyScreen) Changed(c kit.Changes) {
	if l.built != nil {
		l.built.Changed(c)
	}
}

func (l *lazyScreen) Close() {
	if l.built != nil {
		l.built.Close()
	}
}

// unwrap is the screen itself for a lazy one that is built (nil while it
// is not), s otherwise.
func unwrap(s kit.Screen) kit.Screen {
	if l, ok := s.(*lazyScreen); ok {
		if l.built == nil {
			return nil
		}
		return l.built
	}
	return s
}
