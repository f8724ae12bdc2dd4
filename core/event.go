package core

// EventKind names what changed.
type EventKind string

// Change events the engine publishes after writing; the UI re-queries.
const (
	EventItems   EventKind = "items"   // items inserted or changed
	EventStatus  EventKind = "status"  // an account's sync status changed
	EventOutbox  EventKind = "outbox"  // an outbox entry changed state
	EventAccount EventKind = "account" // accounts added or removed
)

// Event tells listeners that something changed; they re-read what they show.
type Event struct {
	Kind      EventKind
	AccountID int64
	ItemIDs   []int64
}
