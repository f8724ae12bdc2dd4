package calendar

import (
	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/posttext"
)

// Counter is the post editor's counter for one channel: posttext's, so
// the post editor and the reply composer count and warn alike.
type Counter = posttext.Counter

// Count measures a post's text and media for an account of kind k.
func (s *Service) Count(kind core.AccountKind, text string, media int) Counter {
	return posttext.Count(posttext.ForAccount(kind), text, media)
}
