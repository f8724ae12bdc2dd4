package core

import "time"

// View is a query of the query language (core/query) saved under a name,
// listed in the inbox's navigation. A watch view also tags the new items
// matching it at ingest with WatchTag(Name), on every channel.
type View struct {
	ID        int64
	Name      string
	Query     string
	Watch     bool
	CreatedAt time.Time
}

// WatchTag is the tag a keyword watch gives the items it matches.
func WatchTag(name string) string { return "watch:" + name }
