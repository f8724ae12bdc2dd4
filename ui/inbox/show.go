package inbox

import "time"

// ShowSearch lists what a query finds, in every state, as if it had been
// typed in the search box: the shell opens the messages behind a number of
// the dashboard with it.
func (s *Screen) ShowSearch(query string) {
	s.ShowSearchIn(query, nil)
}

// ShowSearchIn is ShowSearch with the query's days (after:, before:) read
// in zone (nil: the clock's) for as long as the search is this query: the
// dashboard's days are the workspace's, which need not be this computer's.
func (s *Screen) ShowSearchIn(query string, zone *time.Location) {
	s.zone = searchZone{query: query, loc: zone}
	s.search.SetText(query)
	s.runSearch(query)
}

// searchZone is the zone a search's days are read in.
type searchZone struct {
	query string
	loc   *time.Location
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
