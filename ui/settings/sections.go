package settings

// addFeatureSections adds the sections of the settings other use cases
// own (business hours, scores, channel defaults, templates), each only
// when the backend has its service.
func (s *Screen) addFeatureSections() {
	if s.b.Hours != nil {
		s.hours = newHoursSection(s)
		s.AddSection(s.hours.section())
	}
	if s.b.Scores != nil {
		s.scores = newScoresSection(s)
		s.AddSection(s.scores.section())
	}
	s.channels = newChannelsSection(s)
	s.AddSection(s.channels.section())
	s.templates = newTemplatesSection(s)
	s.AddSection(s.templates.section())
}
