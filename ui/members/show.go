package members

import "github.com/hearthhq/hearth/core"

// ShowSegment lists the members of one quadrant, cohort and channel (any
// may be empty) with every other filter cleared: the shell opens the
// members behind a number of the dashboard with it.
func (s *Screen) ShowSegment(q core.Quadrant, c core.Cohort, ch core.IdentityKind) {
	s.closeDossier()
	s.tabs.SelectIndex(0)
	f := s.filters
	for _, e := range []interface{ SetText(string) }{f.search, f.tag, f.interest, f.expertise} {
		e.SetText("")
	}
	f.applied = [4]string{}
	f.quadrant, f.cohort, f.channel = q, c, ch
	f.paint()
	s.restart()
}
