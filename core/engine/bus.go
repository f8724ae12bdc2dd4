package engine

import (
	"sync"

	"github.com/hearthhq/hearth/core"
)

// Bus fans change events out to subscribers. A slow subscriber never blocks
// the engine: its channel is buffered and, when full, further events are
// dropped for it (events only say "re-read", so losing a duplicate is fine).
type Bus struct {
	mu   sync.Mutex
	subs map[chan core.Event]struct{}
}

// NewBus returns an empty bus.
func NewBus() *Bus { return &Bus{subs: map[chan core.Event]struct{}{}} }

// Subscribe returns a channel of events and a function that ends the
// subscription and closes the channel.
func (b *Bus) Subscribe() (<-chan core.Event, func()) {
	ch := make(chan core.Event, 64)
	b.mu.Lock()
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			b.mu.Lock()
			delete(b.subs, ch)
			b.mu.Unlock()
			close(ch)
		})
	}
}

// Publish sends ev to every subscriber without blocking.
func (b *Bus) Publish(ev core.Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- ev:
		default:
		}
	}
}
