package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
)

// QuadrantBadge colours a quadrant: warm for advocates, a warning for
// critics, calm for the rest.
func QuadrantBadge(q core.Quadrant) (string, fyne.ThemeColorName) {
	c := theme.ColorNamePlaceHolder
	switch q {
	case core.QuadrantAdvocate:
		c = theme.ColorNameSuccess
	case core.QuadrantQuietFan:
		c = theme.ColorNamePrimary
	case core.QuadrantCritic:
		c = theme.ColorNameWarning
	}
	return members.QuadrantLabel(q), c
}

// IdentityIcon is the mark of an identity's channel.
func IdentityIcon(k core.IdentityKind) fyne.Resource {
	switch k {
	case core.IdentityVK:
		return VKIcon
	case core.IdentityX:
		return XIcon
	case core.IdentityFeed:
		return FeedIcon
	default:
		return MailIcon
	}
}
