package inbox

// ShowSearch lists what a query finds, in every state, as if it had been
// typed in the search box: the shell opens the messages behind a number of
// the dashboard with it.
func (s *Screen) ShowSearch(query string) {
	s.search.SetText(query)
	s.runSearch(query)
}
