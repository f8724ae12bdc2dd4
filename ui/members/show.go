package members

import "github.com/hearthhq/hearth/core"

// ShowSegment lists the members of one quadrant, cohort and channel (any
// may be empty) with every other filter cleared: the shell opens the
// members behind a number of the dashboard with it.
func (s *Screen) ShowSegment(q core.Quadrant, c core.Cohort, ch core.IdentityKind) {
	f := s.clearedFilters()
	f.quadrant, f.cohort, f.channel = q, c, ch
	f.paint()
	s.restart()
}

// ShowMembers lists exactly the members of a set, under its name (a chip
// that clears it), with every other filter cleared: the shell opens the
// members a number of the dashboard counts with it (new, joined, left,
// active in a period).
func (s *Screen) ShowMembers(set core.MemberSet) {
	f := s.clearedFilters()
	f.set = &set
	f.paint()
	s.restart()
}

// clearedFilters shows the table with no filter.
func (s *Screen) clearedFilters() *memberFilters {
	s.closeDossier()
	s.tabs.SelectIndex(0)
	f := s.filters
	for _, e := range []interface{ SetText(string) }{f.search, f.tag, f.interest, f.expertise} {
		e.SetText("")
	}
	f.applied = [4]string{}
	f.quadrant, f.cohort, f.channel, f.set = "", "", "", nil
	return f
}
