package calendar

import (
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
)

// Limits of the channels, as their composers enforce them.
const (
	XLimit       = 280   // weighted characters
	XMediaLimit  = 4     // images per post
	VKLimit      = 16384 // characters of a wall post
	VKMediaLimit = 10    // attachments per wall post
	// XWarnLeft is how close to the X limit the counter turns to a warning,
	// as X's own composer does.
	XWarnLeft = 20
)

// Counter is the composer's counter for one channel.
type Counter struct {
	Used, Limit       int  // 0 Limit: the channel sets none
	Media, MediaLimit int  // attachments and their limit
	Warn              bool // close to a limit
	Over              bool // past a limit: the channel would refuse it
}

// Count measures a text and its media for a channel kind: X weighs text as
// X does (the Weigh function of Params), VK counts characters.
func (s *Service) Count(kind core.AccountKind, text string, media int) Counter {
	c := Counter{Media: media}
	switch kind {
	case core.KindX:
		c.Used, c.Limit, c.MediaLimit = s.weight(text), XLimit, XMediaLimit
		c.Warn = c.Used > XLimit-XWarnLeft
	case core.KindVK:
		c.Used, c.Limit, c.MediaLimit = utf8.RuneCountInString(text), VKLimit, VKMediaLimit
		c.Warn = c.Used > VKLimit*9/10
	default:
		c.Used = utf8.RuneCountInString(text)
		return c
	}
	c.Over = c.Used > c.Limit || media > c.MediaLimit
	c.Warn = c.Warn || c.Over || media == c.MediaLimit
	return c
}

func (s *Service) weight(text string) int {
	if s.weigh != nil {
		return s.weigh(text)
	}
	return utf8.RuneCountInString(text)
}
