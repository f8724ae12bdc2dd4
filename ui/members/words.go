package members

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/kit"
)

// Quadrant and cohort names come from core/members in English; they are
// translated here, where the screen shows them, with their English text as
// the key. words_test.go checks each has its key in members.*.json, which
// a scan of this package's sources cannot see.

// quadrantBadge is a quadrant's name in the person's language and its
// colour.
func quadrantBadge(q core.Quadrant) (string, fyne.ThemeColorName) {
	name, c := kit.QuadrantBadge(q)
	return lang.L(name), c
}

// cohortName is a cohort's name in the person's language.
func cohortName(c core.Cohort) string { return lang.L(members.CohortLabel(c)) }
