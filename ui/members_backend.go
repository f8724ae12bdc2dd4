package ui

// Members is the member-files use case the members screens drive
// (core/members' service satisfies it).
type Members interface{}
