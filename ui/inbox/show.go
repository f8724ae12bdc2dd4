package inbox

import (
	"time"

	"github.com/hearthhq/hearth/core"
)

// ShowSearch lists what a query finds, in every state, as if it had been
// typed in the search box, for another screen: the shell opens a watch's
// messages with it. The conversation open before closes: it came from
// another list, and a reading pane beside the messages asked for read as
// one of them (a search typed in the box, or a saved view picked, keeps it
// open, for the triage keys).
func (s *Screen) ShowSearch(query string) {
	s.ShowSearchIn(query, nil)
}

// ShowSearchIn is ShowSearch with the query's days (after:, before:) read
// in zone (nil: the clock's) for as long as the search is this query: the
// dashboard's days are the workspace's, which need not be this computer's.
func (s *Screen) ShowSearchIn(query string, zone *time.Location) {
	s.closeItem()
	s.showSearch(searchZone{query: query, loc: zone})
}

// ShowMessagesIn is ShowSearchIn listing every message the query finds,
// not their conversations (a list of conversations matches each one's
// face, its latest message from someone else, alone): what a number of
// the dashboard counts is messages, our replies and questions answered
// since among them. The hit count says messages. The conversation open
// before closes, as with ShowSearch.
func (s *Screen) ShowMessagesIn(query string, zone *time.Location) {
	s.closeItem()
	s.showSearch(searchZone{query: query, loc: zone, messages: true})
}

func (s *Screen) showSearch(z searchZone) {
	s.zone = z
	s.search.SetText(z.query)
	s.runSearch(z.query)
}

// searchZone is the zone a search's days are read in.
type searchZone struct {
	query    string
	loc      *time.Location
	messages bool // list messages, not conversations (ShowMessagesIn)
}

// listsMessages says whether the list shows messages rather than
// conversations: while the search is the one ShowMessagesIn gave.
func (s *Screen) listsMessages() bool {
	return s.zone.messages && s.query != "" && s.query == s.zone.query
}

// filter is the list's filter: the filter bar's, by message while
// listsMessages.
func (s *Screen) filter() core.ItemFilter {
	f := s.filters.filter()
	if s.listsMessages() {
		f.Conversations = false
	}
	return f
}

// now is the clock a query is read with: in the zone ShowSearchIn gave
// while the search is still its query.
func (s *Screen) now() time.Time {
	t := s.u.Now()
	if s.zone.loc != nil && s.query == s.zone.query {
		return t.In(s.zone.loc)
	}
	return t
}
