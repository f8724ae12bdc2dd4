package ui

// Calendar is the content-calendar use case the calendar screens drive
// (core/calendar's service satisfies it).
type Calendar interface{}
