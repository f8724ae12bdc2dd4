package settings

// addFeatureSections adds the sections of the settings other use cases
// own (business hours, scores, channel defaults, templates).
func (s *Screen) addFeatureSections() {}
